-- 0062 fees: fee adjustments (减免: vacant unit, hardship, service problem) asked by fee staff and decided by a manager
-- who did not ask (four eyes); an approved one settles the bill by a credit note (a payment of method CreditNote whose
-- allocations are marked credit_note), so an issued bill is never edited and the collection rates can leave it out.

CREATE TABLE fees.fee_adjustment (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    bill_id uuid NOT NULL,
    amount numeric(14,2) NOT NULL,
    reason character varying(40) NOT NULL,
    reason_text character varying(500) NOT NULL,
    status character varying(40) NOT NULL,
    requested_by_user_id uuid NOT NULL,
    requested_by_name character varying(100) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    decided_by_user_id uuid,
    decided_by_name character varying(100),
    decided_at timestamp with time zone,
    decision_note character varying(500),
    payment_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_fee_adjustment PRIMARY KEY (id),
    CONSTRAINT fk_fee_adjustment_bill_id FOREIGN KEY (bill_id) REFERENCES fees.bill (id) ON DELETE RESTRICT
);

ALTER TABLE fees.payment_allocation ADD credit_note boolean NOT NULL DEFAULT false;
ALTER TABLE fees.payment_allocation ALTER COLUMN credit_note DROP DEFAULT;

CREATE INDEX ix_fee_adjustment_bill_id ON fees.fee_adjustment (bill_id);

CREATE INDEX ix_fee_adjustment_project_id_status ON fees.fee_adjustment (project_id, status);
