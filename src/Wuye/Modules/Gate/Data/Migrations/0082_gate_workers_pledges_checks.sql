-- 0082 gate: registered outside workers (renovation workers bound to a permit), their stays at the gate, height-work pledges
-- signed on the phone, photos of a renovation's drawings, and the daily renovation checks (made or missed, violations and their rectification).
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE gate.registered_worker (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    renovation_id uuid,
    kind character varying(40) NOT NULL,
    name character varying(50) NOT NULL,
    phone character varying(20),
    id_number character varying(18),
    photo_id uuid,
    unit_ids uuid[] NOT NULL,
    height_work boolean NOT NULL,
    code character varying(8) NOT NULL,
    valid_to date NOT NULL,
    revoked_at timestamp with time zone,
    registered_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_registered_worker PRIMARY KEY (id),
    CONSTRAINT fk_registered_worker_renovation_id FOREIGN KEY (renovation_id) REFERENCES gate.renovation (id) ON DELETE RESTRICT
);


CREATE TABLE gate.height_work_pledge (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    registered_worker_id uuid,
    worker_name character varying(50) NOT NULL,
    phone character varying(20),
    work character varying(200) NOT NULL,
    pledge_version character varying(20) NOT NULL,
    pledge_text character varying(2000) NOT NULL,
    signature_id uuid NOT NULL,
    day date NOT NULL,
    signed_at timestamp with time zone NOT NULL,
    witnessed_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_height_work_pledge PRIMARY KEY (id),
    CONSTRAINT fk_height_work_pledge_registered_worker_id FOREIGN KEY (registered_worker_id) REFERENCES gate.registered_worker (id) ON DELETE RESTRICT
);

CREATE TABLE gate.renovation_check (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    renovation_id uuid NOT NULL,
    day date NOT NULL,
    kind character varying(40) NOT NULL,
    missed boolean NOT NULL,
    findings character varying(1000),
    photo_ids uuid[] NOT NULL,
    violation boolean NOT NULL,
    deduction numeric(14,2),
    by uuid,
    at timestamp with time zone,
    rectified_at timestamp with time zone,
    rectified_by uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_renovation_check PRIMARY KEY (id),
    CONSTRAINT fk_renovation_check_renovation_id FOREIGN KEY (renovation_id) REFERENCES gate.renovation (id) ON DELETE CASCADE
);


ALTER TABLE gate.renovation ADD drawing_ids uuid[] NOT NULL DEFAULT '{}';

ALTER TABLE gate.renovation ALTER COLUMN drawing_ids DROP DEFAULT;

ALTER TABLE gate.gate_entry ADD registered_worker_id uuid;

ALTER TABLE gate.gate_entry ADD CONSTRAINT fk_gate_entry_registered_worker_id FOREIGN KEY (registered_worker_id) REFERENCES gate.registered_worker (id) ON DELETE RESTRICT;

CREATE INDEX ix_gate_entry_registered_worker_id ON gate.gate_entry (registered_worker_id);

CREATE INDEX ix_height_work_pledge_company_id ON gate.height_work_pledge (company_id);

CREATE INDEX ix_height_work_pledge_project_id_day ON gate.height_work_pledge (project_id, day);

CREATE INDEX ix_height_work_pledge_registered_worker_id_day ON gate.height_work_pledge (registered_worker_id, day);

CREATE INDEX ix_registered_worker_company_id ON gate.registered_worker (company_id);

CREATE UNIQUE INDEX ix_registered_worker_project_id_code ON gate.registered_worker (project_id, code);

CREATE INDEX ix_registered_worker_renovation_id ON gate.registered_worker (renovation_id);

CREATE INDEX ix_registered_worker_unit_id ON gate.registered_worker (unit_id);

CREATE INDEX ix_renovation_check_company_id ON gate.renovation_check (company_id);

CREATE INDEX ix_renovation_check_project_id_day ON gate.renovation_check (project_id, day);

CREATE UNIQUE INDEX ix_renovation_check_renovation_id_day_kind ON gate.renovation_check (renovation_id, day, kind);

