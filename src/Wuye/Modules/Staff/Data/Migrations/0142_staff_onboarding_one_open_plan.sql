-- 0142 staff (人员): at most one onboarding plan under way per person — a second open plan is refused (onboarding.open_plan),
-- also when two keepers make one at the same moment. The plain index on staff_member_id of 0141 becomes the partial unique
-- one (the only reader by person asks for the plan under way).

DROP INDEX staff.ix_onboarding_plan_staff_member_id;

CREATE UNIQUE INDEX ix_onboarding_plan_staff_member_id ON staff.onboarding_plan (staff_member_id) WHERE completed_at IS NULL;
