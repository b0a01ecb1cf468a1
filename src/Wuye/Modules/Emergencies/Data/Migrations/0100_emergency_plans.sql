-- 0100 emergencies: plans per project, their numbered versions with ordered steps (role, target minutes) and contacts.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE SCHEMA IF NOT EXISTS emergencies;

CREATE TABLE emergencies.emergency_plan (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    title character varying(100) NOT NULL,
    current_version integer NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_emergency_plan PRIMARY KEY (id)
);

CREATE TABLE emergencies.plan_version (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    emergency_plan_id uuid NOT NULL,
    number integer NOT NULL,
    title character varying(100) NOT NULL,
    note character varying(500),
    author_name character varying(100) NOT NULL,
    published_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_plan_version PRIMARY KEY (id),
    CONSTRAINT fk_plan_version_emergency_plan_id FOREIGN KEY (emergency_plan_id) REFERENCES emergencies.emergency_plan (id) ON DELETE CASCADE
);

CREATE TABLE emergencies.plan_step (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    plan_version_id uuid NOT NULL,
    position integer NOT NULL,
    action character varying(300) NOT NULL,
    role character varying(40) NOT NULL,
    target_minutes integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_plan_step PRIMARY KEY (id),
    CONSTRAINT fk_plan_step_plan_version_id FOREIGN KEY (plan_version_id) REFERENCES emergencies.plan_version (id) ON DELETE CASCADE
);

CREATE TABLE emergencies.plan_contact (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    plan_version_id uuid NOT NULL,
    position integer NOT NULL,
    name character varying(100) NOT NULL,
    phone character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_plan_contact PRIMARY KEY (id),
    CONSTRAINT fk_plan_contact_plan_version_id FOREIGN KEY (plan_version_id) REFERENCES emergencies.plan_version (id) ON DELETE CASCADE
);

CREATE INDEX ix_emergency_plan_company_id ON emergencies.emergency_plan (company_id);
CREATE UNIQUE INDEX ix_emergency_plan_project_id_title ON emergencies.emergency_plan (project_id, title);
CREATE INDEX ix_plan_contact_company_id ON emergencies.plan_contact (company_id);
CREATE UNIQUE INDEX ix_plan_contact_plan_version_id_position ON emergencies.plan_contact (plan_version_id, position);
CREATE INDEX ix_plan_contact_project_id ON emergencies.plan_contact (project_id);
CREATE INDEX ix_plan_step_company_id ON emergencies.plan_step (company_id);
CREATE UNIQUE INDEX ix_plan_step_plan_version_id_position ON emergencies.plan_step (plan_version_id, position);
CREATE INDEX ix_plan_step_project_id ON emergencies.plan_step (project_id);
CREATE INDEX ix_plan_version_company_id ON emergencies.plan_version (company_id);
CREATE UNIQUE INDEX ix_plan_version_emergency_plan_id_number ON emergencies.plan_version (emergency_plan_id, number);
CREATE INDEX ix_plan_version_project_id ON emergencies.plan_version (project_id);
