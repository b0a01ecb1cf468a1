-- 0145 SMS delivery receipts (issue #17): what the gateway's receipt said about a sent SMS — delivered, or failed with
-- the operator's error — and when; the receipt finds its message by the gateway's BizId (provider_ref).

ALTER TABLE platform.outbox_message ADD COLUMN receipt character varying(40);
ALTER TABLE platform.outbox_message ADD COLUMN receipt_at timestamp with time zone;
ALTER TABLE platform.outbox_message ADD COLUMN receipt_error character varying(200);

CREATE INDEX ix_outbox_message_provider_ref ON platform.outbox_message (provider_ref);
