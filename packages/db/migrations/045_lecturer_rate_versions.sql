-- Lecturers' rates changed in the app (issue 11 point 2, docs/decisions/0063): each category's rates
-- become versions like the rules' — a new amount from a date closes the open version the day before;
-- a correction replaces a version's amount over exactly its period and keeps the corrected row for
-- history (superseded_by), never read by an estimate. Estimates keep the rate id and amount they used.
ALTER TABLE lecturer_rates
  ADD COLUMN version integer,
  ADD COLUMN superseded_by integer,
  ADD COLUMN created_by integer REFERENCES users(id),
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

UPDATE lecturer_rates r SET version = v.n
FROM (SELECT id, row_number() OVER (PARTITION BY category ORDER BY effective_from, id)::int AS n FROM lecturer_rates) v
WHERE v.id = r.id;

ALTER TABLE lecturer_rates ALTER COLUMN version SET NOT NULL;
ALTER TABLE lecturer_rates ADD CONSTRAINT lecturer_rates_category_version_key UNIQUE (category, version);
ALTER TABLE lecturer_rates DROP CONSTRAINT lecturer_rates_category_effective_from_key;
-- one rate in use per category and first day; corrected rows stay beside their correction
CREATE UNIQUE INDEX lecturer_rates_in_use_from ON lecturer_rates (category, effective_from) WHERE superseded_by IS NULL;
