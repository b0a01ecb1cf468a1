-- 0077 security booth receipts (岗亭收费收据, 万科#6): every parking fee taken at a booth gets the next number of its booth's series
-- (a counter row per booth, taken in the receipt's transaction: no gaps by construction), voided on record when the driver does not
-- take it; paper receipts recorded with their own numbers (the only way a gap can appear, shown by the weekly reconciliation).

CREATE TABLE security.booth_receipt (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    security_post_id uuid NOT NULL,
    post_name character varying(100) NOT NULL,
    serial bigint NOT NULL,
    amount numeric(14,2) NOT NULL,
    method character varying(40) NOT NULL,
    plate character varying(10),
    source character varying(40) NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    issued_by uuid NOT NULL,
    issued_by_name character varying(100) NOT NULL,
    voided_at timestamp with time zone,
    voided_by uuid,
    voided_by_name character varying(100),
    void_reason character varying(200),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_booth_receipt PRIMARY KEY (id),
    CONSTRAINT fk_booth_receipt_security_post_id FOREIGN KEY (security_post_id) REFERENCES security.post (id) ON DELETE RESTRICT
);

CREATE INDEX ix_booth_receipt_company_id ON security.booth_receipt (company_id);

CREATE INDEX ix_booth_receipt_project_id_issued_at ON security.booth_receipt (project_id, issued_at);

CREATE UNIQUE INDEX ix_booth_receipt_security_post_id_serial ON security.booth_receipt (security_post_id, serial);

CREATE INDEX ix_booth_receipt_voided_at_project_id ON security.booth_receipt (voided_at, project_id);

CREATE TABLE security.booth_receipt_counter (
    security_post_id uuid NOT NULL,
    last_number bigint NOT NULL,
    CONSTRAINT pk_booth_receipt_counter PRIMARY KEY (security_post_id)
);
