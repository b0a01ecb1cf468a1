-- 0035: whether the owner was satisfied on a request's first return visit (set once, kept when later visits follow a rework),
-- and its monthly rollup beside the final visit's.
ALTER TABLE work_orders.service_request ADD first_satisfied boolean;

ALTER TABLE work_orders.metrics_rollup ADD first_rated integer NOT NULL DEFAULT 0;
ALTER TABLE work_orders.metrics_rollup ADD first_satisfied integer NOT NULL DEFAULT 0;
ALTER TABLE work_orders.metrics_rollup ALTER COLUMN first_rated DROP DEFAULT;
ALTER TABLE work_orders.metrics_rollup ALTER COLUMN first_satisfied DROP DEFAULT;

-- Requests already visited: the first recorded visit's result. Without visit records (a history import),
-- a request never reworked was satisfied or not on its only visit; a reworked one was not satisfied the first time
-- (only a dissatisfied visit opens a rework).
UPDATE work_orders.service_request r
   SET first_satisfied = coalesce(
         (SELECT v.satisfied FROM work_orders.return_visit v
           WHERE v.service_request_id = r.id AND v.status = 'Done' AND v.satisfied IS NOT NULL
           ORDER BY v.visited_at, v.id LIMIT 1),
         CASE WHEN r.satisfied IS NULL THEN NULL WHEN r.rework_count = 0 THEN r.satisfied ELSE false END)
 WHERE r.visited OR r.satisfied IS NOT NULL;

-- Every month is recomputed with the new figures by the next refresh.
INSERT INTO work_orders.metrics_rollup_stale (id, company_id, month)
SELECT gen_random_uuid(), company_id, opened_month FROM work_orders.service_request GROUP BY company_id, opened_month;
