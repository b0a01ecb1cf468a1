-- 0104 emergencies: the safety log (security incidents, criminal cases, fire alarms, fires) from which the 001/002 safety
-- indicators are counted per project and year. Drafted from the EF model (--print-create-script).

CREATE TABLE emergencies.safety_event (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    major boolean NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    location character varying(200),
    description character varying(1000) NOT NULL,
    incident_id uuid,
    recorded_by_user_id uuid,
    recorded_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safety_event PRIMARY KEY (id)
);

CREATE INDEX ix_safety_event_company_id ON emergencies.safety_event (company_id);
CREATE INDEX ix_safety_event_incident_id ON emergencies.safety_event (incident_id);
CREATE INDEX ix_safety_event_project_id_occurred_at ON emergencies.safety_event (project_id, occurred_at);
