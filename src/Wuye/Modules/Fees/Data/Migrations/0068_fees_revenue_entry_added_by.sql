-- 0068 fees: the statement version whose correction added a ledger entry, so each version of a half year's statement lists
-- exactly the entries it counted (added before it or by a correction up to it, and not voided by it or an earlier one).

ALTER TABLE fees.revenue_entry ADD added_by_statement_id uuid;
