-- 0095 facilities: the best vendor employee of the month (000#17), one per project and month.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE facilities.vendor_star (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    month date NOT NULL,
    vendor_id uuid NOT NULL,
    vendor_name character varying(100) NOT NULL,
    staff_id uuid NOT NULL,
    staff_name character varying(100) NOT NULL,
    reason character varying(300) NOT NULL,
    named_by_user_id uuid NOT NULL,
    named_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_vendor_star PRIMARY KEY (id)
);

CREATE INDEX ix_vendor_star_company_id ON facilities.vendor_star (company_id);

CREATE UNIQUE INDEX ix_vendor_star_project_id_month ON facilities.vendor_star (project_id, month);

CREATE INDEX ix_vendor_star_vendor_id_month ON facilities.vendor_star (vendor_id, month);
