-- A planned outage can be called off before its start (review 10, 1.7): when and why.
ALTER TABLE emergencies.planned_outage ADD COLUMN cancelled_at timestamp with time zone;
ALTER TABLE emergencies.planned_outage ADD COLUMN cancel_reason character varying(300);
