-- 0122 regulation: the problem ledger (问题台账: problems, joint enforcement cases, disputes) and the companies' answers.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE regulation.problem_ledger_entry (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    source character varying(40) NOT NULL,
    title character varying(200) NOT NULL,
    description character varying(2000) NOT NULL,
    departments character varying(200),
    found_on date NOT NULL,
    deadline date NOT NULL,
    late_item_code character varying(40) NOT NULL,
    recorded_by_name character varying(100) NOT NULL,
    returned_at timestamp with time zone,
    reinspection_note character varying(500),
    closed_at timestamp with time zone,
    overdue_at timestamp with time zone,
    conduct_record_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_problem_ledger_entry PRIMARY KEY (id)
);

CREATE TABLE regulation.problem_answer (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    problem_ledger_entry_id uuid NOT NULL,
    text character varying(2000) NOT NULL,
    evidence character varying(2000) NOT NULL,
    answered_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_problem_answer PRIMARY KEY (id),
    CONSTRAINT fk_problem_answer_problem_ledger_entry_id FOREIGN KEY (problem_ledger_entry_id) REFERENCES regulation.problem_ledger_entry (id) ON DELETE CASCADE
);

CREATE INDEX ix_problem_answer_company_id ON regulation.problem_answer (company_id);

CREATE INDEX ix_problem_answer_problem_ledger_entry_id ON regulation.problem_answer (problem_ledger_entry_id);

CREATE INDEX ix_problem_ledger_entry_company_id_deadline ON regulation.problem_ledger_entry (company_id, deadline);

CREATE INDEX ix_problem_ledger_entry_deadline_closed_at_overdue_at ON regulation.problem_ledger_entry (deadline, closed_at, overdue_at);

CREATE INDEX ix_problem_ledger_entry_project_id ON regulation.problem_ledger_entry (project_id);
