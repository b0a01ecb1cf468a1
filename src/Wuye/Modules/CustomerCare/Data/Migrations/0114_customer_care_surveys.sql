-- Issue #17 item 7: satisfaction surveys (满意度调查问卷, 001 ch.5): a project's questionnaire (single / multiple choice,
-- 1–5 scale, NPS 0–10, text), the sampled households (one response each, answered once on the portal or by phone) and the
-- answers; a detractor's answer links the follow-up care task it opened.
CREATE TABLE customer_care.survey (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    title character varying(100) NOT NULL,
    intro character varying(500),
    status character varying(40) NOT NULL,
    sample_percent integer NOT NULL,
    sampled integer NOT NULL,
    opened_at timestamp with time zone,
    closed_at timestamp with time zone,
    created_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey PRIMARY KEY (id)
);

CREATE TABLE customer_care.survey_question (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    position integer NOT NULL,
    kind character varying(40) NOT NULL,
    text character varying(200) NOT NULL,
    dimension character varying(40) NOT NULL,
    options character varying(40)[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_question PRIMARY KEY (id),
    CONSTRAINT fk_survey_question_survey_id FOREIGN KEY (survey_id) REFERENCES customer_care.survey (id) ON DELETE RESTRICT
);

CREATE TABLE customer_care.survey_response (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    answered_at timestamp with time zone,
    channel character varying(40),
    answered_by_user_id uuid,
    answered_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_response PRIMARY KEY (id),
    CONSTRAINT fk_survey_response_survey_id FOREIGN KEY (survey_id) REFERENCES customer_care.survey (id) ON DELETE RESTRICT
);

CREATE TABLE customer_care.survey_answer (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    response_id uuid NOT NULL,
    question_id uuid NOT NULL,
    score integer,
    choices character varying(40)[] NOT NULL,
    text character varying(1000),
    care_task_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_survey_answer PRIMARY KEY (id),
    CONSTRAINT fk_survey_answer_response_id FOREIGN KEY (response_id) REFERENCES customer_care.survey_response (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_answer_question_id FOREIGN KEY (question_id) REFERENCES customer_care.survey_question (id) ON DELETE RESTRICT
);

CREATE INDEX ix_survey_project_id_status ON customer_care.survey (project_id, status);
CREATE INDEX ix_survey_question_survey_id_position ON customer_care.survey_question (survey_id, position);
CREATE UNIQUE INDEX ix_survey_response_survey_id_unit_id ON customer_care.survey_response (survey_id, unit_id);
CREATE INDEX ix_survey_response_unit_id ON customer_care.survey_response (unit_id);
CREATE UNIQUE INDEX ix_survey_answer_response_id_question_id ON customer_care.survey_answer (response_id, question_id);
CREATE INDEX ix_survey_answer_survey_id_question_id ON customer_care.survey_answer (survey_id, question_id);
CREATE INDEX ix_survey_answer_question_id ON customer_care.survey_answer (question_id);
