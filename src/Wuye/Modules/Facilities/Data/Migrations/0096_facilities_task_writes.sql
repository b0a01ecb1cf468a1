-- 0096 facilities: cheaper writes of generated maintenance tasks (issue 15: a month of a 200-project company's plans, 201,200 tasks,
-- in under 10 s).
-- The foreign key to the plan checked every new task against its plan, one lookup and one row lock per task (about a third of the
-- insert's time on the bench). Plans are never deleted (only archived), and tasks are made only by the generator for the plans it
-- has just read, so the key guarded nothing the application does; the unique index on (plan, asset, date) stays.
-- The index on asset_id served no query: the asset's tasks are reached through the results (by task id) or by project.
ALTER TABLE facilities.maintenance_task DROP CONSTRAINT fk_maintenance_task_maintenance_plan_id;

DROP INDEX facilities.ix_maintenance_task_asset_id;
