-- 0132 regulation: the regulator's own photos as evidence of a conduct record (files its staff added for the company or project).
ALTER TABLE regulation.conduct_record ADD COLUMN file_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE regulation.conduct_record ALTER COLUMN file_ids DROP DEFAULT;
