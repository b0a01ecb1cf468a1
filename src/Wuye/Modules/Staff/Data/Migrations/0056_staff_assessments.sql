-- 0056 staff (人员): the monthly assessment (月度考核) — each person's closed monthly score with the records counted and the
-- rank, and each project's closed month with its manager's review of the ranking.

CREATE TABLE staff.staff_assessment_month (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    month date NOT NULL,
    closed_at timestamp with time zone NOT NULL,
    people integer NOT NULL,
    reviewed_at timestamp with time zone,
    reviewed_by_id uuid,
    reviewed_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_staff_assessment_month PRIMARY KEY (id)
);

CREATE TABLE staff.staff_score (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    month date NOT NULL,
    staff_member_id uuid NOT NULL,
    team_id uuid,
    user_id uuid,
    staff_name character varying(100) NOT NULL,
    findings integer NOT NULL,
    deduction_points numeric(14,1) NOT NULL,
    work_orders_due integer NOT NULL,
    work_orders_on_time integer NOT NULL,
    complaints integer NOT NULL,
    exam_attempts integer NOT NULL,
    exam_mean numeric(14,1),
    score numeric(14,1) NOT NULL,
    rank integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_staff_score PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_staff_assessment_month_project_id_month ON staff.staff_assessment_month (project_id, month);

CREATE UNIQUE INDEX ix_staff_score_project_id_month_staff_member_id ON staff.staff_score (project_id, month, staff_member_id);

CREATE INDEX ix_staff_score_user_id_month ON staff.staff_score (user_id, month);

