-- 0065 fees: refunds (退款) — a payment of method Refund with a negative amount (a negative receipt, TK…) paying back part
-- of what an earlier payment still holds as credit; it names that payment.

ALTER TABLE fees.payment ADD refund_of_payment_id uuid;

CREATE INDEX ix_payment_refund_of_payment_id ON fees.payment (refund_of_payment_id);
