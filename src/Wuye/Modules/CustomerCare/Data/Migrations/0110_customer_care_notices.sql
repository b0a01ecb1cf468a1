-- 0110 customer care: the notice board (公示栏): notices with audience, buildings, validity, pinning and push;
-- read receipts (已读回执), one per reader.

CREATE SCHEMA IF NOT EXISTS customer_care;

CREATE TABLE customer_care.notice (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    title character varying(100) NOT NULL,
    body character varying(4000) NOT NULL,
    kind character varying(40) NOT NULL,
    audience character varying(40) NOT NULL,
    building_ids uuid[] NOT NULL,
    pinned boolean NOT NULL,
    push boolean NOT NULL,
    status character varying(40) NOT NULL,
    published_at timestamp with time zone,
    expires_at timestamp with time zone,
    withdrawn_at timestamp with time zone,
    pushed_at timestamp with time zone,
    author_user_id uuid,
    author_name character varying(100) NOT NULL,
    source character varying(50),
    recipients integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notice PRIMARY KEY (id)
);

CREATE TABLE customer_care.notice_read (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    notice_id uuid NOT NULL,
    user_id uuid NOT NULL,
    read_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notice_read PRIMARY KEY (id),
    CONSTRAINT fk_notice_read_notice_id FOREIGN KEY (notice_id) REFERENCES customer_care.notice (id) ON DELETE RESTRICT
);

CREATE INDEX ix_notice_project_id_status_published_at ON customer_care.notice (project_id, status, published_at);
CREATE INDEX ix_notice_status_pushed_at ON customer_care.notice (status, pushed_at);
CREATE UNIQUE INDEX ix_notice_read_notice_id_user_id ON customer_care.notice_read (notice_id, user_id);
CREATE INDEX ix_notice_read_user_id ON customer_care.notice_read (user_id);
