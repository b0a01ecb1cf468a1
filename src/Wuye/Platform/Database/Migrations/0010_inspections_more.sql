-- 0010 inspections, more: suggestions are followed up and verified like fixes (their outcome on the
-- notice), notice numbers unique per company, surveys of pre-handover sites, reminder marks.

-- Numbers were counted from what the recorder could see, so two notices may share one: keep the first,
-- suffix the others, then hold every company to unique numbers.
UPDATE inspections.improvement_notice n SET number = left(n.number, 24) || '-' || d.rn
FROM (SELECT id, row_number() OVER (PARTITION BY company_id, number ORDER BY created_at, id) AS rn FROM inspections.improvement_notice) d
WHERE n.id = d.id AND d.rn > 1;

ALTER TABLE inspections.improvement_notice ADD reply_outcome character varying(40);

CREATE UNIQUE INDEX ix_improvement_notice_company_id_number ON inspections.improvement_notice (company_id, number);
