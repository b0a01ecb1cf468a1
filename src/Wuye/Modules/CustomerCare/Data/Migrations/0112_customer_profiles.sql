-- Issue #17 item 3: customer profiles (客户档案) beside MasterData's people and homes: each person's interests and consent to
-- care messages; each household's business (office clients, licence date), manual tags and note. Segments are computed.
CREATE TABLE customer_care.person_profile (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    person_id uuid NOT NULL,
    interests character varying(40)[] NOT NULL,
    consent boolean,
    consent_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_person_profile PRIMARY KEY (id)
);

CREATE TABLE customer_care.household_profile (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    business_name character varying(100),
    licence_date date,
    tags character varying(40)[] NOT NULL,
    note character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_household_profile PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_person_profile_person_id ON customer_care.person_profile (person_id);
CREATE INDEX ix_person_profile_unit_id ON customer_care.person_profile (unit_id);
CREATE UNIQUE INDEX ix_household_profile_unit_id ON customer_care.household_profile (unit_id);
CREATE INDEX ix_household_profile_project_id ON customer_care.household_profile (project_id);
