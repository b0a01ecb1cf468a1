-- A history import keeps the old system's category and department texts on each request
-- (the category of ours it went to may be a catch-all).
ALTER TABLE work_orders.service_request ADD source_category character varying(100);
ALTER TABLE work_orders.service_request ADD source_department character varying(100);
