-- 0094 facilities: the vendors' monthly meeting (000#18), one per project and month, and the actions agreed there.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE facilities.vendor_meeting (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    month date NOT NULL,
    held_on date NOT NULL,
    vendor_ids uuid[] NOT NULL,
    minutes character varying(1000),
    recorded_by_user_id uuid NOT NULL,
    recorded_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_vendor_meeting PRIMARY KEY (id)
);

CREATE TABLE facilities.vendor_meeting_action (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    vendor_meeting_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    vendor_name character varying(100) NOT NULL,
    what character varying(200) NOT NULL,
    owner_user_id uuid NOT NULL,
    owner_name character varying(100) NOT NULL,
    due_on date NOT NULL,
    done_at timestamp with time zone,
    done_note character varying(500),
    done_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_vendor_meeting_action PRIMARY KEY (id),
    CONSTRAINT fk_vendor_meeting_action_vendor_meeting_id FOREIGN KEY (vendor_meeting_id) REFERENCES facilities.vendor_meeting (id) ON DELETE CASCADE
);

CREATE INDEX ix_vendor_meeting_company_id ON facilities.vendor_meeting (company_id);

CREATE UNIQUE INDEX ix_vendor_meeting_project_id_month ON facilities.vendor_meeting (project_id, month);

CREATE INDEX ix_vendor_meeting_action_company_id ON facilities.vendor_meeting_action (company_id);

CREATE INDEX ix_vendor_meeting_action_owner_user_id_done_at ON facilities.vendor_meeting_action (owner_user_id, done_at);

CREATE INDEX ix_vendor_meeting_action_vendor_id_done_at ON facilities.vendor_meeting_action (vendor_id, done_at);

CREATE INDEX ix_vendor_meeting_action_vendor_meeting_id ON facilities.vendor_meeting_action (vendor_meeting_id);
