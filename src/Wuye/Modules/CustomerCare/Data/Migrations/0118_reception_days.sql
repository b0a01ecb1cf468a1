-- Issue #17 item 5: the manager's monthly reception day (经理接待日, 000#64): its time and place, owners' appointments with their
-- topic, and the outcome the host records.
CREATE TABLE customer_care.reception_day (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    place character varying(100) NOT NULL,
    host_user_id uuid,
    host_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_reception_day PRIMARY KEY (id)
);

CREATE TABLE customer_care.reception_appointment (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    day_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    topic character varying(300) NOT NULL,
    booked_by_user_id uuid,
    outcome character varying(500),
    outcome_at timestamp with time zone,
    outcome_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_reception_appointment PRIMARY KEY (id),
    CONSTRAINT fk_reception_appointment_day_id FOREIGN KEY (day_id) REFERENCES customer_care.reception_day (id) ON DELETE RESTRICT
);

CREATE INDEX ix_reception_day_project_id_starts_at ON customer_care.reception_day (project_id, starts_at);
CREATE UNIQUE INDEX ix_reception_appointment_day_id_unit_id ON customer_care.reception_appointment (day_id, unit_id);
CREATE INDEX ix_reception_appointment_unit_id ON customer_care.reception_appointment (unit_id);
