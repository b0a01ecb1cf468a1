-- 0070 security: patrol routes with ordered checkpoints, rounds planned from them, scans and excused points.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE SCHEMA IF NOT EXISTS security;

CREATE TABLE security.patrol_route (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    start_times character varying(300) NOT NULL,
    duration_minutes integer NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_patrol_route PRIMARY KEY (id)
);

CREATE TABLE security.patrol_checkpoint (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    patrol_route_id uuid NOT NULL,
    position integer NOT NULL,
    name character varying(100) NOT NULL,
    due_minute integer NOT NULL,
    tolerance_minutes integer NOT NULL,
    latitude double precision,
    longitude double precision,
    radius_meters integer NOT NULL,
    code character varying(12) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_patrol_checkpoint PRIMARY KEY (id),
    CONSTRAINT fk_patrol_checkpoint_patrol_route_id FOREIGN KEY (patrol_route_id) REFERENCES security.patrol_route (id) ON DELETE CASCADE
);

CREATE TABLE security.patrol_round (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    patrol_route_id uuid NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    walker_user_id uuid,
    walker_name character varying(100),
    alerted_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_patrol_round PRIMARY KEY (id),
    CONSTRAINT fk_patrol_round_patrol_route_id FOREIGN KEY (patrol_route_id) REFERENCES security.patrol_route (id) ON DELETE RESTRICT
);

CREATE TABLE security.patrol_excuse (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    patrol_round_id uuid NOT NULL,
    patrol_checkpoint_id uuid NOT NULL,
    reason character varying(500) NOT NULL,
    excused_by uuid NOT NULL,
    excused_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_patrol_excuse PRIMARY KEY (id),
    CONSTRAINT fk_patrol_excuse_patrol_checkpoint_id FOREIGN KEY (patrol_checkpoint_id) REFERENCES security.patrol_checkpoint (id) ON DELETE RESTRICT,
    CONSTRAINT fk_patrol_excuse_patrol_round_id FOREIGN KEY (patrol_round_id) REFERENCES security.patrol_round (id) ON DELETE CASCADE
);

CREATE TABLE security.patrol_scan (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    patrol_round_id uuid NOT NULL,
    patrol_checkpoint_id uuid NOT NULL,
    scanned_at timestamp with time zone NOT NULL,
    latitude double precision,
    longitude double precision,
    note character varying(500),
    user_id uuid NOT NULL,
    typed boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_patrol_scan PRIMARY KEY (id),
    CONSTRAINT fk_patrol_scan_patrol_checkpoint_id FOREIGN KEY (patrol_checkpoint_id) REFERENCES security.patrol_checkpoint (id) ON DELETE RESTRICT,
    CONSTRAINT fk_patrol_scan_patrol_round_id FOREIGN KEY (patrol_round_id) REFERENCES security.patrol_round (id) ON DELETE CASCADE
);

CREATE INDEX ix_patrol_checkpoint_company_id ON security.patrol_checkpoint (company_id);

CREATE UNIQUE INDEX ix_patrol_checkpoint_patrol_route_id_position ON security.patrol_checkpoint (patrol_route_id, position);

CREATE UNIQUE INDEX ix_patrol_checkpoint_project_id_code ON security.patrol_checkpoint (project_id, code);

CREATE INDEX ix_patrol_excuse_company_id ON security.patrol_excuse (company_id);

CREATE INDEX ix_patrol_excuse_patrol_checkpoint_id ON security.patrol_excuse (patrol_checkpoint_id);

CREATE UNIQUE INDEX ix_patrol_excuse_patrol_round_id_patrol_checkpoint_id ON security.patrol_excuse (patrol_round_id, patrol_checkpoint_id);

CREATE INDEX ix_patrol_round_company_id ON security.patrol_round (company_id);

CREATE INDEX ix_patrol_round_ends_at_alerted_at ON security.patrol_round (ends_at, alerted_at);

CREATE UNIQUE INDEX ix_patrol_round_patrol_route_id_starts_at ON security.patrol_round (patrol_route_id, starts_at);

CREATE INDEX ix_patrol_round_project_id_starts_at ON security.patrol_round (project_id, starts_at);

CREATE INDEX ix_patrol_route_company_id ON security.patrol_route (company_id);

CREATE UNIQUE INDEX ix_patrol_route_project_id_name ON security.patrol_route (project_id, name);

CREATE INDEX ix_patrol_scan_company_id ON security.patrol_scan (company_id);

CREATE INDEX ix_patrol_scan_patrol_checkpoint_id ON security.patrol_scan (patrol_checkpoint_id);

CREATE INDEX ix_patrol_scan_patrol_round_id_scanned_at ON security.patrol_scan (patrol_round_id, scanned_at);
