-- 0123 regulation: owners' committees (业主委员会) filed with the regulator, their term and members.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE regulation.owners_committee (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    project_ids uuid[] NOT NULL,
    term_no integer NOT NULL,
    term_start date NOT NULL,
    term_end date NOT NULL,
    term_alerted_for date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_owners_committee PRIMARY KEY (id)
);

CREATE TABLE regulation.committee_member (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    owners_committee_id uuid NOT NULL,
    position character varying(40) NOT NULL,
    name character varying(50) NOT NULL,
    unit character varying(50),
    phone character varying(20),
    sort_order integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_committee_member PRIMARY KEY (id),
    CONSTRAINT fk_committee_member_owners_committee_id FOREIGN KEY (owners_committee_id) REFERENCES regulation.owners_committee (id) ON DELETE CASCADE
);

CREATE INDEX ix_committee_member_company_id ON regulation.committee_member (company_id);
CREATE INDEX ix_committee_member_owners_committee_id ON regulation.committee_member (owners_committee_id);
CREATE INDEX ix_owners_committee_company_id ON regulation.owners_committee (company_id);
CREATE INDEX ix_owners_committee_project_id ON regulation.owners_committee (project_id);
CREATE INDEX ix_owners_committee_regulator_id_term_end ON regulation.owners_committee (regulator_id, term_end);
