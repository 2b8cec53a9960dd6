-- Five-year and annual training plans, their versions and lines, and plan against actual (issue 9).

-- A five-year plan (kế hoạch giai đoạn 2021–2025, 2026–2030) and its targets per year and programme.
CREATE TABLE five_year_plans (
  id              serial PRIMARY KEY,
  start_year      integer NOT NULL UNIQUE CHECK (start_year BETWEEN 2000 AND 2200),
  end_year        integer NOT NULL,
  title           text NOT NULL,
  decision_number text,
  decision_date   date,
  version         integer NOT NULL DEFAULT 1,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (end_year = start_year + 4)
);

CREATE TABLE five_year_targets (
  plan_id        integer NOT NULL REFERENCES five_year_plans(id) ON DELETE CASCADE,
  year           integer NOT NULL,
  programme_code text NOT NULL REFERENCES programmes(code),
  classes        integer NOT NULL CHECK (classes >= 0),
  learners       integer NOT NULL CHECK (learners >= 0),
  PRIMARY KEY (plan_id, year, programme_code)
);

-- The annual plan of one year; how its percentages are rounded is data (decision 0030).
CREATE TABLE annual_plans (
  id               serial PRIMARY KEY,
  year             integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2200),
  title            text NOT NULL,
  percent_rounding text NOT NULL DEFAULT 'truncate' CHECK (percent_rounding IN ('truncate', 'half_up')),
  percent_decimals integer NOT NULL DEFAULT 2 CHECK (percent_decimals BETWEEN 0 AND 4),
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Version 1 is the plan as first drafted; each later version an adjustment of the approved version
-- it is based on (one adjustment per base: a second one racing on the same base hits the unique
-- constraint). Approved versions are frozen.
CREATE TABLE plan_versions (
  id              serial PRIMARY KEY,
  plan_id         integer NOT NULL REFERENCES annual_plans(id) ON DELETE CASCADE,
  number          integer NOT NULL CHECK (number >= 1),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
  based_on_id     integer REFERENCES plan_versions(id),
  reason          text,
  decision_number text,
  decision_date   date,
  submitted_at    timestamptz,
  approved_at     timestamptz,
  approved_by     integer REFERENCES users(id),
  row_version     integer NOT NULL DEFAULT 1,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_versions_number_key UNIQUE (plan_id, number),
  CONSTRAINT plan_versions_based_on_key UNIQUE (based_on_id),
  CHECK ((number = 1) = (based_on_id IS NULL))
);

-- A line's identity across versions: what a class links to.
CREATE TABLE plan_lines (
  id         serial PRIMARY KEY,
  plan_id    integer NOT NULL REFERENCES annual_plans(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What a line says in one version.
CREATE TABLE plan_line_versions (
  version_id        integer NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
  line_id           integer NOT NULL REFERENCES plan_lines(id),
  programme_code    text NOT NULL REFERENCES programmes(code),
  mode              text NOT NULL CHECK (mode IN ('full_time', 'part_time', 'online')),
  classes           integer NOT NULL CHECK (classes >= 0),
  learners          integer NOT NULL CHECK (learners >= 0),
  year              integer NOT NULL,
  quarter           integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  organiser_unit_id integer NOT NULL REFERENCES units(id),
  site_kind         text NOT NULL CHECK (site_kind IN ('school', 'local')),
  site              text NOT NULL,
  estimated_cost    bigint NOT NULL CHECK (estimated_cost >= 0),
  carried_over      boolean NOT NULL DEFAULT false,
  note              text,
  PRIMARY KEY (version_id, line_id)
);
CREATE INDEX plan_line_versions_line_idx ON plan_line_versions (line_id);

-- Every class belongs to a plan line (of the year it opens, of its programme) or is outside the plan.
ALTER TABLE classes
  ADD COLUMN plan_line_id integer REFERENCES plan_lines(id),
  ADD COLUMN outside_plan boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT classes_plan_line_or_outside CHECK (NOT (outside_plan AND plan_line_id IS NOT NULL));
CREATE INDEX classes_plan_line_idx ON classes (plan_line_id) WHERE plan_line_id IS NOT NULL;
