-- Issue #17 item 8: paid special services (菜单式特约服务, 002/篇4): each project's priced menu, and owners' orders — assigned to
-- a staff member, done with the payment recorded, rated by the owner.
CREATE TABLE customer_care.paid_service (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(60) NOT NULL,
    category character varying(40) NOT NULL,
    price numeric(14,2) NOT NULL,
    price_unit character varying(20) NOT NULL,
    description character varying(300),
    active boolean NOT NULL,
    position integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_paid_service PRIMARY KEY (id)
);

CREATE TABLE customer_care.paid_order (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    service_id uuid NOT NULL,
    service_name character varying(60) NOT NULL,
    price numeric(14,2) NOT NULL,
    quantity integer NOT NULL,
    amount numeric(14,2) NOT NULL,
    status character varying(40) NOT NULL,
    wanted_at timestamp with time zone,
    note character varying(300),
    ordered_by_user_id uuid,
    assignee_staff_id uuid,
    assignee_user_id uuid,
    assignee_name character varying(100),
    assigned_at timestamp with time zone,
    done_at timestamp with time zone,
    done_note character varying(300),
    paid_amount numeric(14,2),
    paid_method character varying(40),
    rating integer,
    rating_comment character varying(300),
    rated_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_paid_order PRIMARY KEY (id),
    CONSTRAINT fk_paid_order_service_id FOREIGN KEY (service_id) REFERENCES customer_care.paid_service (id) ON DELETE RESTRICT
);

CREATE INDEX ix_paid_service_project_id_position ON customer_care.paid_service (project_id, position);
CREATE INDEX ix_paid_order_project_id_status ON customer_care.paid_order (project_id, status);
CREATE INDEX ix_paid_order_service_id ON customer_care.paid_order (service_id);
CREATE INDEX ix_paid_order_unit_id ON customer_care.paid_order (unit_id);
CREATE INDEX ix_paid_order_assignee_user_id_status ON customer_care.paid_order (assignee_user_id, status);
