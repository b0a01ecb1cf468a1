-- Request numbers come from one sequence (each app instance takes a block of 100) and are
-- unique per company.
CREATE SEQUENCE work_orders.service_request_number_seq START WITH 1 INCREMENT BY 100 NO CYCLE;

CREATE UNIQUE INDEX ix_service_request_company_id_number ON work_orders.service_request (company_id, number);

-- Timeline notes in both languages: note is Chinese, note_en the English where it differs.
ALTER TABLE work_orders.work_order_event ADD note_en character varying(500);
