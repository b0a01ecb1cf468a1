-- 0148 fees: a fee item's billing cycle (计费周期) in months: 1 monthly, 3 quarterly, 6 half-yearly, 12 yearly, billed in the
-- first month of each calendar quarter, half or year. Existing items are monthly.

ALTER TABLE fees.fee_item ADD cycle_months integer NOT NULL DEFAULT 1;
ALTER TABLE fees.fee_item ALTER COLUMN cycle_months DROP DEFAULT;
