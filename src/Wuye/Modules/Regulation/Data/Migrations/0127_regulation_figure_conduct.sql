-- 0127 regulation: conduct records the app derives from a company's own figures name the rating period they were computed for.
ALTER TABLE regulation.conduct_record ADD COLUMN figure_period character varying(10);
