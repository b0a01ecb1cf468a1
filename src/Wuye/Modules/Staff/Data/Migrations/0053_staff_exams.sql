-- 0053 staff (人员): question banks (题库) and their questions, exams drawn from them, the exams required of each person
-- (perhaps by a QPI deduction finding) and each attempt with its drawn questions, answers and score.

CREATE TABLE staff.question_bank (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    title character varying(100) NOT NULL,
    topic character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_question_bank PRIMARY KEY (id)
);

CREATE TABLE staff.question (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    bank_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    text character varying(500) NOT NULL,
    options text[] NOT NULL,
    correct integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_question PRIMARY KEY (id),
    CONSTRAINT fk_question_bank_id FOREIGN KEY (bank_id) REFERENCES staff.question_bank (id) ON DELETE CASCADE
);

CREATE TABLE staff.exam (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    title character varying(100) NOT NULL,
    topic character varying(40) NOT NULL,
    bank_ids uuid[] NOT NULL,
    question_count integer NOT NULL,
    pass_mark numeric(14,1) NOT NULL,
    minutes integer NOT NULL,
    max_attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_exam PRIMARY KEY (id)
);

CREATE TABLE staff.exam_assignment (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    exam_id uuid NOT NULL,
    staff_member_id uuid NOT NULL,
    user_id uuid,
    person_name character varying(100) NOT NULL,
    finding_id uuid,
    reason character varying(300),
    due_on date,
    attempts integer NOT NULL,
    best_score numeric(14,1),
    passed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_exam_assignment PRIMARY KEY (id),
    CONSTRAINT fk_exam_assignment_exam_id FOREIGN KEY (exam_id) REFERENCES staff.exam (id) ON DELETE RESTRICT
);

CREATE TABLE staff.exam_attempt (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    assignment_id uuid NOT NULL,
    number integer NOT NULL,
    started_at timestamp with time zone NOT NULL,
    deadline_at timestamp with time zone NOT NULL,
    question_ids uuid[] NOT NULL,
    answers integer[] NOT NULL,
    submitted_at timestamp with time zone,
    score numeric(14,1),
    passed boolean,
    timed_out boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_exam_attempt PRIMARY KEY (id),
    CONSTRAINT fk_exam_attempt_assignment_id FOREIGN KEY (assignment_id) REFERENCES staff.exam_assignment (id) ON DELETE CASCADE
);

CREATE INDEX ix_exam_company_id_created_at ON staff.exam (company_id, created_at);

CREATE INDEX ix_exam_assignment_exam_id_staff_member_id ON staff.exam_assignment (exam_id, staff_member_id);

CREATE INDEX ix_exam_assignment_user_id ON staff.exam_assignment (user_id);

CREATE UNIQUE INDEX ix_exam_attempt_assignment_id_number ON staff.exam_attempt (assignment_id, number);

CREATE INDEX ix_question_bank_id ON staff.question (bank_id);

CREATE INDEX ix_question_bank_company_id_title ON staff.question_bank (company_id, title);
