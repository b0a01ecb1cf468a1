-- 0069 fees: indexes for the collection rates of a whole company (200 projects, 100,000 bills a month): every arm of the scope
-- filter (company, project, zone, unit) has an index on bills and on allocations, so PostgreSQL combines them instead of reading
-- every row; a period's allocations and those since a date are found by index.

CREATE INDEX ix_bill_company_id_period ON fees.bill (company_id, period);

CREATE INDEX ix_bill_zone_id_period ON fees.bill (zone_id, period);

CREATE INDEX ix_payment_allocation_company_id_bill_period ON fees.payment_allocation (company_id, bill_period);

CREATE INDEX ix_payment_allocation_company_id_at ON fees.payment_allocation (company_id, at);

CREATE INDEX ix_payment_allocation_zone_id_at ON fees.payment_allocation (zone_id, at);

CREATE INDEX ix_payment_allocation_unit_id_at ON fees.payment_allocation (unit_id, at);
