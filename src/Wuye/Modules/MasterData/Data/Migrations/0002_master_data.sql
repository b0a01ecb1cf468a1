-- 0002 master data: registers (parking, assets, vendors, vehicles, teams, staff), import batches and their
-- files, the personal-data access log; people get their project and birthday, occupants a kinship.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script); the drift test keeps them equal.

ALTER TABLE master_data.person ADD project_id uuid;
ALTER TABLE master_data.person ADD birthday date;
ALTER TABLE master_data.unit_occupant ADD kinship character varying(20);

CREATE TABLE master_data.vendor (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    service character varying(40) NOT NULL,
    contact_name character varying(50),
    contact_phone character varying(20),
    contract_end date,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_vendor PRIMARY KEY (id),
    CONSTRAINT fk_vendor_company_id FOREIGN KEY (company_id) REFERENCES master_data.company (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.parking_space (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    holder_person_id uuid,
    code character varying(30) NOT NULL,
    kind character varying(40) NOT NULL,
    location character varying(100),
    has_lock boolean NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_parking_space PRIMARY KEY (id),
    CONSTRAINT fk_parking_space_holder_person_id FOREIGN KEY (holder_person_id) REFERENCES master_data.person (id) ON DELETE RESTRICT,
    CONSTRAINT fk_parking_space_project_id FOREIGN KEY (project_id) REFERENCES master_data.project (id) ON DELETE RESTRICT,
    CONSTRAINT fk_parking_space_unit_id FOREIGN KEY (unit_id) REFERENCES master_data.unit (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.asset (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    building_id uuid,
    code character varying(40) NOT NULL,
    name character varying(100) NOT NULL,
    category character varying(40) NOT NULL,
    location character varying(100),
    vendor_id uuid,
    install_date date,
    next_inspection date,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_asset PRIMARY KEY (id),
    CONSTRAINT fk_asset_building_id FOREIGN KEY (building_id) REFERENCES master_data.building (id) ON DELETE RESTRICT,
    CONSTRAINT fk_asset_project_id FOREIGN KEY (project_id) REFERENCES master_data.project (id) ON DELETE RESTRICT,
    CONSTRAINT fk_asset_vendor_id FOREIGN KEY (vendor_id) REFERENCES master_data.vendor (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.vehicle (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid,
    person_id uuid,
    parking_space_id uuid,
    plate character varying(12) NOT NULL,
    model character varying(50),
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_vehicle PRIMARY KEY (id),
    CONSTRAINT fk_vehicle_parking_space_id FOREIGN KEY (parking_space_id) REFERENCES master_data.parking_space (id) ON DELETE RESTRICT,
    CONSTRAINT fk_vehicle_person_id FOREIGN KEY (person_id) REFERENCES master_data.person (id) ON DELETE RESTRICT,
    CONSTRAINT fk_vehicle_project_id FOREIGN KEY (project_id) REFERENCES master_data.project (id) ON DELETE RESTRICT,
    CONSTRAINT fk_vehicle_unit_id FOREIGN KEY (unit_id) REFERENCES master_data.unit (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.team (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    name character varying(50) NOT NULL,
    kind character varying(40) NOT NULL,
    vendor_id uuid,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_team PRIMARY KEY (id),
    CONSTRAINT fk_team_project_id FOREIGN KEY (project_id) REFERENCES master_data.project (id) ON DELETE RESTRICT,
    CONSTRAINT fk_team_vendor_id FOREIGN KEY (vendor_id) REFERENCES master_data.vendor (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.staff_member (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    team_id uuid,
    vendor_id uuid,
    user_id uuid,
    name character varying(50) NOT NULL,
    phone character varying(20),
    position character varying(50),
    is_leader boolean NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_staff_member PRIMARY KEY (id),
    CONSTRAINT fk_staff_member_team_id FOREIGN KEY (team_id) REFERENCES master_data.team (id) ON DELETE RESTRICT,
    CONSTRAINT fk_staff_member_vendor_id FOREIGN KEY (vendor_id) REFERENCES master_data.vendor (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.import_batch (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    file_size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    status character varying(40) NOT NULL,
    user_id uuid,
    rows integer NOT NULL,
    to_create integer NOT NULL,
    to_update integer NOT NULL,
    unchanged integer NOT NULL,
    errors integer NOT NULL,
    committed_at timestamp with time zone,
    commit_milliseconds integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_import_batch PRIMARY KEY (id),
    CONSTRAINT fk_import_batch_project_id FOREIGN KEY (project_id) REFERENCES master_data.project (id) ON DELETE RESTRICT
);

CREATE TABLE master_data.import_file (
    batch_id uuid NOT NULL,
    content bytea NOT NULL,
    CONSTRAINT pk_import_file PRIMARY KEY (batch_id),
    CONSTRAINT fk_import_file_batch_id FOREIGN KEY (batch_id) REFERENCES master_data.import_batch (id) ON DELETE CASCADE
);

CREATE TABLE master_data.personal_data_access (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    zone_id uuid,
    person_id uuid NOT NULL,
    user_id uuid,
    user_name character varying(100),
    purpose character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_personal_data_access PRIMARY KEY (id),
    CONSTRAINT fk_personal_data_access_person_id FOREIGN KEY (person_id) REFERENCES master_data.person (id) ON DELETE RESTRICT
);

CREATE INDEX ix_asset_building_id ON master_data.asset (building_id);

CREATE INDEX ix_asset_next_inspection ON master_data.asset (next_inspection);

CREATE UNIQUE INDEX ix_asset_project_id_code ON master_data.asset (project_id, code);

CREATE INDEX ix_asset_vendor_id ON master_data.asset (vendor_id);

CREATE INDEX ix_import_batch_project_id_created_at ON master_data.import_batch (project_id, created_at);

CREATE INDEX ix_parking_space_holder_person_id ON master_data.parking_space (holder_person_id);

CREATE UNIQUE INDEX ix_parking_space_project_id_code ON master_data.parking_space (project_id, code);

CREATE INDEX ix_parking_space_unit_id ON master_data.parking_space (unit_id);

CREATE INDEX ix_person_project_id ON master_data.person (project_id);

CREATE INDEX ix_personal_data_access_person_id_created_at ON master_data.personal_data_access (person_id, created_at);

CREATE INDEX ix_staff_member_project_id ON master_data.staff_member (project_id);

CREATE INDEX ix_staff_member_team_id ON master_data.staff_member (team_id);

CREATE INDEX ix_staff_member_user_id ON master_data.staff_member (user_id);

CREATE INDEX ix_staff_member_vendor_id ON master_data.staff_member (vendor_id);

CREATE UNIQUE INDEX ix_team_company_id_project_id_name ON master_data.team (company_id, project_id, name);

CREATE INDEX ix_team_project_id ON master_data.team (project_id);

CREATE INDEX ix_team_vendor_id ON master_data.team (vendor_id);

CREATE INDEX ix_vehicle_parking_space_id ON master_data.vehicle (parking_space_id);

CREATE INDEX ix_vehicle_person_id ON master_data.vehicle (person_id);

CREATE UNIQUE INDEX ix_vehicle_project_id_plate ON master_data.vehicle (project_id, plate);

CREATE INDEX ix_vehicle_unit_id ON master_data.vehicle (unit_id);

CREATE UNIQUE INDEX ix_vendor_company_id_name ON master_data.vendor (company_id, name);
