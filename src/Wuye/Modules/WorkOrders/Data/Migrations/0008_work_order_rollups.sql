-- 0008: the monthly work-order metrics rollup, its stale markers, and a probe index on when requests were opened.
CREATE TABLE work_orders.metrics_rollup (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    category character varying(40) NOT NULL,
    technician_user_id uuid,
    month integer NOT NULL,
    created integer NOT NULL,
    closed integer NOT NULL,
    completed integer NOT NULL,
    closed_with_limit integer NOT NULL,
    closed_on_time integer NOT NULL,
    response_known integer NOT NULL,
    response_on_time integer NOT NULL,
    arrival_known integer NOT NULL,
    arrival_on_time integer NOT NULL,
    visited integer NOT NULL,
    rated integer NOT NULL,
    satisfied integer NOT NULL,
    first_time_fix integer NOT NULL,
    reworked integer NOT NULL,
    close_minutes integer[] NOT NULL,
    close_counts integer[] NOT NULL,
    CONSTRAINT pk_metrics_rollup PRIMARY KEY (id)
);


CREATE TABLE work_orders.metrics_rollup_stale (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    month integer NOT NULL,
    CONSTRAINT pk_metrics_rollup_stale PRIMARY KEY (id)
);


CREATE INDEX ix_metrics_rollup_company_id_month ON work_orders.metrics_rollup (company_id, month);

CREATE INDEX ix_service_request_opened_at ON work_orders.service_request (opened_at);

CREATE INDEX ix_service_request_project_id_status_opened_at ON work_orders.service_request (project_id, status, opened_at);
