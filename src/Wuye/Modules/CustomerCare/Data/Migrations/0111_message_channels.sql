-- Issue #17 item 1: message kinds and urgency, quiet-hour holds, the SMS fallback, the sender's view of delivery,
-- and each person's channel preferences and opt-out (PIPL).
ALTER TABLE platform.outbox_message ADD COLUMN kind character varying(40);
ALTER TABLE platform.outbox_message ADD COLUMN urgency character varying(40) NOT NULL DEFAULT 'Normal';
ALTER TABLE platform.outbox_message ALTER COLUMN urgency DROP DEFAULT;
ALTER TABLE platform.outbox_message ADD COLUMN group_id uuid;
ALTER TABLE platform.outbox_message ADD COLUMN sender_user_id uuid;
ALTER TABLE platform.outbox_message ADD COLUMN held_until timestamp with time zone;
ALTER TABLE platform.outbox_message ADD COLUMN provider_ref character varying(100);
ALTER TABLE platform.outbox_message ADD COLUMN fallback boolean NOT NULL DEFAULT false;
ALTER TABLE platform.outbox_message ALTER COLUMN fallback DROP DEFAULT;

CREATE INDEX ix_outbox_message_group_id ON platform.outbox_message (group_id);
CREATE INDEX ix_outbox_message_sender_user_id_created_at ON platform.outbox_message (sender_user_id, created_at);

CREATE TABLE platform.message_preference (
    user_id uuid NOT NULL,
    sms character varying(40) NOT NULL,
    email boolean NOT NULL,
    opted_out boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_message_preference PRIMARY KEY (user_id)
);
