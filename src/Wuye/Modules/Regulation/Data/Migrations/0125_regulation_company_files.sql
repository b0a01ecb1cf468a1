-- 0125 regulation: the companies' files with their regulator: filings (market entry, contracts, others) and contacts.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE regulation.company_filing (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    kind character varying(40) NOT NULL,
    title character varying(200) NOT NULL,
    number character varying(100),
    filed_on date NOT NULL,
    valid_until date,
    note character varying(1000),
    filed_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_company_filing PRIMARY KEY (id)
);

CREATE TABLE regulation.company_contact (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    name character varying(50) NOT NULL,
    position character varying(50) NOT NULL,
    phone character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_company_contact PRIMARY KEY (id)
);

CREATE INDEX ix_company_contact_company_id ON regulation.company_contact (company_id);
CREATE INDEX ix_company_filing_company_id_filed_on ON regulation.company_filing (company_id, filed_on);
CREATE INDEX ix_company_filing_project_id ON regulation.company_filing (project_id);
