-- 0136 security: a round's frozen plan. When a supervisor edits a route's checkpoints (order, window, position, radius), the rounds
-- already generated keep the plan they were generated under, as JSON on the round; a round without one follows the route.
ALTER TABLE security.patrol_round ADD COLUMN plan jsonb;
