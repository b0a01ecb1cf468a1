-- 0103 emergencies: planned water and power outages (001 ch.6.2) and their notices to the affected residents, each flagged late
-- or not against the notice deadline. Drafted from the EF model (--print-create-script).

CREATE TABLE emergencies.planned_outage (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    building_ids uuid[] NOT NULL,
    unit_ids uuid[] NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    expected_end_at timestamp with time zone NOT NULL,
    reason character varying(500) NOT NULL,
    temporary_water character varying(300),
    planned_by_user_id uuid,
    planned_by_name character varying(100) NOT NULL,
    planned_at timestamp with time zone NOT NULL,
    notice_due_by timestamp with time zone NOT NULL,
    first_notice_at timestamp with time zone,
    notice_late boolean NOT NULL,
    notice_reminded_at timestamp with time zone,
    started_at timestamp with time zone,
    temporary_water_ready_at timestamp with time zone,
    temporary_water_ready_by character varying(100),
    ended_at timestamp with time zone,
    ended_by_name character varying(100),
    overrun_told_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_planned_outage PRIMARY KEY (id)
);

CREATE TABLE emergencies.outage_notice (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    planned_outage_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    unit_ids uuid[] NOT NULL,
    recipients integer NOT NULL,
    board_notice_id uuid,
    text character varying(1000) NOT NULL,
    by_name character varying(100) NOT NULL,
    late boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_outage_notice PRIMARY KEY (id),
    CONSTRAINT fk_outage_notice_planned_outage_id FOREIGN KEY (planned_outage_id) REFERENCES emergencies.planned_outage (id) ON DELETE CASCADE
);


CREATE INDEX ix_outage_notice_company_id ON emergencies.outage_notice (company_id);
CREATE INDEX ix_outage_notice_planned_outage_id_at ON emergencies.outage_notice (planned_outage_id, at);
CREATE INDEX ix_outage_notice_project_id ON emergencies.outage_notice (project_id);
CREATE INDEX ix_planned_outage_company_id ON emergencies.planned_outage (company_id);
CREATE INDEX ix_planned_outage_ended_at_starts_at ON emergencies.planned_outage (ended_at, starts_at);
CREATE INDEX ix_planned_outage_project_id_starts_at ON emergencies.planned_outage (project_id, starts_at);
