-- 0057 staff (人员): roster gaps (缺岗) — the shifts a post must have someone fit on every day, and the gaps its project's
-- managers have been told of (post, shift, day, reason), so that each is told once.

ALTER TABLE staff.roster_post ADD staffed_shift_ids uuid[] NOT NULL DEFAULT '{}';

ALTER TABLE staff.roster_post ALTER COLUMN staffed_shift_ids DROP DEFAULT;

CREATE TABLE staff.roster_gap_notice (
    post_id uuid NOT NULL,
    shift_id uuid NOT NULL,
    day date NOT NULL,
    reason character varying(40) NOT NULL,
    project_id uuid NOT NULL,
    told_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_roster_gap_notice PRIMARY KEY (post_id, shift_id, day, reason)
);

CREATE INDEX ix_roster_gap_notice_day ON staff.roster_gap_notice (day);
