-- 0078 security duties (安保职责, 001 ch.2.1): duties with their schedule (CCTV retention checked daily, fire-equipment checks, fire
-- drills every half year) and the checks recorded against them; overdue duties told to the supervisor once per due date.

CREATE TABLE security.duty (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    every_days integer NOT NULL,
    starts_on date NOT NULL,
    alerted_due_on date,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_duty PRIMARY KEY (id)
);

CREATE INDEX ix_duty_company_id ON security.duty (company_id);

CREATE UNIQUE INDEX ix_duty_project_id_name ON security.duty (project_id, name);

CREATE TABLE security.duty_check (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    security_duty_id uuid NOT NULL,
    day date NOT NULL,
    oldest_recording_on date,
    retained_days integer,
    finding boolean NOT NULL,
    note character varying(500),
    recorded_at timestamp with time zone NOT NULL,
    recorded_by uuid NOT NULL,
    recorded_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_duty_check PRIMARY KEY (id),
    CONSTRAINT fk_duty_check_security_duty_id FOREIGN KEY (security_duty_id) REFERENCES security.duty (id) ON DELETE CASCADE
);

CREATE INDEX ix_duty_check_company_id ON security.duty_check (company_id);

CREATE INDEX ix_duty_check_project_id_day ON security.duty_check (project_id, day);

CREATE UNIQUE INDEX ix_duty_check_security_duty_id_day ON security.duty_check (security_duty_id, day);
