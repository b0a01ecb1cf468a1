-- Issue #17 item 5: stewards' monthly contact plans (60 households a month; office projects 15 clients a week): the households
-- chosen, and the issues raised during the contacts, each opened as a service request. Progress is counted from care visits.
CREATE TABLE customer_care.contact_plan (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    steward_user_id uuid NOT NULL,
    steward_name character varying(100) NOT NULL,
    month date NOT NULL,
    office boolean NOT NULL,
    target integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_contact_plan PRIMARY KEY (id)
);

CREATE TABLE customer_care.contact_plan_item (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    position integer NOT NULL,
    last_contact_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_contact_plan_item PRIMARY KEY (id),
    CONSTRAINT fk_contact_plan_item_plan_id FOREIGN KEY (plan_id) REFERENCES customer_care.contact_plan (id) ON DELETE RESTRICT
);

CREATE TABLE customer_care.contact_issue (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    description character varying(500) NOT NULL,
    service_request_id uuid NOT NULL,
    service_request_number character varying(40) NOT NULL,
    raised_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_contact_issue PRIMARY KEY (id),
    CONSTRAINT fk_contact_issue_plan_id FOREIGN KEY (plan_id) REFERENCES customer_care.contact_plan (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_contact_plan_steward_user_id_project_id_month ON customer_care.contact_plan (steward_user_id, project_id, month);
CREATE INDEX ix_contact_plan_project_id_month ON customer_care.contact_plan (project_id, month);
CREATE UNIQUE INDEX ix_contact_plan_item_plan_id_unit_id ON customer_care.contact_plan_item (plan_id, unit_id);
CREATE INDEX ix_contact_plan_item_unit_id ON customer_care.contact_plan_item (unit_id);
CREATE INDEX ix_contact_issue_plan_id ON customer_care.contact_issue (plan_id);
