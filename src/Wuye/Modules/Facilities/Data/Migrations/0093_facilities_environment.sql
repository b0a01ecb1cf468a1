-- 0093 facilities: cleaning and greening responsibility zones, their schedules (RRULE) and generated tasks with spot checks.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE facilities.environment_zone (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    name character varying(100) NOT NULL,
    work character varying(40) NOT NULL,
    team_id uuid,
    team_name character varying(100),
    vendor_id uuid,
    responsible_user_id uuid,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_environment_zone PRIMARY KEY (id)
);

CREATE TABLE facilities.environment_schedule (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    environment_zone_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    work character varying(40) NOT NULL,
    rule character varying(300) NOT NULL,
    starts_on date NOT NULL,
    times_per_day integer NOT NULL,
    skip_non_working_days boolean NOT NULL,
    photo_required boolean NOT NULL,
    generated_through date,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_environment_schedule PRIMARY KEY (id),
    CONSTRAINT fk_environment_schedule_environment_zone_id FOREIGN KEY (environment_zone_id) REFERENCES facilities.environment_zone (id) ON DELETE RESTRICT
);

CREATE TABLE facilities.environment_task (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    environment_zone_id uuid NOT NULL,
    environment_schedule_id uuid NOT NULL,
    vendor_id uuid,
    name character varying(100) NOT NULL,
    zone_name character varying(100) NOT NULL,
    work character varying(40) NOT NULL,
    due_on date NOT NULL,
    round integer NOT NULL,
    rounds integer NOT NULL,
    assignee_user_id uuid,
    photo_required boolean NOT NULL,
    status character varying(40) NOT NULL,
    done_at timestamp with time zone,
    done_by_user_id uuid,
    done_by_name character varying(100),
    photo_id uuid,
    note character varying(500),
    checked_at timestamp with time zone,
    checked_by_name character varying(100),
    check_passed boolean,
    check_note character varying(500),
    finding_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_environment_task PRIMARY KEY (id),
    CONSTRAINT fk_environment_task_environment_schedule_id FOREIGN KEY (environment_schedule_id) REFERENCES facilities.environment_schedule (id) ON DELETE RESTRICT
);

CREATE INDEX ix_environment_schedule_archived_at_generated_through ON facilities.environment_schedule (archived_at, generated_through);

CREATE INDEX ix_environment_schedule_company_id ON facilities.environment_schedule (company_id);

CREATE INDEX ix_environment_task_assignee_user_id_status ON facilities.environment_task (assignee_user_id, status);

CREATE INDEX ix_environment_task_company_id ON facilities.environment_task (company_id);

CREATE INDEX ix_environment_task_environment_zone_id_due_on ON facilities.environment_task (environment_zone_id, due_on);

CREATE INDEX ix_environment_task_project_id_due_on ON facilities.environment_task (project_id, due_on);

CREATE INDEX ix_environment_task_vendor_id_due_on ON facilities.environment_task (vendor_id, due_on);

CREATE INDEX ix_environment_zone_company_id ON facilities.environment_zone (company_id);

CREATE INDEX ix_environment_zone_vendor_id ON facilities.environment_zone (vendor_id);

CREATE UNIQUE INDEX ix_environment_schedule_environment_zone_id_name ON facilities.environment_schedule (environment_zone_id, name);

CREATE UNIQUE INDEX ix_environment_task_environment_schedule_id_due_on_round ON facilities.environment_task (environment_schedule_id, due_on, round);

CREATE UNIQUE INDEX ix_environment_zone_project_id_name ON facilities.environment_zone (project_id, name);
