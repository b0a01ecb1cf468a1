-- 0092 facilities: meters (master and sub-meters), their readings with anomaly flags, and each project's thresholds.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE facilities.energy_settings (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    median_factor numeric(14,2) NOT NULL,
    year_on_year_percent numeric(14,2) NOT NULL,
    shared_loss_percent numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_energy_settings PRIMARY KEY (id)
);

CREATE TABLE facilities.meter (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    building_id uuid,
    code character varying(40) NOT NULL,
    name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    master_meter_id uuid,
    multiplier numeric(14,3) NOT NULL,
    rollover_at numeric(14,3),
    verified_on date,
    verification_due_on date,
    responsible_user_id uuid,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_meter PRIMARY KEY (id)
);

CREATE TABLE facilities.meter_reading (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    meter_id uuid NOT NULL,
    period integer NOT NULL,
    read_on date NOT NULL,
    value numeric(14,3) NOT NULL,
    consumption numeric(14,3),
    source character varying(40) NOT NULL,
    read_by_user_id uuid,
    anomalies text[] NOT NULL,
    assignee_user_id uuid,
    resolved_at timestamp with time zone,
    resolved_note character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_meter_reading PRIMARY KEY (id),
    CONSTRAINT fk_meter_reading_meter_id FOREIGN KEY (meter_id) REFERENCES facilities.meter (id) ON DELETE CASCADE
);

CREATE INDEX ix_energy_settings_company_id ON facilities.energy_settings (company_id);

CREATE UNIQUE INDEX ix_energy_settings_project_id ON facilities.energy_settings (project_id);

CREATE INDEX ix_meter_company_id ON facilities.meter (company_id);

CREATE INDEX ix_meter_master_meter_id ON facilities.meter (master_meter_id);

CREATE UNIQUE INDEX ix_meter_project_id_code ON facilities.meter (project_id, code);

CREATE INDEX ix_meter_reading_assignee_user_id_resolved_at ON facilities.meter_reading (assignee_user_id, resolved_at);

CREATE INDEX ix_meter_reading_company_id ON facilities.meter_reading (company_id);

CREATE INDEX ix_meter_reading_meter_id_period ON facilities.meter_reading (meter_id, period);

CREATE INDEX ix_meter_reading_project_id_period ON facilities.meter_reading (project_id, period);
