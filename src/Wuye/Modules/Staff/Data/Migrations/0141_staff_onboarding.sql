-- 0141 staff (人员): post guides (岗位操作指引, 000#7) with their steps, and each new employee's onboarding plan made from the
-- guide of their post, its steps tracked to done (practice ticked, training and exam steps by the records) and told once
-- when overdue.

CREATE TABLE staff.post_guide (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    post character varying(50) NOT NULL,
    title character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_post_guide PRIMARY KEY (id)
);

CREATE TABLE staff.post_guide_step (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    guide_id uuid NOT NULL,
    position integer NOT NULL,
    title character varying(100) NOT NULL,
    instructions character varying(1000),
    due_day integer NOT NULL,
    kind character varying(40) NOT NULL,
    training_topic character varying(40),
    exam_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_post_guide_step PRIMARY KEY (id),
    CONSTRAINT fk_post_guide_step_guide_id FOREIGN KEY (guide_id) REFERENCES staff.post_guide (id) ON DELETE CASCADE
);

CREATE TABLE staff.onboarding_plan (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    guide_id uuid NOT NULL,
    guide_title character varying(100) NOT NULL,
    staff_member_id uuid NOT NULL,
    user_id uuid,
    person_name character varying(100) NOT NULL,
    starts_on date NOT NULL,
    completed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_onboarding_plan PRIMARY KEY (id),
    CONSTRAINT fk_onboarding_plan_guide_id FOREIGN KEY (guide_id) REFERENCES staff.post_guide (id) ON DELETE RESTRICT
);

CREATE TABLE staff.onboarding_step (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    position integer NOT NULL,
    title character varying(100) NOT NULL,
    instructions character varying(1000),
    kind character varying(40) NOT NULL,
    training_topic character varying(40),
    exam_id uuid,
    exam_assignment_id uuid,
    due_on date NOT NULL,
    done_at timestamp with time zone,
    done_by_name character varying(100),
    overdue_notice_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_onboarding_step PRIMARY KEY (id),
    CONSTRAINT fk_onboarding_step_plan_id FOREIGN KEY (plan_id) REFERENCES staff.onboarding_plan (id) ON DELETE CASCADE
);

CREATE INDEX ix_post_guide_company_id_post ON staff.post_guide (company_id, post);

CREATE INDEX ix_post_guide_project_id ON staff.post_guide (project_id);

CREATE INDEX ix_post_guide_step_company_id ON staff.post_guide_step (company_id);

CREATE UNIQUE INDEX ix_post_guide_step_guide_id_position ON staff.post_guide_step (guide_id, position);

CREATE INDEX ix_onboarding_plan_guide_id ON staff.onboarding_plan (guide_id);

CREATE INDEX ix_onboarding_plan_project_id_starts_on ON staff.onboarding_plan (project_id, starts_on);

CREATE INDEX ix_onboarding_plan_staff_member_id ON staff.onboarding_plan (staff_member_id);

CREATE INDEX ix_onboarding_plan_user_id ON staff.onboarding_plan (user_id);

CREATE UNIQUE INDEX ix_onboarding_step_plan_id_position ON staff.onboarding_step (plan_id, position);

CREATE INDEX ix_onboarding_step_project_id_due_on ON staff.onboarding_step (project_id, due_on);
