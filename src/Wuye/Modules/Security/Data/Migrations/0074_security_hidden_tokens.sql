-- 0074 security hidden tokens (安全搜寻棒, 万科#5): where a token was hidden for a post's guard, its code, found or not by the shift's end.
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE security.hidden_token (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    security_post_id uuid NOT NULL,
    post_name character varying(100) NOT NULL,
    place character varying(200) NOT NULL,
    code character varying(12) NOT NULL,
    hidden_by uuid NOT NULL,
    hidden_at timestamp with time zone NOT NULL,
    due_at timestamp with time zone NOT NULL,
    guard_user_id uuid,
    guard_name character varying(100),
    found_at timestamp with time zone,
    found_by uuid,
    alerted_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_hidden_token PRIMARY KEY (id),
    CONSTRAINT fk_hidden_token_security_post_id FOREIGN KEY (security_post_id) REFERENCES security.post (id) ON DELETE CASCADE
);

CREATE INDEX ix_hidden_token_code_found_at ON security.hidden_token (code, found_at);

CREATE INDEX ix_hidden_token_company_id ON security.hidden_token (company_id);

CREATE INDEX ix_hidden_token_found_at_alerted_at_due_at ON security.hidden_token (found_at, alerted_at, due_at);

CREATE INDEX ix_hidden_token_guard_user_id_found_at ON security.hidden_token (guard_user_id, found_at);

CREATE INDEX ix_hidden_token_project_id_hidden_at ON security.hidden_token (project_id, hidden_at);

CREATE INDEX ix_hidden_token_security_post_id ON security.hidden_token (security_post_id);

