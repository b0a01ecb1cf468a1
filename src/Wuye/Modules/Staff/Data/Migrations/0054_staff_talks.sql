-- 0054 staff (人员): the talks archive (员工座谈档案) — each talk a manager held with a member of a project's staff, its
-- issue and follow-up — and the marks of the projects whose managers were told their talks quota was behind.

CREATE TABLE staff.staff_talk (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    staff_member_id uuid NOT NULL,
    staff_name character varying(100) NOT NULL,
    held_by_id uuid NOT NULL,
    held_by_name character varying(100) NOT NULL,
    held_on date NOT NULL,
    topic character varying(100) NOT NULL,
    notes character varying(1000),
    issue character varying(300),
    follow_up character varying(300),
    followed_up_on date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_staff_talk PRIMARY KEY (id)
);

CREATE INDEX ix_staff_talk_company_id_held_on ON staff.staff_talk (company_id, held_on);

CREATE INDEX ix_staff_talk_project_id_held_on ON staff.staff_talk (project_id, held_on);

CREATE INDEX ix_staff_talk_staff_member_id ON staff.staff_talk (staff_member_id);

CREATE TABLE staff.staff_talk_notice (
    project_id uuid NOT NULL,
    period date NOT NULL,
    quarter boolean NOT NULL,
    told_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_staff_talk_notice PRIMARY KEY (project_id, period, quarter)
);
