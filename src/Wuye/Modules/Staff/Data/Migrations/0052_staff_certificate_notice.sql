-- 0052 staff (人员): the marks of certificates whose holder and keepers were told about a last day, so the reminder job
-- leaves them out in SQL instead of rereading the first rows of its window.

CREATE TABLE staff.certificate_notice (
    certificate_id uuid NOT NULL,
    expires_on date NOT NULL,
    lapsed boolean NOT NULL,
    told_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_certificate_notice PRIMARY KEY (certificate_id, expires_on, lapsed),
    CONSTRAINT fk_certificate_notice_certificate_id FOREIGN KEY (certificate_id) REFERENCES staff.certificate (id) ON DELETE CASCADE
);
