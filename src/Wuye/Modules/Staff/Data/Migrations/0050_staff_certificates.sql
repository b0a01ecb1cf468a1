-- 0050 staff (人员): special-operation certificates (特种作业证书) of the staff register, with their expiry.

CREATE SCHEMA IF NOT EXISTS staff;

CREATE TABLE staff.certificate (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    staff_member_id uuid NOT NULL,
    holder_name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    number character varying(50) NOT NULL,
    issuer character varying(100),
    issued_on date NOT NULL,
    expires_on date NOT NULL,
    renewals integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_certificate PRIMARY KEY (id)
);

CREATE INDEX ix_certificate_company_id_expires_on ON staff.certificate (company_id, expires_on);

CREATE INDEX ix_certificate_project_id_expires_on ON staff.certificate (project_id, expires_on);

CREATE INDEX ix_certificate_staff_member_id_kind ON staff.certificate (staff_member_id, kind);
