-- Complaint departments per company (the fixed list stays as the default of a company without rows).
CREATE TABLE complaints.complaint_department (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    code character varying(40) NOT NULL,
    name character varying(50) NOT NULL,
    name_en character varying(100),
    sort_order integer NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_complaint_department PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_complaint_department_company_id_code ON complaints.complaint_department (company_id, code);
