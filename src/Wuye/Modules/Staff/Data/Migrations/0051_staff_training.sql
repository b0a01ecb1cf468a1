-- 0051 staff (人员): training sessions (培训) and each trainee's attendance, score, pass and rating.

CREATE TABLE staff.training_session (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    title character varying(100) NOT NULL,
    topic character varying(40) NOT NULL,
    held_on date NOT NULL,
    hours numeric(14,1) NOT NULL,
    trainer character varying(50),
    pass_mark numeric(14,1) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_training_session PRIMARY KEY (id)
);

CREATE TABLE staff.training_attendance (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    session_id uuid NOT NULL,
    staff_member_id uuid NOT NULL,
    trainee_name character varying(100) NOT NULL,
    attended boolean,
    score numeric(14,1),
    passed boolean,
    rating integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_training_attendance PRIMARY KEY (id),
    CONSTRAINT fk_training_attendance_session_id FOREIGN KEY (session_id) REFERENCES staff.training_session (id) ON DELETE CASCADE
);

CREATE INDEX ix_training_attendance_staff_member_id ON staff.training_attendance (staff_member_id);

CREATE UNIQUE INDEX ix_training_attendance_session_id_staff_member_id ON staff.training_attendance (session_id, staff_member_id);

CREATE INDEX ix_training_session_company_id_held_on ON staff.training_session (company_id, held_on);

CREATE INDEX ix_training_session_project_id_held_on ON staff.training_session (project_id, held_on);
