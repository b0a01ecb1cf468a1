-- 0120 regulation: regulators' scoring tables (versions), conduct records with evidence, companies' objections.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE SCHEMA IF NOT EXISTS regulation;

CREATE TABLE regulation.credit_rating_table (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    preset character varying(20) NOT NULL,
    name character varying(100) NOT NULL,
    version_no integer NOT NULL,
    period character varying(40) NOT NULL,
    base_max numeric(14,2) NOT NULL,
    good_cap numeric(14,2) NOT NULL,
    no_bad_record_floor_grade character varying(20),
    ungraded_below_lowest boolean NOT NULL,
    appeal_days integer NOT NULL,
    flag_bottom integer NOT NULL,
    public_scores boolean NOT NULL,
    bands_json jsonb NOT NULL,
    items_json jsonb NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_credit_rating_table PRIMARY KEY (id)
);

CREATE TABLE regulation.conduct_record (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    table_id uuid NOT NULL,
    item_code character varying(40) NOT NULL,
    item_name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    points numeric(14,2) NOT NULL,
    occurred_on date NOT NULL,
    valid_until date NOT NULL,
    appeal_until date NOT NULL,
    evidence character varying(2000) NOT NULL,
    source character varying(40) NOT NULL,
    source_id uuid,
    recorded_by_name character varying(100) NOT NULL,
    decision character varying(40),
    decision_note character varying(500),
    decided_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conduct_record PRIMARY KEY (id),
    CONSTRAINT fk_conduct_record_table_id FOREIGN KEY (table_id) REFERENCES regulation.credit_rating_table (id) ON DELETE RESTRICT
);

CREATE TABLE regulation.conduct_objection (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    conduct_record_id uuid NOT NULL,
    reason character varying(1000) NOT NULL,
    evidence character varying(2000),
    filed_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conduct_objection PRIMARY KEY (id),
    CONSTRAINT fk_conduct_objection_conduct_record_id FOREIGN KEY (conduct_record_id) REFERENCES regulation.conduct_record (id) ON DELETE CASCADE
);

CREATE INDEX ix_conduct_objection_company_id ON regulation.conduct_objection (company_id);

CREATE UNIQUE INDEX ix_conduct_objection_conduct_record_id ON regulation.conduct_objection (conduct_record_id);

CREATE INDEX ix_conduct_record_company_id_occurred_on ON regulation.conduct_record (company_id, occurred_on);

CREATE INDEX ix_conduct_record_regulator_id ON regulation.conduct_record (regulator_id);

CREATE INDEX ix_conduct_record_source_id ON regulation.conduct_record (source_id);

CREATE INDEX ix_conduct_record_table_id ON regulation.conduct_record (table_id);

CREATE UNIQUE INDEX ix_credit_rating_table_regulator_id_version_no ON regulation.credit_rating_table (regulator_id, version_no);
