-- 0129 regulation: photos (stored files of the company's projects) as the evidence of a company's objection (异议) to a record.
ALTER TABLE regulation.conduct_objection ADD COLUMN file_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE regulation.conduct_objection ALTER COLUMN file_ids DROP DEFAULT;
