-- 0055 staff (人员): the duty roster (排班) — each project's shifts (day, night, flexible technician shifts, 000#44) and
-- posts (a team's, optionally a security post's, with the certificate it requires), who is on which post for which shift
-- of a day, leave requests and shift swaps with their approval.

CREATE TABLE staff.roster_shift (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    name character varying(30) NOT NULL,
    kind character varying(40) NOT NULL,
    starts time without time zone NOT NULL,
    ends time without time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_roster_shift PRIMARY KEY (id)
);

CREATE TABLE staff.roster_post (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    team_id uuid,
    security_post_id uuid,
    name character varying(50) NOT NULL,
    required_certificate character varying(40),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_roster_post PRIMARY KEY (id)
);

CREATE TABLE staff.roster_entry (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    post_id uuid NOT NULL,
    shift_id uuid NOT NULL,
    day date NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    staff_member_id uuid NOT NULL,
    user_id uuid,
    staff_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_roster_entry PRIMARY KEY (id),
    CONSTRAINT fk_roster_entry_post_id FOREIGN KEY (post_id) REFERENCES staff.roster_post (id) ON DELETE RESTRICT,
    CONSTRAINT fk_roster_entry_shift_id FOREIGN KEY (shift_id) REFERENCES staff.roster_shift (id) ON DELETE RESTRICT
);

CREATE TABLE staff.leave_request (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    staff_member_id uuid NOT NULL,
    user_id uuid NOT NULL,
    staff_name character varying(100) NOT NULL,
    from_day date NOT NULL,
    to_day date NOT NULL,
    reason character varying(200) NOT NULL,
    status character varying(40) NOT NULL,
    decided_by_id uuid,
    decided_by_name character varying(100),
    decided_at timestamp with time zone,
    decision_note character varying(200),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_leave_request PRIMARY KEY (id)
);

CREATE TABLE staff.shift_swap (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    entry_id uuid NOT NULL,
    with_entry_id uuid NOT NULL,
    requester_user_id uuid NOT NULL,
    requester_name character varying(100) NOT NULL,
    partner_user_id uuid,
    partner_name character varying(100) NOT NULL,
    reason character varying(200) NOT NULL,
    status character varying(40) NOT NULL,
    decided_by_id uuid,
    decided_by_name character varying(100),
    decided_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_shift_swap PRIMARY KEY (id),
    CONSTRAINT fk_shift_swap_entry_id FOREIGN KEY (entry_id) REFERENCES staff.roster_entry (id) ON DELETE CASCADE,
    CONSTRAINT fk_shift_swap_with_entry_id FOREIGN KEY (with_entry_id) REFERENCES staff.roster_entry (id) ON DELETE CASCADE
);

CREATE INDEX ix_roster_shift_project_id ON staff.roster_shift (project_id);

CREATE INDEX ix_roster_post_project_id ON staff.roster_post (project_id);

CREATE INDEX ix_roster_entry_post_id ON staff.roster_entry (post_id);

CREATE INDEX ix_roster_entry_project_id_day ON staff.roster_entry (project_id, day);

CREATE INDEX ix_roster_entry_shift_id ON staff.roster_entry (shift_id);

CREATE INDEX ix_roster_entry_staff_member_id_starts_at ON staff.roster_entry (staff_member_id, starts_at);

CREATE INDEX ix_roster_entry_user_id_starts_at ON staff.roster_entry (user_id, starts_at);

CREATE INDEX ix_leave_request_project_id_status ON staff.leave_request (project_id, status);

CREATE INDEX ix_leave_request_staff_member_id_from_day ON staff.leave_request (staff_member_id, from_day);

CREATE INDEX ix_leave_request_user_id ON staff.leave_request (user_id);

CREATE INDEX ix_shift_swap_entry_id ON staff.shift_swap (entry_id);

CREATE INDEX ix_shift_swap_partner_user_id ON staff.shift_swap (partner_user_id);

CREATE INDEX ix_shift_swap_project_id_status ON staff.shift_swap (project_id, status);

CREATE INDEX ix_shift_swap_requester_user_id ON staff.shift_swap (requester_user_id);

CREATE INDEX ix_shift_swap_with_entry_id ON staff.shift_swap (with_entry_id);
