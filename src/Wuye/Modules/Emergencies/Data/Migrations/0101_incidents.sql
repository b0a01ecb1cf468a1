-- 0101 emergencies: incidents started from a plan (or run as a drill), their steps ticked once, their timeline.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE emergencies.incident (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    emergency_plan_id uuid NOT NULL,
    plan_version integer NOT NULL,
    kind character varying(40) NOT NULL,
    title character varying(100) NOT NULL,
    drill_id uuid,
    location character varying(200),
    building_ids uuid[] NOT NULL,
    started_at timestamp with time zone NOT NULL,
    started_by_user_id uuid,
    started_by_name character varying(100) NOT NULL,
    residents_told_at timestamp with time zone,
    closed_at timestamp with time zone,
    cause character varying(500),
    summary character varying(2000),
    open_steps_reason character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_incident PRIMARY KEY (id),
    CONSTRAINT fk_incident_emergency_plan_id FOREIGN KEY (emergency_plan_id) REFERENCES emergencies.emergency_plan (id) ON DELETE RESTRICT
);

CREATE TABLE emergencies.incident_step (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    incident_id uuid NOT NULL,
    position integer NOT NULL,
    action character varying(300) NOT NULL,
    role character varying(40) NOT NULL,
    target_minutes integer NOT NULL,
    done_at timestamp with time zone,
    done_by_user_id uuid,
    done_by_name character varying(100),
    note character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_incident_step PRIMARY KEY (id),
    CONSTRAINT fk_incident_step_incident_id FOREIGN KEY (incident_id) REFERENCES emergencies.incident (id) ON DELETE CASCADE
);

CREATE TABLE emergencies.incident_entry (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    incident_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    kind character varying(40) NOT NULL,
    text character varying(500) NOT NULL,
    by_name character varying(100) NOT NULL,
    file_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_incident_entry PRIMARY KEY (id),
    CONSTRAINT fk_incident_entry_incident_id FOREIGN KEY (incident_id) REFERENCES emergencies.incident (id) ON DELETE CASCADE
);

CREATE INDEX ix_incident_closed_at_started_at ON emergencies.incident (closed_at, started_at);
CREATE INDEX ix_incident_company_id ON emergencies.incident (company_id);
CREATE INDEX ix_incident_drill_id ON emergencies.incident (drill_id);
CREATE INDEX ix_incident_emergency_plan_id ON emergencies.incident (emergency_plan_id);
CREATE INDEX ix_incident_project_id_started_at ON emergencies.incident (project_id, started_at);
CREATE INDEX ix_incident_entry_company_id ON emergencies.incident_entry (company_id);
CREATE INDEX ix_incident_entry_incident_id_at ON emergencies.incident_entry (incident_id, at);
CREATE INDEX ix_incident_entry_project_id ON emergencies.incident_entry (project_id);
CREATE INDEX ix_incident_step_company_id ON emergencies.incident_step (company_id);
CREATE UNIQUE INDEX ix_incident_step_incident_id_position ON emergencies.incident_step (incident_id, position);
CREATE INDEX ix_incident_step_project_id ON emergencies.incident_step (project_id);
