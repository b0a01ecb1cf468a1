-- 0019 accounts: one-time passwords, disabled accounts, last sign-in, sessions, invitations, verification codes.

ALTER TABLE identity.user_account ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE identity.user_account ALTER COLUMN must_change_password DROP DEFAULT;
ALTER TABLE identity.user_account ADD COLUMN disabled_at timestamp with time zone;
ALTER TABLE identity.user_account ADD COLUMN last_sign_in_at timestamp with time zone;

CREATE TABLE identity.user_session (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind character varying(10) NOT NULL,
    user_agent character varying(200),
    address character varying(64),
    created_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    CONSTRAINT pk_user_session PRIMARY KEY (id),
    CONSTRAINT fk_user_session_user_id FOREIGN KEY (user_id) REFERENCES identity.user_account (id) ON DELETE CASCADE
);

CREATE INDEX ix_user_session_user_id ON identity.user_session (user_id);

CREATE TABLE identity.invitation (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    company_id uuid,
    code_hash character varying(64) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    invited_by uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_invitation PRIMARY KEY (id),
    CONSTRAINT fk_invitation_user_id FOREIGN KEY (user_id) REFERENCES identity.user_account (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_invitation_code_hash ON identity.invitation (code_hash);

CREATE INDEX ix_invitation_user_id ON identity.invitation (user_id);

CREATE TABLE identity.verification_code (
    id uuid NOT NULL,
    mobile character varying(20) NOT NULL,
    code_hash character varying(64) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_verification_code PRIMARY KEY (id)
);

CREATE INDEX ix_verification_code_mobile ON identity.verification_code (mobile);
