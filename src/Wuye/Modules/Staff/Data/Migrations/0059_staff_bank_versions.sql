-- 0059 staff (人员): versioned question banks — each bank's version and when it last changed; a question edited or removed
-- is retired (never changed in place), so attempts keep the exact questions they were drawn with.

ALTER TABLE staff.question_bank ADD revision integer NOT NULL DEFAULT 1;

ALTER TABLE staff.question_bank ALTER COLUMN revision DROP DEFAULT;

ALTER TABLE staff.question_bank ADD changed_at timestamp with time zone;

ALTER TABLE staff.question ADD retired_at timestamp with time zone;
