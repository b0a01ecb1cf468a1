-- 0135 security: the escalating steps for a repeat parking violator (万科#15) as records — notice, SMS to the registered owner,
-- suspension of the car's pass — with who took each and when, and when a suspension was lifted.

CREATE TABLE security.violation_step (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    plate character varying(10) NOT NULL,
    step character varying(40) NOT NULL,
    parking_violation_id uuid NOT NULL,
    violation_count integer NOT NULL,
    vehicle_id uuid,
    note character varying(500),
    taken_at timestamp with time zone NOT NULL,
    taken_by uuid NOT NULL,
    taken_by_name character varying(100) NOT NULL,
    owners_told integer NOT NULL,
    lifted_at timestamp with time zone,
    lifted_by uuid,
    lifted_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_violation_step PRIMARY KEY (id),
    CONSTRAINT fk_violation_step_parking_violation_id FOREIGN KEY (parking_violation_id) REFERENCES security.parking_violation (id) ON DELETE RESTRICT
);

CREATE INDEX ix_violation_step_company_id ON security.violation_step (company_id);

CREATE INDEX ix_violation_step_parking_violation_id ON security.violation_step (parking_violation_id);

CREATE INDEX ix_violation_step_project_id_plate_taken_at ON security.violation_step (project_id, plate, taken_at);
