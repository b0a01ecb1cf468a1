-- 0131 regulation: that a regulator's figure-scored items were computed for a rating period; the close waits for it (and for
-- the records it made to pass their objection window). Periods computed before this table are marked from their records.

CREATE TABLE regulation.figure_run (
    id uuid NOT NULL,
    regulator_id uuid NOT NULL,
    period character varying(10) NOT NULL,
    table_id uuid NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_figure_run PRIMARY KEY (id),
    CONSTRAINT fk_figure_run_table_id FOREIGN KEY (table_id) REFERENCES regulation.credit_rating_table (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_figure_run_regulator_id_period ON regulation.figure_run (regulator_id, period);

CREATE INDEX ix_figure_run_table_id ON regulation.figure_run (table_id);

INSERT INTO regulation.figure_run (id, regulator_id, period, table_id, computed_at, created_at, updated_at)
SELECT DISTINCT ON (regulator_id, figure_period) gen_random_uuid(), regulator_id, figure_period, table_id, created_at, created_at, created_at
FROM regulation.conduct_record
WHERE figure_period IS NOT NULL
ORDER BY regulator_id, figure_period, created_at;
