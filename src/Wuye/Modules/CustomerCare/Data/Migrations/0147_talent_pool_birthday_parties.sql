-- Issue #17 item 6: the community talent pool (社区文化人才库, 000#62: residents' skills, kept with their consent and its date)
-- and the monthly birthday parties (业户生日会, 000#79) made from the care calendar's proposal as community events.
CREATE TABLE customer_care.talent_entry (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    person_id uuid NOT NULL,
    skills character varying(40)[] NOT NULL,
    note character varying(200),
    consent boolean NOT NULL,
    consent_at timestamp with time zone NOT NULL,
    recorded_by_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_talent_entry PRIMARY KEY (id)
);

CREATE TABLE customer_care.birthday_party (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    month date NOT NULL,
    event_id uuid NOT NULL,
    proposed integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_birthday_party PRIMARY KEY (id),
    CONSTRAINT fk_birthday_party_event_id FOREIGN KEY (event_id) REFERENCES customer_care.community_event (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_talent_entry_person_id ON customer_care.talent_entry (person_id);
CREATE INDEX ix_talent_entry_project_id_consent ON customer_care.talent_entry (project_id, consent);
CREATE INDEX ix_birthday_party_event_id ON customer_care.birthday_party (event_id);
CREATE INDEX ix_birthday_party_project_id_month ON customer_care.birthday_party (project_id, month);
