-- Issue #17 item 6: community activities and clubs (社区文化活动, 社团; 000#60–62, #78; 001 ≥ 2 a year; 002 ≥ 12 a year,
-- ≥ 300 people): events of a project (or of a steward's zone) with their theme, interests, place, time and capacity; households'
-- sign-ups, checked in at the door; clubs and their member households.
CREATE TABLE customer_care.community_event (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    title character varying(100) NOT NULL,
    theme character varying(40),
    interests character varying(40)[] NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone,
    place character varying(100) NOT NULL,
    capacity integer NOT NULL,
    description character varying(1000),
    status character varying(40) NOT NULL,
    organizer_user_id uuid,
    organizer_name character varying(100) NOT NULL,
    invited integer NOT NULL,
    invited_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_community_event PRIMARY KEY (id)
);

CREATE TABLE customer_care.event_sign_up (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    event_id uuid NOT NULL,
    user_id uuid,
    name character varying(100) NOT NULL,
    people integer NOT NULL,
    note character varying(200),
    checked_in_at timestamp with time zone,
    attended integer,
    checked_in_by_name character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_event_sign_up PRIMARY KEY (id),
    CONSTRAINT fk_event_sign_up_event_id FOREIGN KEY (event_id) REFERENCES customer_care.community_event (id) ON DELETE RESTRICT
);

CREATE TABLE customer_care.club (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(60) NOT NULL,
    interest character varying(40),
    description character varying(300),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_club PRIMARY KEY (id)
);

CREATE TABLE customer_care.club_member (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    zone_id uuid,
    unit_id uuid NOT NULL,
    club_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_club_member PRIMARY KEY (id),
    CONSTRAINT fk_club_member_club_id FOREIGN KEY (club_id) REFERENCES customer_care.club (id) ON DELETE RESTRICT
);

CREATE INDEX ix_community_event_project_id_starts_at ON customer_care.community_event (project_id, starts_at);
CREATE UNIQUE INDEX ix_event_sign_up_event_id_unit_id ON customer_care.event_sign_up (event_id, unit_id);
CREATE INDEX ix_event_sign_up_unit_id ON customer_care.event_sign_up (unit_id);
CREATE UNIQUE INDEX ix_club_project_id_name ON customer_care.club (project_id, name);
CREATE UNIQUE INDEX ix_club_member_club_id_unit_id ON customer_care.club_member (club_id, unit_id);
CREATE INDEX ix_club_member_unit_id ON customer_care.club_member (unit_id);
