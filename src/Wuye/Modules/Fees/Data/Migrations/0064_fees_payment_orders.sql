-- 0064 fees: online payment orders (支付订单) placed at the gateway for a bill's open amount; paid once by the gateway's
-- verified notification (its transaction id unique), which books a payment of method Online with its receipt.

CREATE TABLE fees.payment_order (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    bill_id uuid NOT NULL,
    order_number character varying(32) NOT NULL,
    gateway character varying(20) NOT NULL,
    amount numeric(14,2) NOT NULL,
    status character varying(40) NOT NULL,
    pay_url character varying(1000),
    transaction_id character varying(64),
    payment_id uuid,
    requested_by_user_id uuid,
    paid_at timestamp with time zone,
    fail_reason character varying(200),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payment_order PRIMARY KEY (id),
    CONSTRAINT fk_payment_order_bill_id FOREIGN KEY (bill_id) REFERENCES fees.bill (id) ON DELETE RESTRICT
);

CREATE INDEX ix_payment_order_bill_id ON fees.payment_order (bill_id);

CREATE UNIQUE INDEX ix_payment_order_order_number ON fees.payment_order (order_number);

CREATE UNIQUE INDEX ix_payment_order_transaction_id ON fees.payment_order (transaction_id);
