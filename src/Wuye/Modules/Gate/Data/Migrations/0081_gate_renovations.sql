-- 0081 gate: renovations (a state machine with its history: application → drawings → agreement → deposit → permit →
-- deductions → acceptance → refund) and refused after-hours entries recorded in that history.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE gate.renovation (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    state character varying(40) NOT NULL,
    contractor character varying(100) NOT NULL,
    scope character varying(1000) NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    deposit numeric(14,2) NOT NULL,
    deductions numeric(14,2) NOT NULL,
    refunded numeric(14,2),
    permit_code character varying(8),
    permitted_at timestamp with time zone,
    applied_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_renovation PRIMARY KEY (id)
);

CREATE TABLE gate.renovation_event (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    renovation_id uuid NOT NULL,
    action character varying(30) NOT NULL,
    "from" character varying(40) NOT NULL,
    "to" character varying(40) NOT NULL,
    note character varying(600),
    amount numeric(14,2),
    by uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_renovation_event PRIMARY KEY (id),
    CONSTRAINT fk_renovation_event_renovation_id FOREIGN KEY (renovation_id) REFERENCES gate.renovation (id) ON DELETE CASCADE
);

CREATE INDEX ix_renovation_company_id ON gate.renovation (company_id);

CREATE UNIQUE INDEX ix_renovation_project_id_permit_code ON gate.renovation (project_id, permit_code);

CREATE INDEX ix_renovation_project_id_state ON gate.renovation (project_id, state);

CREATE INDEX ix_renovation_unit_id ON gate.renovation (unit_id);

CREATE INDEX ix_renovation_event_company_id ON gate.renovation_event (company_id);

CREATE INDEX ix_renovation_event_project_id_action_at ON gate.renovation_event (project_id, action, at);

CREATE INDEX ix_renovation_event_renovation_id_at ON gate.renovation_event (renovation_id, at);
