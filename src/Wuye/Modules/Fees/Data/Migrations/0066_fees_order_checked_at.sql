-- 0066 fees: when the reconciling job last asked the gateway about an online order; it asks the least recently asked first,
-- so orders that never settle cannot fill its batch.

ALTER TABLE fees.payment_order ADD checked_at timestamp with time zone;
