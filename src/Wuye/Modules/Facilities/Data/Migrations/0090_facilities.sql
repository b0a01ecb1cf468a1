-- 0090 facilities: preventive-maintenance plans with checklists, their generated tasks and recorded results.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE SCHEMA IF NOT EXISTS facilities;

CREATE TABLE facilities.maintenance_plan (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    asset_id uuid,
    category character varying(40),
    rule character varying(300) NOT NULL,
    starts_on date NOT NULL,
    skip_non_working_days boolean NOT NULL,
    responsible_user_id uuid,
    lead_days integer NOT NULL,
    statutory boolean NOT NULL,
    generated_through date,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_maintenance_plan PRIMARY KEY (id)
);

CREATE TABLE facilities.checklist_item (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    maintenance_plan_id uuid NOT NULL,
    position integer NOT NULL,
    label character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    min numeric(14,3),
    max numeric(14,3),
    unit character varying(20),
    severity character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_checklist_item PRIMARY KEY (id),
    CONSTRAINT fk_checklist_item_maintenance_plan_id FOREIGN KEY (maintenance_plan_id) REFERENCES facilities.maintenance_plan (id) ON DELETE CASCADE
);

CREATE TABLE facilities.maintenance_task (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    maintenance_plan_id uuid NOT NULL,
    asset_id uuid NOT NULL,
    plan_name character varying(100) NOT NULL,
    asset_name character varying(100) NOT NULL,
    due_on date NOT NULL,
    assignee_user_id uuid,
    status character varying(40) NOT NULL,
    done_at timestamp with time zone,
    done_by_user_id uuid,
    done_by_name character varying(100),
    failures integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_maintenance_task PRIMARY KEY (id),
    CONSTRAINT fk_maintenance_task_maintenance_plan_id FOREIGN KEY (maintenance_plan_id) REFERENCES facilities.maintenance_plan (id) ON DELETE RESTRICT
);

CREATE TABLE facilities.maintenance_task_result (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    maintenance_task_id uuid NOT NULL,
    checklist_item_id uuid NOT NULL,
    position integer NOT NULL,
    label character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    severity character varying(40) NOT NULL,
    ok boolean,
    number numeric(14,3),
    text character varying(500),
    photo_id uuid,
    failed boolean NOT NULL,
    service_request_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_maintenance_task_result PRIMARY KEY (id),
    CONSTRAINT fk_maintenance_task_result_maintenance_task_id FOREIGN KEY (maintenance_task_id) REFERENCES facilities.maintenance_task (id) ON DELETE CASCADE
);

CREATE INDEX ix_checklist_item_company_id ON facilities.checklist_item (company_id);

CREATE UNIQUE INDEX ix_checklist_item_maintenance_plan_id_position ON facilities.checklist_item (maintenance_plan_id, position);

CREATE INDEX ix_maintenance_plan_archived_at_generated_through ON facilities.maintenance_plan (archived_at, generated_through);

CREATE INDEX ix_maintenance_plan_company_id ON facilities.maintenance_plan (company_id);

CREATE UNIQUE INDEX ix_maintenance_plan_project_id_name ON facilities.maintenance_plan (project_id, name);

CREATE INDEX ix_maintenance_task_asset_id ON facilities.maintenance_task (asset_id);

CREATE INDEX ix_maintenance_task_assignee_user_id_status ON facilities.maintenance_task (assignee_user_id, status);

CREATE INDEX ix_maintenance_task_company_id ON facilities.maintenance_task (company_id);

CREATE UNIQUE INDEX ix_maintenance_task_maintenance_plan_id_asset_id_due_on ON facilities.maintenance_task (maintenance_plan_id, asset_id, due_on);

CREATE INDEX ix_maintenance_task_project_id_status_due_on ON facilities.maintenance_task (project_id, status, due_on);

CREATE INDEX ix_maintenance_task_result_company_id ON facilities.maintenance_task_result (company_id);

CREATE UNIQUE INDEX ix_maintenance_task_result_maintenance_task_id_checklist_item_id ON facilities.maintenance_task_result (maintenance_task_id, checklist_item_id);

CREATE INDEX ix_maintenance_task_result_service_request_id ON facilities.maintenance_task_result (service_request_id);
