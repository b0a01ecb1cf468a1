-- 0005 files: photos and attachments (bytes on disk under Wuye:DataDir/files, record here).

CREATE TABLE platform.stored_file (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid,
    unit_id uuid,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    storage_path character varying(200) NOT NULL,
    uploaded_by uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_stored_file PRIMARY KEY (id)
);

CREATE INDEX ix_stored_file_company_id ON platform.stored_file (company_id);

CREATE INDEX ix_stored_file_project_id ON platform.stored_file (project_id);
