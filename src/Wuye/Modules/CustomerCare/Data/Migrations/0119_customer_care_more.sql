-- Issue #17, what was left: the monthly contact analysis meeting (写字楼: 28 日), scheduled by the contact plan job, with the
-- month's findings and the issues raised at it, each opened as a service request once.
CREATE TABLE customer_care.contact_meeting (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    month date NOT NULL,
    due_on date NOT NULL,
    reminded_at timestamp with time zone,
    held_at timestamp with time zone,
    chair_name character varying(100),
    attendees character varying(300),
    findings character varying(2000),
    target integer NOT NULL,
    contacted integer NOT NULL,
    issues_raised integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_contact_meeting PRIMARY KEY (id)
);

CREATE TABLE customer_care.contact_meeting_issue (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    household_unit_id uuid,
    location character varying(100),
    category character varying(40) NOT NULL,
    description character varying(500) NOT NULL,
    raised_by_name character varying(100) NOT NULL,
    service_request_id uuid,
    service_request_number character varying(40),
    opened_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_contact_meeting_issue PRIMARY KEY (id),
    CONSTRAINT fk_contact_meeting_issue_meeting_id FOREIGN KEY (meeting_id) REFERENCES customer_care.contact_meeting (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_contact_meeting_project_id_month ON customer_care.contact_meeting (project_id, month);
CREATE INDEX ix_contact_meeting_due_on_held_at ON customer_care.contact_meeting (due_on, held_at);
CREATE INDEX ix_contact_meeting_issue_meeting_id ON customer_care.contact_meeting_issue (meeting_id);
