-- 0075 security car parks (万科#7, 000#34): a project's car parks, their rules for owners, and the availability board of their
-- spaces (the master data's parking spaces), free or taken by which plate since when.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE security.car_park (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    rules character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_car_park PRIMARY KEY (id)
);

CREATE TABLE security.car_park_space (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    car_park_id uuid NOT NULL,
    parking_space_id uuid NOT NULL,
    code character varying(30) NOT NULL,
    kind character varying(40) NOT NULL,
    plate character varying(10),
    taken_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_car_park_space PRIMARY KEY (id),
    CONSTRAINT fk_car_park_space_car_park_id FOREIGN KEY (car_park_id) REFERENCES security.car_park (id) ON DELETE CASCADE
);

CREATE INDEX ix_car_park_company_id ON security.car_park (company_id);

CREATE UNIQUE INDEX ix_car_park_project_id_name ON security.car_park (project_id, name);

CREATE INDEX ix_car_park_space_car_park_id_kind ON security.car_park_space (car_park_id, kind);

CREATE INDEX ix_car_park_space_company_id ON security.car_park_space (company_id);

CREATE UNIQUE INDEX ix_car_park_space_parking_space_id ON security.car_park_space (parking_space_id);

CREATE INDEX ix_car_park_space_project_id_plate ON security.car_park_space (project_id, plate);
