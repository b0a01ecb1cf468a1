-- 0009: owners granted a unit through a role assignment; zone names unique within a project;
-- people created before 0002 get the project of their (first) home. Written to run twice
-- harmlessly, so a test can re-run it on data made to look old.
ALTER TABLE identity.role_assignment ADD COLUMN IF NOT EXISTS unit_id uuid;

-- Existing duplicates would stop the unique index: later twins get a numbered suffix.
UPDATE master_data.zone z SET name = left(z.name, 90) || '（' || d.n || '）'
  FROM (SELECT id, row_number() OVER (PARTITION BY project_id, name ORDER BY created_at, id) AS n FROM master_data.zone) d
 WHERE d.id = z.id AND d.n > 1;

DROP INDEX IF EXISTS master_data.ix_zone_project_id;

CREATE UNIQUE INDEX IF NOT EXISTS ix_zone_project_id_name ON master_data.zone (project_id, name);

UPDATE master_data.person p SET project_id = (
    SELECT o.project_id FROM master_data.unit_occupant o WHERE o.person_id = p.id ORDER BY o.created_at, o.id LIMIT 1)
 WHERE p.project_id IS NULL
   AND EXISTS (SELECT 1 FROM master_data.unit_occupant o WHERE o.person_id = p.id);
