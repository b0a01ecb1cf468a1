-- The request list's count carries the scope predicate (company, zone, unit): with those columns in
-- the index it is answered by an index-only scan instead of a heap visit per open request.
DROP INDEX work_orders.ix_service_request_project_id_status_opened_at;
CREATE INDEX ix_service_request_project_id_status_opened_at ON work_orders.service_request (project_id, status, opened_at) INCLUDE (company_id, zone_id, unit_id);
