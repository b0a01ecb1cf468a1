-- 0137 security: a point removed from a route after a round started stays in that round's frozen plan, as a miss the supervisor must
-- be able to excuse. The excuse names the point of the plan, which need no longer be a checkpoint row: its foreign key goes.
ALTER TABLE security.patrol_excuse DROP CONSTRAINT fk_patrol_excuse_patrol_checkpoint_id;
