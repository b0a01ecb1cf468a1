-- 0004 inspections: QPI standards library, plans, inspections, findings, improvement notices (seed 004),
-- team mutual checks (seed 000, 万科 #1), mystery audits (暗访, seed 004), wave inspections (万科 #18)
-- and supervision of pre-handover sites (seed 002 篇3).

CREATE SCHEMA IF NOT EXISTS inspections;

CREATE TABLE inspections.check_item (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    code character varying(30) NOT NULL,
    area character varying(40) NOT NULL,
    description character varying(500) NOT NULL,
    method character varying(300),
    sampling character varying(300),
    points_per_deduction numeric(14,2) NOT NULL,
    frequency character varying(40) NOT NULL,
    revision integer NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_check_item PRIMARY KEY (id)
);

CREATE TABLE inspections.inspection (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    inspector_user_id uuid NOT NULL,
    inspector_name character varying(100) NOT NULL,
    place character varying(200) NOT NULL,
    checked_at timestamp with time zone NOT NULL,
    ad_hoc boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_inspection PRIMARY KEY (id)
);

CREATE TABLE inspections.inspection_plan (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    inspector_user_id uuid NOT NULL,
    inspector_name character varying(100) NOT NULL,
    level character varying(40) NOT NULL,
    name character varying(100) NOT NULL,
    start_month date NOT NULL,
    end_month date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_inspection_plan PRIMARY KEY (id)
);

CREATE TABLE inspections.inspection_team (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(50) NOT NULL,
    leader_user_id uuid,
    leader_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_inspection_team PRIMARY KEY (id)
);

CREATE TABLE inspections.mystery_audit (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    target_project_id uuid NOT NULL,
    month date NOT NULL,
    title character varying(100) NOT NULL,
    requirements character varying(1000),
    visitor_alias character varying(50),
    visited_at timestamp with time zone,
    report character varying(4000),
    reported_by uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mystery_audit PRIMARY KEY (id)
);

CREATE TABLE inspections.supervision_check (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    supervisor_user_id uuid NOT NULL,
    checked_on date NOT NULL,
    checked_at timestamp with time zone NOT NULL,
    topics character varying(200) NOT NULL,
    observation character varying(1000) NOT NULL,
    corrected_on_site boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_check PRIMARY KEY (id)
);

CREATE TABLE inspections.supervision_weekly_report (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    week_start date NOT NULL,
    author_user_id uuid NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    signed_households integer NOT NULL,
    unsigned_households integer NOT NULL,
    problems character varying(2000) NOT NULL,
    customer_opinions character varying(2000),
    improvements character varying(2000),
    developer_news character varying(2000),
    site_status character varying(2000),
    next_week_plan character varying(2000),
    late boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_weekly_report PRIMARY KEY (id)
);

CREATE TABLE inspections.wave_inspection (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_wave_inspection PRIMARY KEY (id)
);

CREATE TABLE inspections.check_item_revision (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    check_item_id uuid NOT NULL,
    revision integer NOT NULL,
    code character varying(30) NOT NULL,
    area character varying(40) NOT NULL,
    description character varying(500) NOT NULL,
    method character varying(300),
    sampling character varying(300),
    points_per_deduction numeric(14,2) NOT NULL,
    frequency character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_check_item_revision PRIMARY KEY (id),
    CONSTRAINT fk_check_item_revision_check_item_id FOREIGN KEY (check_item_id) REFERENCES inspections.check_item (id) ON DELETE RESTRICT
);

CREATE TABLE inspections.inspection_result (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    inspection_id uuid NOT NULL,
    check_item_id uuid NOT NULL,
    check_item_revision integer NOT NULL,
    plan_line_id uuid,
    inspector_user_id uuid NOT NULL,
    checked_on date NOT NULL,
    checked_at timestamp with time zone NOT NULL,
    place character varying(200) NOT NULL,
    sample_count integer NOT NULL,
    sample_note character varying(500),
    note character varying(1000),
    photo_ids uuid[] NOT NULL,
    traceable boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_inspection_result PRIMARY KEY (id),
    CONSTRAINT fk_inspection_result_check_item_id FOREIGN KEY (check_item_id) REFERENCES inspections.check_item (id) ON DELETE RESTRICT,
    CONSTRAINT fk_inspection_result_inspection_id FOREIGN KEY (inspection_id) REFERENCES inspections.inspection (id) ON DELETE CASCADE
);

CREATE TABLE inspections.inspection_plan_line (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    check_item_id uuid NOT NULL,
    frequency character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_inspection_plan_line PRIMARY KEY (id),
    CONSTRAINT fk_inspection_plan_line_check_item_id FOREIGN KEY (check_item_id) REFERENCES inspections.check_item (id) ON DELETE RESTRICT,
    CONSTRAINT fk_inspection_plan_line_plan_id FOREIGN KEY (plan_id) REFERENCES inspections.inspection_plan (id) ON DELETE CASCADE
);

CREATE TABLE inspections.team_mutual_check (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    checking_team_id uuid NOT NULL,
    checked_team_id uuid NOT NULL,
    checked_on date NOT NULL,
    week_start date NOT NULL,
    method character varying(100) NOT NULL,
    problems character varying(1000),
    deducted_points numeric(14,2) NOT NULL,
    fix_deadline date,
    measures character varying(1000),
    measures_on date,
    verified_by uuid,
    verified_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_team_mutual_check PRIMARY KEY (id),
    CONSTRAINT fk_team_mutual_check_checked_team_id FOREIGN KEY (checked_team_id) REFERENCES inspections.inspection_team (id) ON DELETE RESTRICT,
    CONSTRAINT fk_team_mutual_check_checking_team_id FOREIGN KEY (checking_team_id) REFERENCES inspections.inspection_team (id) ON DELETE RESTRICT
);

CREATE TABLE inspections.mystery_audit_item (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    audit_id uuid NOT NULL,
    position integer NOT NULL,
    check_item_id uuid,
    description character varying(500) NOT NULL,
    passed boolean,
    observation character varying(1000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mystery_audit_item PRIMARY KEY (id),
    CONSTRAINT fk_mystery_audit_item_audit_id FOREIGN KEY (audit_id) REFERENCES inspections.mystery_audit (id) ON DELETE CASCADE,
    CONSTRAINT fk_mystery_audit_item_check_item_id FOREIGN KEY (check_item_id) REFERENCES inspections.check_item (id) ON DELETE RESTRICT
);

CREATE TABLE inspections.wave_slot (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    team_name character varying(50) NOT NULL,
    member_user_ids uuid[] NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    inspection_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_wave_slot PRIMARY KEY (id),
    CONSTRAINT fk_wave_slot_campaign_id FOREIGN KEY (campaign_id) REFERENCES inspections.wave_inspection (id) ON DELETE CASCADE,
    CONSTRAINT fk_wave_slot_inspection_id FOREIGN KEY (inspection_id) REFERENCES inspections.inspection (id) ON DELETE RESTRICT
);

CREATE TABLE inspections.finding (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    inspection_id uuid NOT NULL,
    result_id uuid NOT NULL,
    inspector_user_id uuid NOT NULL,
    found_on date NOT NULL,
    type character varying(40) NOT NULL,
    points numeric(14,2) NOT NULL,
    description character varying(500) NOT NULL,
    closed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_finding PRIMARY KEY (id),
    CONSTRAINT fk_finding_result_id FOREIGN KEY (result_id) REFERENCES inspections.inspection_result (id) ON DELETE CASCADE
);

CREATE TABLE inspections.improvement_notice (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    finding_id uuid NOT NULL,
    number character varying(30) NOT NULL,
    responsible_user_id uuid NOT NULL,
    responsible_name character varying(100) NOT NULL,
    required_action character varying(500) NOT NULL,
    deadline date NOT NULL,
    reverify_on date NOT NULL,
    status character varying(40) NOT NULL,
    round integer NOT NULL,
    reply_text character varying(1000),
    reply_photo_ids uuid[] NOT NULL,
    replied_by uuid,
    replied_at timestamp with time zone,
    verified_by uuid,
    verifier_name character varying(100),
    verified_at timestamp with time zone,
    verification_note character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_improvement_notice PRIMARY KEY (id),
    CONSTRAINT fk_improvement_notice_finding_id FOREIGN KEY (finding_id) REFERENCES inspections.finding (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_check_item_company_id_code ON inspections.check_item (company_id, code);

CREATE UNIQUE INDEX ix_check_item_revision_check_item_id_revision ON inspections.check_item_revision (check_item_id, revision);

CREATE INDEX ix_check_item_revision_company_id ON inspections.check_item_revision (company_id);

CREATE INDEX ix_finding_inspection_id ON inspections.finding (inspection_id);

CREATE INDEX ix_finding_project_id_found_on ON inspections.finding (project_id, found_on);

CREATE INDEX ix_finding_result_id ON inspections.finding (result_id);

CREATE UNIQUE INDEX ix_improvement_notice_finding_id ON inspections.improvement_notice (finding_id);

CREATE INDEX ix_improvement_notice_project_id_status ON inspections.improvement_notice (project_id, status);

CREATE INDEX ix_improvement_notice_responsible_user_id ON inspections.improvement_notice (responsible_user_id);

CREATE INDEX ix_inspection_company_id ON inspections.inspection (company_id);

CREATE INDEX ix_inspection_project_id_checked_at ON inspections.inspection (project_id, checked_at);

CREATE INDEX ix_inspection_plan_company_id_inspector_user_id ON inspections.inspection_plan (company_id, inspector_user_id);

CREATE INDEX ix_inspection_plan_line_check_item_id ON inspections.inspection_plan_line (check_item_id);

CREATE INDEX ix_inspection_plan_line_plan_id ON inspections.inspection_plan_line (plan_id);

CREATE INDEX ix_inspection_plan_line_project_id ON inspections.inspection_plan_line (project_id);

CREATE INDEX ix_inspection_result_check_item_id ON inspections.inspection_result (check_item_id);

CREATE INDEX ix_inspection_result_inspection_id ON inspections.inspection_result (inspection_id);

CREATE INDEX ix_inspection_result_plan_line_id ON inspections.inspection_result (plan_line_id);

CREATE INDEX ix_inspection_result_project_id_checked_on ON inspections.inspection_result (project_id, checked_on);

CREATE UNIQUE INDEX ix_inspection_team_project_id_name ON inspections.inspection_team (project_id, name);

CREATE INDEX ix_mystery_audit_company_id_month ON inspections.mystery_audit (company_id, month);

CREATE INDEX ix_mystery_audit_item_audit_id ON inspections.mystery_audit_item (audit_id);

CREATE INDEX ix_mystery_audit_item_check_item_id ON inspections.mystery_audit_item (check_item_id);

CREATE INDEX ix_supervision_check_project_id_checked_on ON inspections.supervision_check (project_id, checked_on);

CREATE UNIQUE INDEX ix_supervision_weekly_report_project_id_week_start ON inspections.supervision_weekly_report (project_id, week_start);

CREATE INDEX ix_team_mutual_check_checked_team_id ON inspections.team_mutual_check (checked_team_id);

CREATE UNIQUE INDEX ix_team_mutual_check_checking_team_id_checked_team_id_week_start ON inspections.team_mutual_check (checking_team_id, checked_team_id, week_start);

CREATE INDEX ix_team_mutual_check_project_id_checked_on ON inspections.team_mutual_check (project_id, checked_on);

CREATE INDEX ix_wave_inspection_company_id_starts_at ON inspections.wave_inspection (company_id, starts_at);

CREATE INDEX ix_wave_slot_campaign_id ON inspections.wave_slot (campaign_id);

CREATE UNIQUE INDEX ix_wave_slot_inspection_id ON inspections.wave_slot (inspection_id);

CREATE INDEX ix_wave_slot_project_id ON inspections.wave_slot (project_id);
