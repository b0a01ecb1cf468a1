-- Issue #17 item 4: the care calendar (客户关怀): tasks for the zone steward and greetings sent as templated messages, one per
-- occasion (the key is unique); visits recorded with what was asked and the follow-up.
CREATE TABLE customer_care.care_task (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    person_id uuid,
    kind character varying(40) NOT NULL,
    status character varying(40) NOT NULL,
    title character varying(200) NOT NULL,
    event_date date NOT NULL,
    due_date date NOT NULL,
    assignee_user_id uuid,
    outcome character varying(500),
    done_at timestamp with time zone,
    noted_by character varying(100),
    key character varying(150) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_care_task PRIMARY KEY (id)
);

CREATE TABLE customer_care.care_visit (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    person_id uuid,
    care_task_id uuid,
    visitor_user_id uuid,
    visitor_name character varying(100) NOT NULL,
    visited_at timestamp with time zone NOT NULL,
    asked character varying(1000) NOT NULL,
    follow_up character varying(1000),
    follow_up_due date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_care_visit PRIMARY KEY (id),
    CONSTRAINT fk_care_visit_care_task_id FOREIGN KEY (care_task_id) REFERENCES customer_care.care_task (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_care_task_key ON customer_care.care_task (key);
CREATE INDEX ix_care_task_assignee_user_id_status ON customer_care.care_task (assignee_user_id, status);
CREATE INDEX ix_care_task_project_id_event_date ON customer_care.care_task (project_id, event_date);
CREATE INDEX ix_care_task_unit_id ON customer_care.care_task (unit_id);
CREATE INDEX ix_care_visit_unit_id_visited_at ON customer_care.care_visit (unit_id, visited_at);
CREATE INDEX ix_care_visit_care_task_id ON customer_care.care_visit (care_task_id);
