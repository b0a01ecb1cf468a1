-- 0073 security safety tips (万科#4): the library of tips, their schedules to posts by daily time slot, each push to a guard.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE security.safety_tip (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    title character varying(100) NOT NULL,
    body character varying(500) NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safety_tip PRIMARY KEY (id)
);

CREATE TABLE security.safety_tip_schedule (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    safety_tip_id uuid NOT NULL,
    security_post_id uuid NOT NULL,
    "from" time without time zone NOT NULL,
    "to" time without time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safety_tip_schedule PRIMARY KEY (id),
    CONSTRAINT fk_safety_tip_schedule_safety_tip_id FOREIGN KEY (safety_tip_id) REFERENCES security.safety_tip (id) ON DELETE CASCADE,
    CONSTRAINT fk_safety_tip_schedule_security_post_id FOREIGN KEY (security_post_id) REFERENCES security.post (id) ON DELETE CASCADE
);

CREATE TABLE security.safety_tip_delivery (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    safety_tip_schedule_id uuid NOT NULL,
    safety_tip_id uuid NOT NULL,
    security_post_id uuid NOT NULL,
    post_name character varying(100) NOT NULL,
    title character varying(100) NOT NULL,
    body character varying(500) NOT NULL,
    day date NOT NULL,
    slot_from timestamp with time zone NOT NULL,
    slot_to timestamp with time zone NOT NULL,
    guard_user_id uuid,
    guard_name character varying(100),
    pushed_at timestamp with time zone NOT NULL,
    acknowledged_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safety_tip_delivery PRIMARY KEY (id),
    CONSTRAINT fk_safety_tip_delivery_safety_tip_id FOREIGN KEY (safety_tip_id) REFERENCES security.safety_tip (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safety_tip_delivery_security_post_id FOREIGN KEY (security_post_id) REFERENCES security.post (id) ON DELETE CASCADE
);

CREATE INDEX ix_safety_tip_company_id ON security.safety_tip (company_id);

CREATE INDEX ix_safety_tip_project_id_title ON security.safety_tip (project_id, title);

CREATE INDEX ix_safety_tip_delivery_company_id ON security.safety_tip_delivery (company_id);

CREATE INDEX ix_safety_tip_delivery_guard_user_id_acknowledged_at ON security.safety_tip_delivery (guard_user_id, acknowledged_at);

CREATE INDEX ix_safety_tip_delivery_project_id_day ON security.safety_tip_delivery (project_id, day);

CREATE INDEX ix_safety_tip_delivery_safety_tip_id ON security.safety_tip_delivery (safety_tip_id);

CREATE UNIQUE INDEX ix_safety_tip_delivery_safety_tip_schedule_id_day ON security.safety_tip_delivery (safety_tip_schedule_id, day);

CREATE INDEX ix_safety_tip_delivery_security_post_id ON security.safety_tip_delivery (security_post_id);

CREATE INDEX ix_safety_tip_schedule_company_id ON security.safety_tip_schedule (company_id);

CREATE INDEX ix_safety_tip_schedule_from_to ON security.safety_tip_schedule ("from", "to");

CREATE INDEX ix_safety_tip_schedule_safety_tip_id_security_post_id ON security.safety_tip_schedule (safety_tip_id, security_post_id);

CREATE INDEX ix_safety_tip_schedule_security_post_id ON security.safety_tip_schedule (security_post_id);

