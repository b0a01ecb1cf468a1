-- 0140 staff (人员) feeds security: a patrol round carries the guard on duty on the project's patrol post when it starts, read
-- from the staff duty roster where it has the post that day, else from the security rota.

ALTER TABLE security.patrol_round ADD duty_user_id uuid;

ALTER TABLE security.patrol_round ADD duty_name character varying(100);

CREATE INDEX ix_patrol_round_duty_user_id_starts_at ON security.patrol_round (duty_user_id, starts_at);
