-- 0126 regulation: photos (stored files) as the evidence of a company's answer to a ledger entry.
ALTER TABLE regulation.problem_answer ADD COLUMN file_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE regulation.problem_answer ALTER COLUMN file_ids DROP DEFAULT;
