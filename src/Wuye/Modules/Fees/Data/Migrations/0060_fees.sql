-- 0060 fees: fee items (收费项目), monthly bills with their lines (账单), payments with numbered
-- receipts (收据) and their allocations to bill lines (oldest first); money numeric(14,2).

CREATE SCHEMA IF NOT EXISTS fees;

CREATE SEQUENCE fees.receipt_no START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE fees.bill (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    building_id uuid NOT NULL,
    period integer NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    due_date date NOT NULL,
    amount numeric(14,2) NOT NULL,
    paid numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_bill PRIMARY KEY (id)
);

CREATE TABLE fees.fee_item (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(50) NOT NULL,
    kind character varying(40) NOT NULL,
    unit_price numeric(14,4) NOT NULL,
    unit_type character varying(50),
    rounding character varying(40) NOT NULL,
    due_day integer NOT NULL,
    grace_days integer NOT NULL,
    late_fee_daily_rate numeric(14,6) NOT NULL,
    late_fee_cap numeric(14,6) NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_fee_item PRIMARY KEY (id)
);

CREATE TABLE fees.payment (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    receipt_number character varying(30) NOT NULL,
    method character varying(40) NOT NULL,
    amount numeric(14,2) NOT NULL,
    allocated numeric(14,2) NOT NULL,
    paid_at timestamp with time zone NOT NULL,
    received_by_user_id uuid,
    received_by_name character varying(100) NOT NULL,
    note character varying(200),
    request_key uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payment PRIMARY KEY (id)
);

CREATE TABLE fees.bill_line (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    bill_id uuid NOT NULL,
    seq integer NOT NULL,
    period integer NOT NULL,
    fee_item_id uuid NOT NULL,
    fee_item_name character varying(50) NOT NULL,
    kind character varying(40) NOT NULL,
    quantity numeric(14,2) NOT NULL,
    unit_price numeric(14,4) NOT NULL,
    basis character varying(100) NOT NULL,
    amount numeric(14,2) NOT NULL,
    paid numeric(14,2) NOT NULL,
    due_date date NOT NULL,
    grace_days integer NOT NULL,
    late_fee_daily_rate numeric(14,6) NOT NULL,
    late_fee_cap numeric(14,6) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_bill_line PRIMARY KEY (id),
    CONSTRAINT fk_bill_line_bill_id FOREIGN KEY (bill_id) REFERENCES fees.bill (id) ON DELETE RESTRICT,
    CONSTRAINT fk_bill_line_fee_item_id FOREIGN KEY (fee_item_id) REFERENCES fees.fee_item (id) ON DELETE RESTRICT
);

CREATE TABLE fees.payment_allocation (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    payment_id uuid NOT NULL,
    bill_id uuid NOT NULL,
    bill_line_id uuid NOT NULL,
    bill_period integer NOT NULL,
    amount numeric(14,2) NOT NULL,
    at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payment_allocation PRIMARY KEY (id),
    CONSTRAINT fk_payment_allocation_bill_line_id FOREIGN KEY (bill_line_id) REFERENCES fees.bill_line (id) ON DELETE RESTRICT,
    CONSTRAINT fk_payment_allocation_payment_id FOREIGN KEY (payment_id) REFERENCES fees.payment (id) ON DELETE RESTRICT
);

CREATE INDEX ix_bill_project_id_period ON fees.bill (project_id, period);

CREATE UNIQUE INDEX ix_bill_unit_id_period ON fees.bill (unit_id, period);

CREATE INDEX ix_bill_line_bill_id ON fees.bill_line (bill_id);

CREATE INDEX ix_bill_line_fee_item_id ON fees.bill_line (fee_item_id);

CREATE INDEX ix_bill_line_unit_id_due_date ON fees.bill_line (unit_id, due_date);

CREATE INDEX ix_fee_item_project_id_name ON fees.fee_item (project_id, name);

CREATE INDEX ix_payment_project_id_paid_at ON fees.payment (project_id, paid_at);

CREATE UNIQUE INDEX ix_payment_receipt_number ON fees.payment (receipt_number);

CREATE UNIQUE INDEX ix_payment_request_key ON fees.payment (request_key);

CREATE INDEX ix_payment_unit_id_paid_at ON fees.payment (unit_id, paid_at);

CREATE INDEX ix_payment_allocation_bill_id_at ON fees.payment_allocation (bill_id, at);

CREATE INDEX ix_payment_allocation_bill_line_id ON fees.payment_allocation (bill_line_id);

CREATE INDEX ix_payment_allocation_payment_id ON fees.payment_allocation (payment_id);

CREATE INDEX ix_payment_allocation_project_id_at ON fees.payment_allocation (project_id, at);
