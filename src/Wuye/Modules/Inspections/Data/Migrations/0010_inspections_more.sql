-- 0010 inspections, more: suggestions are followed up and verified like fixes (their outcome on the
-- notice), notice numbers unique per company, surveys of pre-handover sites, reminder marks.

-- Numbers were counted from what the recorder could see, so two notices may share one: keep the first,
-- suffix the others, then hold every company to unique numbers.
UPDATE inspections.improvement_notice n SET number = left(n.number, 24) || '-' || d.rn
FROM (SELECT id, row_number() OVER (PARTITION BY company_id, number ORDER BY created_at, id) AS rn FROM inspections.improvement_notice) d
WHERE n.id = d.id AND d.rn > 1;

ALTER TABLE inspections.improvement_notice ADD reply_outcome character varying(40);

CREATE UNIQUE INDEX ix_improvement_notice_company_id_number ON inspections.improvement_notice (company_id, number);

CREATE TABLE inspections.site_survey (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    respondent character varying(40) NOT NULL,
    period_start date NOT NULL,
    respondent_name character varying(100) NOT NULL,
    surveyor_user_id uuid NOT NULL,
    surveyor_name character varying(100) NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    average_score numeric(14,2) NOT NULL,
    summary character varying(2000),
    late boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_site_survey PRIMARY KEY (id)
);

CREATE TABLE inspections.supervision_report_mark (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    week_start date NOT NULL,
    kind character varying(40) NOT NULL,
    at timestamp with time zone NOT NULL,
    notified integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_report_mark PRIMARY KEY (id)
);

CREATE TABLE inspections.site_survey_answer (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    position integer NOT NULL,
    topic character varying(50) NOT NULL,
    score integer NOT NULL,
    comment character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_site_survey_answer PRIMARY KEY (id),
    CONSTRAINT fk_site_survey_answer_survey_id FOREIGN KEY (survey_id) REFERENCES inspections.site_survey (id) ON DELETE CASCADE
);

CREATE INDEX ix_site_survey_company_id ON inspections.site_survey (company_id);
CREATE UNIQUE INDEX ix_site_survey_project_id_respondent_period_start ON inspections.site_survey (project_id, respondent, period_start);
CREATE INDEX ix_site_survey_answer_project_id ON inspections.site_survey_answer (project_id);
CREATE UNIQUE INDEX ix_site_survey_answer_survey_id_position ON inspections.site_survey_answer (survey_id, position);
CREATE INDEX ix_supervision_report_mark_company_id ON inspections.supervision_report_mark (company_id);
CREATE UNIQUE INDEX ix_supervision_report_mark_project_id_week_start_kind ON inspections.supervision_report_mark (project_id, week_start, kind);
