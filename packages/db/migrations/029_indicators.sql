-- Indicators (chỉ tiêu) as data (issue 10 point 1, docs/decisions/0046-indicators-as-data.md).
-- An indicator is a definition: a population (the people list's filters, read as of a date from the
-- registry's history), a condition (a qualification of a kind at a minimum level, or administrative-
-- reform training within N years), a target (a share in % or a count), a period, its source document
-- and the unit that owns it. Its value is never stored: it is computed from the records as of the
-- date asked (indicators.repository.ts). Every change is a new row of indicator_versions and an
-- audit record.

-- Administrative-reform (CCHC) posts: job positions and titles whose holders "work on administrative
-- reform" (the population of the CCHC indicators). Changed through the API, with an audit record.
ALTER TABLE job_positions ADD COLUMN admin_reform boolean NOT NULL DEFAULT false;
ALTER TABLE titles ADD COLUMN admin_reform boolean NOT NULL DEFAULT false;

CREATE TABLE indicators (
  id              serial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  -- indicators.IndicatorPopulation: { unitId?, subtree, category?, titleIds?, managementScopeId?,
  -- jobPositionId?, adminReformPost?, gender?, ethnicity? }
  population      jsonb NOT NULL,
  -- indicators.IndicatorCondition: { kind: 'qualification', qualificationKind, minLevel }
  --                              | { kind: 'adminReformTraining', withinYears }
  condition       jsonb NOT NULL,
  target_kind     text NOT NULL CHECK (target_kind IN ('share', 'count')),
  -- 'atLeast' (đạt từ …) or 'above' (trên …)
  comparison      text NOT NULL CHECK (comparison IN ('atLeast', 'above')),
  -- a share in % with up to 2 decimals (0–100), or a number of people
  target_value    numeric(12, 2) NOT NULL CHECK (target_value >= 0),
  start_on        date NOT NULL,
  deadline        date NOT NULL,
  -- the source document: { kind, number, issuedOn, issuer, title }
  source          jsonb NOT NULL,
  owner_unit_id   integer NOT NULL REFERENCES units(id),
  note            text,
  version         integer NOT NULL DEFAULT 1,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT indicators_period_check CHECK (deadline >= start_on),
  CONSTRAINT indicators_share_check CHECK (target_kind <> 'share' OR target_value <= 100)
);

-- Every version of every indicator's definition, in order (the first is its creation).
CREATE TABLE indicator_versions (
  indicator_id integer NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  version      integer NOT NULL,
  definition   jsonb NOT NULL,
  changed_by   integer REFERENCES users(id),
  changed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator_id, version)
);

-- As-of evaluation looks up, per person, the latest assignment started on or before a date, the
-- qualifications of one kind, and the administrative-reform trainings.
CREATE INDEX IF NOT EXISTS qualifications_person_kind_idx ON qualifications (person_id, kind, awarded_on);
-- populations by management scope or job position (the record's filters, applied first)
CREATE INDEX IF NOT EXISTS people_management_scope_idx ON people (management_scope_id);
CREATE INDEX IF NOT EXISTS people_job_position_idx ON people (job_position_id);
