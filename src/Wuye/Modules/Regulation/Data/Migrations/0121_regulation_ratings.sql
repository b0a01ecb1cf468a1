-- 0121 regulation: published credit ratings of a closed period (score, rank, grade, red/black list, flag).
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE regulation.credit_rating (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    company_id uuid NOT NULL,
    company_name character varying(200) NOT NULL,
    period character varying(10) NOT NULL,
    period_end date NOT NULL,
    table_id uuid NOT NULL,
    table_name character varying(100) NOT NULL,
    table_version_no integer NOT NULL,
    score numeric(14,2) NOT NULL,
    base_points numeric(14,2) NOT NULL,
    good_points numeric(14,2) NOT NULL,
    bad_points numeric(14,2) NOT NULL,
    rank integer NOT NULL,
    ranked_count integer NOT NULL,
    grade character varying(20),
    grade_label character varying(20),
    list character varying(40) NOT NULL,
    vetoed boolean NOT NULL,
    flagged boolean NOT NULL,
    score_public boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_credit_rating PRIMARY KEY (id),
    CONSTRAINT fk_credit_rating_table_id FOREIGN KEY (table_id) REFERENCES regulation.credit_rating_table (id) ON DELETE RESTRICT
);

CREATE INDEX ix_credit_rating_company_id_period_end ON regulation.credit_rating (company_id, period_end);

CREATE UNIQUE INDEX ix_credit_rating_regulator_id_period_company_id ON regulation.credit_rating (regulator_id, period, company_id);

CREATE INDEX ix_credit_rating_table_id ON regulation.credit_rating (table_id);
