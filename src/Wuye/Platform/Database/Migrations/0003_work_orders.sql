-- 0003 work orders: service requests, work orders, time limits, calendars, return visits, escalations,
-- legacy defects, technician skills; and the platform's notification centre and outbox.

CREATE SCHEMA IF NOT EXISTS work_orders;

CREATE TABLE work_orders.business_calendar (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    day_start time without time zone NOT NULL,
    day_end time without time zone NOT NULL,
    working_days character varying(7) NOT NULL,
    holidays date[] NOT NULL,
    extra_workdays date[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_business_calendar PRIMARY KEY (id)
);

CREATE TABLE platform.delivered_message (
    id uuid NOT NULL,
    outbox_message_id uuid NOT NULL,
    channel character varying(40) NOT NULL,
    address character varying(200) NOT NULL,
    title character varying(200) NOT NULL,
    body character varying(2000) NOT NULL,
    delivered_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_delivered_message PRIMARY KEY (id)
);

CREATE TABLE work_orders.legacy_defect (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    description character varying(1000) NOT NULL,
    category character varying(40) NOT NULL,
    found_on date NOT NULL,
    responsible_user_id uuid,
    responsible_name character varying(100) NOT NULL,
    status character varying(40) NOT NULL,
    developer_ref character varying(60),
    fixed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_legacy_defect PRIMARY KEY (id)
);

CREATE TABLE platform.notification (
    id uuid NOT NULL,
    outbox_message_id uuid NOT NULL,
    recipient_user_id uuid NOT NULL,
    company_id uuid,
    title character varying(200) NOT NULL,
    body character varying(2000) NOT NULL,
    link character varying(400),
    created_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    CONSTRAINT pk_notification PRIMARY KEY (id)
);

CREATE TABLE platform.outbox_message (
    id uuid NOT NULL,
    channel character varying(40) NOT NULL,
    recipient_user_id uuid,
    company_id uuid,
    address character varying(200),
    title character varying(200) NOT NULL,
    body character varying(2000) NOT NULL,
    link character varying(400),
    dedupe_key character varying(200),
    status character varying(40) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_error character varying(1000),
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_outbox_message PRIMARY KEY (id)
);

CREATE TABLE work_orders.price_item (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    unit_name character varying(20) NOT NULL,
    price numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_price_item PRIMARY KEY (id)
);

CREATE TABLE work_orders.return_visit (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    service_request_id uuid NOT NULL,
    work_order_id uuid NOT NULL,
    status character varying(40) NOT NULL,
    due_at timestamp with time zone NOT NULL,
    visited_at timestamp with time zone,
    visited_by_user_id uuid,
    visited_by_name character varying(100),
    satisfied boolean,
    score integer,
    comment character varying(500),
    rework_work_order_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_return_visit PRIMARY KEY (id)
);

CREATE TABLE work_orders.service_request (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    number character varying(30) NOT NULL,
    channel character varying(40) NOT NULL,
    category character varying(40) NOT NULL,
    urgency character varying(40) NOT NULL,
    description character varying(1000) NOT NULL,
    location character varying(200),
    reporter_name character varying(50),
    reporter_phone character varying(20),
    reporter_user_id uuid,
    photo_ids uuid[] NOT NULL,
    visit_from timestamp with time zone,
    visit_to timestamp with time zone,
    status character varying(40) NOT NULL,
    merged_into_id uuid,
    opened_at timestamp with time zone NOT NULL,
    opened_month integer NOT NULL,
    completion_due_at timestamp with time zone,
    completed_at timestamp with time zone,
    closed_at timestamp with time zone,
    response_on_time boolean,
    arrival_on_time boolean,
    completion_on_time boolean,
    technician_user_id uuid,
    rework_count integer NOT NULL,
    visited boolean NOT NULL,
    satisfied boolean,
    score integer,
    owner_comment character varying(500),
    source character varying(50),
    external_ref character varying(60),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_service_request PRIMARY KEY (id)
);

CREATE TABLE work_orders.sla_policy (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    category character varying(40),
    urgency character varying(40) NOT NULL,
    response_minutes integer NOT NULL,
    arrival_minutes integer NOT NULL,
    completion_minutes integer NOT NULL,
    around_the_clock boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sla_policy PRIMARY KEY (id)
);

CREATE TABLE work_orders.technician_skill (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    user_id uuid NOT NULL,
    category character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_technician_skill PRIMARY KEY (id)
);

CREATE TABLE work_orders.work_order_escalation (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    work_order_id uuid NOT NULL,
    clock character varying(40) NOT NULL,
    level character varying(40) NOT NULL,
    at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_work_order_escalation PRIMARY KEY (id)
);

CREATE TABLE work_orders.work_order_event (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    service_request_id uuid NOT NULL,
    work_order_id uuid,
    seq bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_user_id uuid,
    actor_name character varying(100),
    kind character varying(40) NOT NULL,
    note character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_work_order_event PRIMARY KEY (id)
);

CREATE TABLE work_orders.legacy_defect_update (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    legacy_defect_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    status character varying(40) NOT NULL,
    note character varying(500),
    actor_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_legacy_defect_update PRIMARY KEY (id),
    CONSTRAINT fk_legacy_defect_update_legacy_defect_id FOREIGN KEY (legacy_defect_id) REFERENCES work_orders.legacy_defect (id) ON DELETE RESTRICT
);

CREATE TABLE work_orders.work_order (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    service_request_id uuid NOT NULL,
    rework_of_id uuid,
    status character varying(40) NOT NULL,
    status_before_pause character varying(40),
    category character varying(40) NOT NULL,
    urgency character varying(40) NOT NULL,
    assignee_user_id uuid,
    assignee_name character varying(100),
    around_the_clock boolean NOT NULL,
    clock_started_at timestamp with time zone NOT NULL,
    response_due_at timestamp with time zone,
    arrival_due_at timestamp with time zone,
    completion_due_at timestamp with time zone,
    dispatched_at timestamp with time zone,
    accepted_at timestamp with time zone,
    arrived_at timestamp with time zone,
    completed_at timestamp with time zone,
    closed_at timestamp with time zone,
    paused_at timestamp with time zone,
    pause_kind character varying(40),
    pause_reason character varying(200),
    paused_minutes integer NOT NULL,
    before_photo_ids uuid[] NOT NULL,
    after_photo_ids uuid[] NOT NULL,
    work_done character varying(1000),
    owner_confirmed_by character varying(50),
    anything_else character varying(500),
    charge_total numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_work_order PRIMARY KEY (id),
    CONSTRAINT fk_work_order_service_request_id FOREIGN KEY (service_request_id) REFERENCES work_orders.service_request (id) ON DELETE RESTRICT
);

CREATE TABLE work_orders.work_order_charge (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    work_order_id uuid NOT NULL,
    price_item_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    quantity numeric(14,2) NOT NULL,
    unit_price numeric(14,2) NOT NULL,
    amount numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_work_order_charge PRIMARY KEY (id),
    CONSTRAINT fk_work_order_charge_work_order_id FOREIGN KEY (work_order_id) REFERENCES work_orders.work_order (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_business_calendar_project_id ON work_orders.business_calendar (project_id);

CREATE UNIQUE INDEX ix_delivered_message_outbox_message_id ON platform.delivered_message (outbox_message_id);

CREATE INDEX ix_legacy_defect_project_id_status ON work_orders.legacy_defect (project_id, status);

CREATE INDEX ix_legacy_defect_unit_id ON work_orders.legacy_defect (unit_id);

CREATE INDEX ix_legacy_defect_update_legacy_defect_id ON work_orders.legacy_defect_update (legacy_defect_id);

CREATE UNIQUE INDEX ix_notification_outbox_message_id ON platform.notification (outbox_message_id);

CREATE INDEX ix_notification_recipient_user_id_read_at ON platform.notification (recipient_user_id, read_at);

CREATE UNIQUE INDEX ix_outbox_message_dedupe_key ON platform.outbox_message (dedupe_key);

CREATE INDEX ix_outbox_message_status_next_attempt_at ON platform.outbox_message (status, next_attempt_at);

CREATE INDEX ix_price_item_company_id ON work_orders.price_item (company_id);

CREATE INDEX ix_return_visit_project_id_status_due_at ON work_orders.return_visit (project_id, status, due_at);

CREATE INDEX ix_return_visit_service_request_id ON work_orders.return_visit (service_request_id);

CREATE INDEX ix_service_request_company_id_opened_month ON work_orders.service_request (company_id, opened_month);

CREATE INDEX ix_service_request_project_id_opened_at ON work_orders.service_request (project_id, opened_at);

CREATE INDEX ix_service_request_status ON work_orders.service_request (status);

CREATE INDEX ix_service_request_unit_id ON work_orders.service_request (unit_id);

CREATE UNIQUE INDEX ix_sla_policy_project_id_category_urgency ON work_orders.sla_policy (project_id, category, urgency) NULLS NOT DISTINCT;

CREATE UNIQUE INDEX ix_technician_skill_project_id_user_id_category_zone_id ON work_orders.technician_skill (project_id, user_id, category, zone_id) NULLS NOT DISTINCT;

CREATE INDEX ix_work_order_assignee_user_id_status ON work_orders.work_order (assignee_user_id, status);

CREATE INDEX ix_work_order_project_id_status ON work_orders.work_order (project_id, status);

CREATE INDEX ix_work_order_service_request_id ON work_orders.work_order (service_request_id);

CREATE INDEX ix_work_order_charge_work_order_id ON work_orders.work_order_charge (work_order_id);

CREATE UNIQUE INDEX ix_work_order_escalation_work_order_id_clock_level ON work_orders.work_order_escalation (work_order_id, clock, level);

CREATE INDEX ix_work_order_event_service_request_id_at ON work_orders.work_order_event (service_request_id, at);
