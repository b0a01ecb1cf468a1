-- Unit numbers and building names sort as people count (101, 102, 1001; 2幢 before 10幢), in SQL,
-- everywhere they are ordered: an ICU collation with numeric ordering on the two columns.
-- Deterministic, so equality, the unique indexes and LIKE behave as before.
CREATE COLLATION IF NOT EXISTS public.numeric_order (provider = icu, locale = 'und-u-kn-true');
ALTER TABLE master_data.unit ALTER COLUMN number TYPE character varying(30) COLLATE public.numeric_order;
ALTER TABLE master_data.building ALTER COLUMN name TYPE character varying(50) COLLATE public.numeric_order;
