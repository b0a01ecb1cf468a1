-- 0040 verification codes carry what they are for: an owner's sign-up or a password reset (one never serves the other).

ALTER TABLE identity.verification_code ADD COLUMN purpose character varying(20) NOT NULL DEFAULT 'sign-up';
ALTER TABLE identity.verification_code ALTER COLUMN purpose DROP DEFAULT;
