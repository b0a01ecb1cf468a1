-- 0071 security posts: posts per project (peak and double-post slots), shifts, and who is put on each post for a shift of a day.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE security.guard_shift (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(50) NOT NULL,
    starts time without time zone NOT NULL,
    ends time without time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_guard_shift PRIMARY KEY (id)
);

CREATE TABLE security.post (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    peak_slots character varying(200) NOT NULL,
    double_slots character varying(200) NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_post PRIMARY KEY (id)
);

CREATE TABLE security.post_assignment (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    security_post_id uuid NOT NULL,
    guard_shift_id uuid NOT NULL,
    day date NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    staff_member_id uuid NOT NULL,
    user_id uuid,
    name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_post_assignment PRIMARY KEY (id),
    CONSTRAINT fk_post_assignment_guard_shift_id FOREIGN KEY (guard_shift_id) REFERENCES security.guard_shift (id) ON DELETE RESTRICT,
    CONSTRAINT fk_post_assignment_security_post_id FOREIGN KEY (security_post_id) REFERENCES security.post (id) ON DELETE CASCADE
);

CREATE INDEX ix_guard_shift_company_id ON security.guard_shift (company_id);

CREATE UNIQUE INDEX ix_guard_shift_project_id_name ON security.guard_shift (project_id, name);

CREATE INDEX ix_post_company_id ON security.post (company_id);

CREATE UNIQUE INDEX ix_post_project_id_name ON security.post (project_id, name);

CREATE INDEX ix_post_assignment_company_id ON security.post_assignment (company_id);

CREATE INDEX ix_post_assignment_guard_shift_id ON security.post_assignment (guard_shift_id);

CREATE INDEX ix_post_assignment_project_id_starts_at_ends_at ON security.post_assignment (project_id, starts_at, ends_at);

CREATE INDEX ix_post_assignment_security_post_id_day ON security.post_assignment (security_post_id, day);

CREATE INDEX ix_post_assignment_staff_member_id_starts_at ON security.post_assignment (staff_member_id, starts_at);
