-- 0058 staff (人员): open questions (问答题) marked by a marker — a question's reference answer (参考答案), and on each attempt
-- the written answers, whether it awaits marking (待阅卷), the marks given and who marked it when.

ALTER TABLE staff.question ADD reference_answer character varying(1000);

ALTER TABLE staff.exam_attempt ADD texts text[] NOT NULL DEFAULT '{}';

ALTER TABLE staff.exam_attempt ALTER COLUMN texts DROP DEFAULT;

ALTER TABLE staff.exam_attempt ADD marks integer[];

ALTER TABLE staff.exam_attempt ADD awaiting_marking boolean NOT NULL DEFAULT FALSE;

ALTER TABLE staff.exam_attempt ALTER COLUMN awaiting_marking DROP DEFAULT;

ALTER TABLE staff.exam_attempt ADD marked_at timestamp with time zone;

ALTER TABLE staff.exam_attempt ADD marked_by_id uuid;

ALTER TABLE staff.exam_attempt ADD marked_by_name character varying(100);
