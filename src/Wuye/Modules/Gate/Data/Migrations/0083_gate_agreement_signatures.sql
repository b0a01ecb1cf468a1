-- 0083 gate: the 《装修管理协议》 signed online — the text and version the owner signed, the owner's and the service center's
-- handwritten signatures (PNG files in platform.stored_file), who signed and when.

ALTER TABLE gate.renovation ADD agreement_text character varying(8000);
ALTER TABLE gate.renovation ADD agreement_version character varying(20);
ALTER TABLE gate.renovation ADD owner_signature_id uuid;
ALTER TABLE gate.renovation ADD owner_signed_by uuid;
ALTER TABLE gate.renovation ADD owner_signed_at timestamp with time zone;
ALTER TABLE gate.renovation ADD center_signature_id uuid;
ALTER TABLE gate.renovation ADD center_signed_by uuid;
ALTER TABLE gate.renovation ADD center_signed_at timestamp with time zone;
