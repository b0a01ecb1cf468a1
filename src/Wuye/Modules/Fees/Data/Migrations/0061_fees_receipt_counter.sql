-- 0061 fees: receipt numbers counted per company without gaps (收据号连续): a counter row per company, taken in the
-- payment's transaction (a payment that rolls back gives its number back), instead of one sequence for everyone
-- (a sequence never gives a number back); a receipt number is unique within its company.

CREATE TABLE fees.receipt_counter (
    company_id uuid NOT NULL,
    last_number bigint NOT NULL,
    CONSTRAINT pk_receipt_counter PRIMARY KEY (company_id)
);

-- Carry on after the highest number each company has issued.
INSERT INTO fees.receipt_counter (company_id, last_number)
SELECT company_id, max(right(receipt_number, 6)::bigint)
  FROM fees.payment
 WHERE receipt_number ~ '^SK[0-9]{14}$'
 GROUP BY company_id;

DROP INDEX fees.ix_payment_receipt_number;

CREATE UNIQUE INDEX ix_payment_company_id_receipt_number ON fees.payment (company_id, receipt_number);

DROP SEQUENCE fees.receipt_no;
