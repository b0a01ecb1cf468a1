-- 0072 security roll-call: a project's night roll-call settings and each call of each post (one per post and call time).
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE security.roll_call_settings (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    "from" time without time zone NOT NULL,
    until time without time zone NOT NULL,
    interval_minutes integer NOT NULL,
    answer_minutes integer NOT NULL,
    recalls integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_roll_call_settings PRIMARY KEY (id)
);

CREATE TABLE security.roll_call (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    security_post_id uuid NOT NULL,
    post_name character varying(100) NOT NULL,
    night date NOT NULL,
    slot_at timestamp with time zone NOT NULL,
    guard_user_id uuid,
    guard_name character varying(100),
    called_at timestamp with time zone NOT NULL,
    calls integer NOT NULL,
    last_called_at timestamp with time zone NOT NULL,
    escalated_at timestamp with time zone,
    answered_at timestamp with time zone,
    answered_by_user_id uuid,
    verbal boolean NOT NULL,
    note character varying(200),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_roll_call PRIMARY KEY (id),
    CONSTRAINT fk_roll_call_security_post_id FOREIGN KEY (security_post_id) REFERENCES security.post (id) ON DELETE CASCADE
);

CREATE INDEX ix_roll_call_answered_at_escalated_at_last_called_at ON security.roll_call (answered_at, escalated_at, last_called_at);

CREATE INDEX ix_roll_call_company_id ON security.roll_call (company_id);

CREATE INDEX ix_roll_call_guard_user_id_answered_at ON security.roll_call (guard_user_id, answered_at);

CREATE INDEX ix_roll_call_project_id_night ON security.roll_call (project_id, night);

CREATE UNIQUE INDEX ix_roll_call_security_post_id_slot_at ON security.roll_call (security_post_id, slot_at);

CREATE INDEX ix_roll_call_settings_company_id ON security.roll_call_settings (company_id);

CREATE UNIQUE INDEX ix_roll_call_settings_project_id ON security.roll_call_settings (project_id);
