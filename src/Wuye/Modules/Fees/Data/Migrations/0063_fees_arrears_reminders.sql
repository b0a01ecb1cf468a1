-- 0063 fees: arrears reminders (催缴): each step of chasing an overdue bill — a notice, an SMS, a steward's visit with
-- what the steward found — once per bill and step.

CREATE TABLE fees.arrears_reminder (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    bill_id uuid NOT NULL,
    step character varying(40) NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    days_past_due integer NOT NULL,
    owed numeric(14,2) NOT NULL,
    recipients integer NOT NULL,
    steward_user_id uuid,
    outcome character varying(40),
    outcome_note character varying(500),
    promised_date date,
    visited_at timestamp with time zone,
    visited_by_user_id uuid,
    visited_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_arrears_reminder PRIMARY KEY (id),
    CONSTRAINT fk_arrears_reminder_bill_id FOREIGN KEY (bill_id) REFERENCES fees.bill (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_arrears_reminder_bill_id_step ON fees.arrears_reminder (bill_id, step);

CREATE INDEX ix_arrears_reminder_project_id_sent_at ON fees.arrears_reminder (project_id, sent_at);

CREATE INDEX ix_arrears_reminder_unit_id_sent_at ON fees.arrears_reminder (unit_id, sent_at);
