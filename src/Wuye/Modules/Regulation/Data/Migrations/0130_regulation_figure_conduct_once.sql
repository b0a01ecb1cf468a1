-- 0130 regulation: a conduct record scored from a company's figures is made once per regulator, company, item and period, even
-- when the figure job and the regulator's button compute the same period at once (they also take one advisory lock per regulator).
-- A double made before this index (a double deduction) is removed first, the earliest record kept.
DELETE FROM regulation.conduct_record r
USING regulation.conduct_record k
WHERE r.figure_period IS NOT NULL
  AND k.figure_period = r.figure_period
  AND k.regulator_id = r.regulator_id
  AND k.company_id = r.company_id
  AND k.item_code = r.item_code
  AND (k.created_at, k.id) < (r.created_at, r.id);

CREATE UNIQUE INDEX ix_conduct_record_regulator_id_company_id_item_code_figure_peri ON regulation.conduct_record (regulator_id, company_id, item_code, figure_period) WHERE figure_period IS NOT NULL;
