-- 0080 gate: visitor passes signed per project (ECDSA P-256 keys), walk-ins confirmed by the owner, stays at the gate.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE SCHEMA IF NOT EXISTS gate;

CREATE TABLE gate.gate_pass_key (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    public_key character varying(200) NOT NULL,
    private_key character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_gate_pass_key PRIMARY KEY (id)
);

CREATE TABLE gate.visitor_pass (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    status character varying(40) NOT NULL,
    visitor_name character varying(50) NOT NULL,
    visitor_phone character varying(20),
    plate_number character varying(12),
    people integer NOT NULL,
    valid_from timestamp with time zone NOT NULL,
    valid_to timestamp with time zone NOT NULL,
    max_entries integer NOT NULL,
    entries_used integer NOT NULL,
    code character varying(8) NOT NULL,
    payload character varying(600) NOT NULL,
    registered_by uuid NOT NULL,
    call_note character varying(200),
    answered_at timestamp with time zone,
    answered_by uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_visitor_pass PRIMARY KEY (id)
);

CREATE TABLE gate.gate_entry (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    visitor_pass_id uuid,
    name character varying(50) NOT NULL,
    people integer NOT NULL,
    in_at timestamp with time zone NOT NULL,
    in_by uuid NOT NULL,
    out_at timestamp with time zone,
    out_by uuid,
    typed boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_gate_entry PRIMARY KEY (id),
    CONSTRAINT fk_gate_entry_visitor_pass_id FOREIGN KEY (visitor_pass_id) REFERENCES gate.visitor_pass (id) ON DELETE RESTRICT
);

CREATE INDEX ix_gate_entry_company_id ON gate.gate_entry (company_id);

CREATE INDEX ix_gate_entry_project_id_in_at ON gate.gate_entry (project_id, in_at);

CREATE INDEX ix_gate_entry_project_id_out_at ON gate.gate_entry (project_id, out_at);

CREATE INDEX ix_gate_entry_visitor_pass_id ON gate.gate_entry (visitor_pass_id);

CREATE INDEX ix_gate_pass_key_company_id ON gate.gate_pass_key (company_id);

CREATE UNIQUE INDEX ix_gate_pass_key_project_id ON gate.gate_pass_key (project_id);

CREATE INDEX ix_visitor_pass_company_id ON gate.visitor_pass (company_id);

CREATE UNIQUE INDEX ix_visitor_pass_project_id_code ON gate.visitor_pass (project_id, code);

CREATE INDEX ix_visitor_pass_project_id_status_valid_to ON gate.visitor_pass (project_id, status, valid_to);

CREATE INDEX ix_visitor_pass_unit_id_valid_from ON gate.visitor_pass (unit_id, valid_from);
