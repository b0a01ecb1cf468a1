-- 0079 a patrol scan may carry a photo of the point and a hazard the guard found there (000#76), which opened a public-area
-- service request in the work-order loop: the request's id and number are kept on the scan.
ALTER TABLE security.patrol_scan ADD COLUMN photo_id uuid;
ALTER TABLE security.patrol_scan ADD COLUMN hazard character varying(500);
ALTER TABLE security.patrol_scan ADD COLUMN hazard_request_id uuid;
ALTER TABLE security.patrol_scan ADD COLUMN hazard_request_number character varying(40);
