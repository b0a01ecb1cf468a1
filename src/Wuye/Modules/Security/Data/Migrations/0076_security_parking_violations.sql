-- 0076 security parking violations (违章停车, 万科#15, 000#32): the ledger — plate, place, kind, photos, the notice number, the
-- registered vehicle and its owner told, escalation of repeat violators, the outcome.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE SEQUENCE security.parking_violation_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE security.parking_violation (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    number character varying(20) NOT NULL,
    plate character varying(10) NOT NULL,
    place character varying(200) NOT NULL,
    kind character varying(40) NOT NULL,
    note character varying(500),
    photo_ids uuid[] NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    recorded_by uuid NOT NULL,
    recorded_by_name character varying(100) NOT NULL,
    vehicle_id uuid,
    owner_unit_id uuid,
    owner_notified_at timestamp with time zone,
    escalated_at timestamp with time zone,
    closed_at timestamp with time zone,
    closed_by uuid,
    outcome character varying(40),
    outcome_note character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_parking_violation PRIMARY KEY (id)
);

CREATE INDEX ix_parking_violation_company_id ON security.parking_violation (company_id);

CREATE INDEX ix_parking_violation_escalated_at_recorded_at ON security.parking_violation (escalated_at, recorded_at);

CREATE UNIQUE INDEX ix_parking_violation_number ON security.parking_violation (number);

CREATE INDEX ix_parking_violation_project_id_plate_recorded_at ON security.parking_violation (project_id, plate, recorded_at);

CREATE INDEX ix_parking_violation_project_id_recorded_at ON security.parking_violation (project_id, recorded_at);
