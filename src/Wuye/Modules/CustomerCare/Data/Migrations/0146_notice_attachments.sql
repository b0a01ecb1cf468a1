-- Issue #17 item 2: files attached to a notice (附件), stored in platform.stored_file under the notice's project and read
-- through the notice (whoever may read the notice may download them).
CREATE TABLE customer_care.notice_attachment (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    notice_id uuid NOT NULL,
    file_id uuid NOT NULL,
    position integer NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    size bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notice_attachment PRIMARY KEY (id),
    CONSTRAINT fk_notice_attachment_notice_id FOREIGN KEY (notice_id) REFERENCES customer_care.notice (id) ON DELETE RESTRICT
);

CREATE INDEX ix_notice_attachment_notice_id_position ON customer_care.notice_attachment (notice_id, position);
