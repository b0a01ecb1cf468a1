-- 0007 complaints: complaints with their timeline, per-project settings, escalation marks,
-- daily reviews (每日盘点) with their lines, and versioned reply scripts (投诉回复口径).

CREATE SCHEMA IF NOT EXISTS complaints;

CREATE TABLE complaints.complaint (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    building_id uuid,
    number character varying(30) NOT NULL,
    channel character varying(40) NOT NULL,
    category character varying(40) NOT NULL,
    description character varying(2000) NOT NULL,
    person_id uuid,
    complainant_name character varying(50) NOT NULL,
    complainant_phone character varying(20),
    complainant_user_id uuid,
    effective boolean NOT NULL,
    ineffective_reason character varying(200),
    vip boolean NOT NULL,
    major character varying(40),
    departments text[] NOT NULL,
    service_request_ids uuid[] NOT NULL,
    received_by_user_id uuid NOT NULL,
    received_by_name character varying(100) NOT NULL,
    owner_staff_id uuid NOT NULL,
    owner_staff_name character varying(100) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    received_month integer NOT NULL,
    reply_due_at timestamp with time zone NOT NULL,
    postponed_at timestamp with time zone,
    postpone_reason character varying(200),
    escalation_level integer NOT NULL,
    root_cause character varying(500),
    next_step character varying(500),
    status character varying(40) NOT NULL,
    resolution character varying(1000),
    closed_at timestamp with time zone,
    replied_at timestamp with time zone,
    replied_on_time boolean,
    visited_at timestamp with time zone,
    satisfied boolean,
    visit_comment character varying(500),
    reopen_count integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_complaint PRIMARY KEY (id)
);

CREATE TABLE complaints.complaint_escalation (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    complaint_id uuid NOT NULL,
    level integer NOT NULL,
    at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_complaint_escalation PRIMARY KEY (id)
);

CREATE TABLE complaints.complaint_settings (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    reply_days integer NOT NULL,
    review_time time without time zone NOT NULL,
    project_manager_after_hours integer NOT NULL,
    company_after_hours integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_complaint_settings PRIMARY KEY (id)
);

CREATE TABLE complaints.daily_review (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    review_date date NOT NULL,
    generated_at timestamp with time zone NOT NULL,
    open_count integer NOT NULL,
    overdue_count integer NOT NULL,
    missing_root_cause_count integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_daily_review PRIMARY KEY (id)
);

CREATE TABLE complaints.reply_script (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    script_id uuid NOT NULL,
    version_no integer NOT NULL,
    is_current boolean NOT NULL,
    category character varying(40) NOT NULL,
    question character varying(500) NOT NULL,
    answer character varying(2000) NOT NULL,
    edited_by_name character varying(100),
    change_note character varying(200),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_reply_script PRIMARY KEY (id)
);

CREATE TABLE complaints.complaint_event (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    complaint_id uuid NOT NULL,
    seq bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_user_id uuid,
    actor_name character varying(100),
    kind character varying(40) NOT NULL,
    note character varying(1000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_complaint_event PRIMARY KEY (id),
    CONSTRAINT fk_complaint_event_complaint_id FOREIGN KEY (complaint_id) REFERENCES complaints.complaint (id) ON DELETE RESTRICT
);

CREATE TABLE complaints.daily_review_line (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    daily_review_id uuid NOT NULL,
    complaint_id uuid NOT NULL,
    number character varying(30) NOT NULL,
    category character varying(40) NOT NULL,
    description character varying(2000) NOT NULL,
    owner_staff_name character varying(100) NOT NULL,
    vip boolean NOT NULL,
    major character varying(40),
    received_at timestamp with time zone NOT NULL,
    reply_due_at timestamp with time zone NOT NULL,
    age_days integer NOT NULL,
    overdue boolean NOT NULL,
    root_cause character varying(500),
    next_step character varying(500),
    missing_root_cause boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_daily_review_line PRIMARY KEY (id),
    CONSTRAINT fk_daily_review_line_daily_review_id FOREIGN KEY (daily_review_id) REFERENCES complaints.daily_review (id) ON DELETE CASCADE
);

CREATE INDEX ix_complaint_company_id_received_month ON complaints.complaint (company_id, received_month);

CREATE UNIQUE INDEX ix_complaint_number ON complaints.complaint (number);

CREATE INDEX ix_complaint_project_id_received_at ON complaints.complaint (project_id, received_at);

CREATE INDEX ix_complaint_status_reply_due_at ON complaints.complaint (status, reply_due_at);

CREATE INDEX ix_complaint_unit_id ON complaints.complaint (unit_id);

CREATE UNIQUE INDEX ix_complaint_escalation_complaint_id_level ON complaints.complaint_escalation (complaint_id, level);

CREATE INDEX ix_complaint_event_complaint_id_at ON complaints.complaint_event (complaint_id, at);

CREATE UNIQUE INDEX ix_complaint_settings_project_id ON complaints.complaint_settings (project_id);

CREATE INDEX ix_daily_review_company_id_review_date ON complaints.daily_review (company_id, review_date);

CREATE UNIQUE INDEX ix_daily_review_project_id_review_date ON complaints.daily_review (project_id, review_date);

CREATE INDEX ix_daily_review_line_complaint_id ON complaints.daily_review_line (complaint_id);

CREATE INDEX ix_daily_review_line_daily_review_id ON complaints.daily_review_line (daily_review_id);

CREATE INDEX ix_reply_script_company_id_category_is_current ON complaints.reply_script (company_id, category, is_current);

CREATE UNIQUE INDEX ix_reply_script_script_id_version_no ON complaints.reply_script (script_id, version_no);
