-- 0149 fees: metered utilities (抄表计费: 水费、电费、燃气费) and one-off fees (一次性收费: 装修押金…). A fee item may be
-- Metered (its usage unit: 吨, 度, m³) or OneOff; a bill is Periodic (the monthly run, one per unit and period), Metered (one
-- per household meter reading) or OneOff (one per source: the renovation…). Readings are kept per unit, item and period.

ALTER TABLE fees.fee_item ADD usage_unit character varying(10);

ALTER TABLE fees.bill ADD kind character varying(40) NOT NULL DEFAULT 'Periodic';
ALTER TABLE fees.bill ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE fees.bill ADD source_id uuid;

DROP INDEX fees.ix_bill_unit_id_period;
CREATE UNIQUE INDEX ix_bill_unit_id_period ON fees.bill (unit_id, period) WHERE kind = 'Periodic';
CREATE UNIQUE INDEX ix_bill_source_id ON fees.bill (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE fees.utility_reading (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    fee_item_id uuid NOT NULL,
    period integer NOT NULL,
    previous numeric(14,2) NOT NULL,
    current numeric(14,2) NOT NULL,
    usage numeric(14,2) NOT NULL,
    read_on date NOT NULL,
    read_by_user_id uuid,
    read_by_name character varying(100) NOT NULL,
    bill_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_utility_reading PRIMARY KEY (id),
    CONSTRAINT fk_utility_reading_bill_id FOREIGN KEY (bill_id) REFERENCES fees.bill (id) ON DELETE RESTRICT,
    CONSTRAINT fk_utility_reading_fee_item_id FOREIGN KEY (fee_item_id) REFERENCES fees.fee_item (id) ON DELETE RESTRICT
);

CREATE INDEX ix_utility_reading_bill_id ON fees.utility_reading (bill_id);
CREATE INDEX ix_utility_reading_fee_item_id_period ON fees.utility_reading (fee_item_id, period);
CREATE UNIQUE INDEX ix_utility_reading_unit_id_fee_item_id_period ON fees.utility_reading (unit_id, fee_item_id, period);
