-- 0067 fees: public revenue (公共收益) — a project's ledger of income and expenses, the owners' share with its history, and
-- half-yearly statements published to the owners as frozen snapshots (a correction is a new edition), with read receipts.

CREATE TABLE fees.owner_share_setting (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    percent numeric(14,2) NOT NULL,
    effective_from date NOT NULL,
    note character varying(200),
    set_by_user_id uuid NOT NULL,
    set_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_owner_share_setting PRIMARY KEY (id)
);

CREATE TABLE fees.revenue_entry (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    category character varying(40) NOT NULL,
    date date NOT NULL,
    amount numeric(14,2) NOT NULL,
    counterparty character varying(100) NOT NULL,
    note character varying(500),
    attachment_ids uuid[] NOT NULL,
    recorded_by_user_id uuid NOT NULL,
    recorded_by_name character varying(100) NOT NULL,
    voided_by_statement_id uuid,
    voided_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_revenue_entry PRIMARY KEY (id)
);

CREATE TABLE fees.revenue_statement (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    year integer NOT NULL,
    half integer NOT NULL,
    edition integer NOT NULL,
    status character varying(40) NOT NULL,
    income numeric(14,2) NOT NULL,
    expense numeric(14,2) NOT NULL,
    net numeric(14,2) NOT NULL,
    share_percent numeric(14,2) NOT NULL,
    owners_share numeric(14,2) NOT NULL,
    entry_count integer NOT NULL,
    lines_json jsonb NOT NULL,
    correction_reason character varying(500),
    published_by_user_id uuid NOT NULL,
    published_by_name character varying(100) NOT NULL,
    published_at timestamp with time zone NOT NULL,
    superseded_by_id uuid,
    superseded_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_revenue_statement PRIMARY KEY (id)
);

CREATE TABLE fees.statement_read (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    statement_id uuid NOT NULL,
    user_id uuid NOT NULL,
    read_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_statement_read PRIMARY KEY (id),
    CONSTRAINT fk_statement_read_statement_id FOREIGN KEY (statement_id) REFERENCES fees.revenue_statement (id) ON DELETE RESTRICT
);

CREATE INDEX ix_owner_share_setting_project_id_effective_from ON fees.owner_share_setting (project_id, effective_from);

CREATE INDEX ix_revenue_entry_project_id_date ON fees.revenue_entry (project_id, date);

CREATE UNIQUE INDEX ix_revenue_statement_project_id_year_half_edition ON fees.revenue_statement (project_id, year, half, edition);

CREATE UNIQUE INDEX ix_statement_read_statement_id_user_id ON fees.statement_read (statement_id, user_id);

CREATE INDEX ix_statement_read_user_id ON fees.statement_read (user_id);
