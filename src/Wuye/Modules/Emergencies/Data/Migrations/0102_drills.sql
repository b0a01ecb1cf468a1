-- 0102 emergencies: drills of the plans (run as incidents in drill mode), their findings as actions with owners and deadlines;
-- the plan's mark of the overdue drill its managers were told about. Drafted from the EF model (--print-create-script).

ALTER TABLE emergencies.emergency_plan ADD drill_overdue_told_for timestamp with time zone;

CREATE TABLE emergencies.drill (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    emergency_plan_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    title character varying(100) NOT NULL,
    scheduled_for timestamp with time zone NOT NULL,
    incident_id uuid,
    participants text[] NOT NULL,
    summary character varying(2000),
    completed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_drill PRIMARY KEY (id),
    CONSTRAINT fk_drill_emergency_plan_id FOREIGN KEY (emergency_plan_id) REFERENCES emergencies.emergency_plan (id) ON DELETE RESTRICT
);

CREATE TABLE emergencies.drill_action (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    drill_id uuid NOT NULL,
    finding character varying(500) NOT NULL,
    owner_user_id uuid,
    owner_name character varying(100) NOT NULL,
    due_on date NOT NULL,
    done_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_drill_action PRIMARY KEY (id),
    CONSTRAINT fk_drill_action_drill_id FOREIGN KEY (drill_id) REFERENCES emergencies.drill (id) ON DELETE CASCADE
);

CREATE INDEX ix_drill_company_id ON emergencies.drill (company_id);
CREATE INDEX ix_drill_emergency_plan_id_completed_at ON emergencies.drill (emergency_plan_id, completed_at);
CREATE INDEX ix_drill_project_id_scheduled_for ON emergencies.drill (project_id, scheduled_for);
CREATE INDEX ix_drill_action_company_id ON emergencies.drill_action (company_id);
CREATE INDEX ix_drill_action_drill_id ON emergencies.drill_action (drill_id);
CREATE INDEX ix_drill_action_owner_user_id_done_at ON emergencies.drill_action (owner_user_id, done_at);
CREATE INDEX ix_drill_action_project_id ON emergencies.drill_action (project_id);
