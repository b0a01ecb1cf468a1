-- 0128 regulation: the companies reminded that a campaign's self-check is due soon (each once).
ALTER TABLE regulation.campaign ADD COLUMN self_check_reminded uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE regulation.campaign ALTER COLUMN self_check_reminded DROP DEFAULT;
