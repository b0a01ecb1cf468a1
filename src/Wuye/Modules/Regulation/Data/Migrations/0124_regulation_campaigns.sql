-- 0124 regulation: campaigns (专项行动) with their phases, the companies' self-checks and the regulator's inspections of projects.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE regulation.campaign (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    title character varying(200) NOT NULL,
    description character varying(2000) NOT NULL,
    starts_on date NOT NULL,
    self_check_due date NOT NULL,
    rectify_due date NOT NULL,
    ends_on date NOT NULL,
    created_by_name character varying(100) NOT NULL,
    summary character varying(4000),
    reported_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_campaign PRIMARY KEY (id)
);

CREATE TABLE regulation.campaign_inspection (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    inspected_on date NOT NULL,
    method character varying(40) NOT NULL,
    note character varying(1000),
    problem_ids uuid[] NOT NULL,
    inspector_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_campaign_inspection PRIMARY KEY (id),
    CONSTRAINT fk_campaign_inspection_campaign_id FOREIGN KEY (campaign_id) REFERENCES regulation.campaign (id) ON DELETE CASCADE
);

CREATE TABLE regulation.campaign_self_check (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    text character varying(2000) NOT NULL,
    issues_found integer NOT NULL,
    issues_fixed integer NOT NULL,
    evidence character varying(2000),
    late boolean NOT NULL,
    submitted_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_campaign_self_check PRIMARY KEY (id),
    CONSTRAINT fk_campaign_self_check_campaign_id FOREIGN KEY (campaign_id) REFERENCES regulation.campaign (id) ON DELETE CASCADE
);

CREATE INDEX ix_campaign_regulator_id_starts_on ON regulation.campaign (regulator_id, starts_on);
CREATE INDEX ix_campaign_inspection_campaign_id_project_id ON regulation.campaign_inspection (campaign_id, project_id);
CREATE INDEX ix_campaign_inspection_company_id ON regulation.campaign_inspection (company_id);
CREATE UNIQUE INDEX ix_campaign_self_check_campaign_id_company_id ON regulation.campaign_self_check (campaign_id, company_id);
CREATE INDEX ix_campaign_self_check_company_id ON regulation.campaign_self_check (company_id);
