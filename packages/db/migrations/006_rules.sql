-- Rules as data (issue 3): training programmes, their eligibility rules and the title / job-position
-- standards, each versioned with its source document and effective period; the fields of study that
-- match each job position; and a minimal enrolment table for "not already enrolled".
-- Rows are written by seedShippedRules() (packages/db/src/repositories/rules.repository.ts) from
-- packages/domain/src/rules/seed.ts when the tables are empty; administrators then correct them
-- through the API, which validates each version with the domain rules before it is stored.

-- Training programmes (chương trình ĐTBD). The code is stable across rule changes.
CREATE TABLE programmes (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  kind         text NOT NULL,
  -- study modes offered: full_time, part_time, online
  modes        text[] NOT NULL,
  -- the qualification a graduate receives
  grants_kind  text,
  grants_level text,
  sort_order   integer NOT NULL DEFAULT 0,
  FOREIGN KEY (grants_kind, grants_level) REFERENCES qualification_levels(kind, code)
);

-- One row per version of one eligibility rule (rules.Rule in the domain). Versions of one id never
-- overlap in time among the active ones (superseded_by IS NULL); the service checks this with
-- addRuleVersion under a per-id advisory lock. A "change from a date" closes the open version
-- (period_to is set); a correction (corrects = N) marks version N superseded_by the new one.
CREATE TABLE rule_versions (
  id             text NOT NULL,
  version        integer NOT NULL CHECK (version >= 1),
  programme_code text NOT NULL REFERENCES programmes(code),
  kind           text NOT NULL,
  -- kind-specific parameters, as rules.Rule['params']
  params         jsonb NOT NULL,
  description    text NOT NULL,
  -- the source document: { code, title, issuer, issuedOn, article? }
  source         jsonb NOT NULL,
  period_from    date NOT NULL,
  period_to      date,
  corrects       integer,
  superseded_by  integer,
  note           text,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- insertion order: rules are listed and evaluated in the order their first version was written
  seq            bigserial,
  PRIMARY KEY (id, version),
  CHECK (period_to IS NULL OR period_to >= period_from)
);
CREATE INDEX rule_versions_programme_idx ON rule_versions (programme_code, id, version);

-- Remarks that go with a programme's answer but decide nothing (e.g. the service commitment).
CREATE TABLE programme_notes (
  id             serial PRIMARY KEY,
  programme_code text NOT NULL REFERENCES programmes(code),
  text           text NOT NULL,
  source         jsonb NOT NULL,
  period_from    date NOT NULL,
  period_to      date,
  CHECK (period_to IS NULL OR period_to >= period_from)
);

-- One row per version of one standard (tiêu chuẩn) of a title or a job position: one required
-- qualification kind and minimum level, with accepted alternatives ([{ when, level }]).
CREATE TABLE standard_versions (
  id                text NOT NULL,
  version           integer NOT NULL CHECK (version >= 1),
  title_code        text REFERENCES titles(code),
  job_position_code text REFERENCES job_positions(code),
  requirement_kind  text NOT NULL,
  min_level         text NOT NULL,
  alternatives      jsonb NOT NULL DEFAULT '[]',
  description       text NOT NULL,
  source            jsonb NOT NULL,
  period_from       date NOT NULL,
  period_to         date,
  corrects          integer,
  superseded_by     integer,
  note              text,
  created_by        integer REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  seq               bigserial,
  PRIMARY KEY (id, version),
  FOREIGN KEY (requirement_kind, min_level) REFERENCES qualification_levels(kind, code),
  CHECK ((title_code IS NULL) <> (job_position_code IS NULL)),
  CHECK (period_to IS NULL OR period_to >= period_from)
);
CREATE INDEX standard_versions_title_idx ON standard_versions (title_code);
CREATE INDEX standard_versions_job_idx ON standard_versions (job_position_code);

-- Fields of study matching each job position (keywords compared without diacritics, whole words),
-- read by the field-matching eligibility rule (postgraduate study).
ALTER TABLE job_positions ADD COLUMN fields text[] NOT NULL DEFAULT '{}';

-- Placeholder for issue 4 (classes and learners), which owns this table: only what the
-- "not already enrolled" rule needs. A person counts as enrolled in a programme on a date D when
-- started_on <= D and (ended_on IS NULL OR ended_on >= D).
CREATE TABLE enrolments (
  id             serial PRIMARY KEY,
  person_id      integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  programme_code text NOT NULL REFERENCES programmes(code),
  status         text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'completed', 'withdrawn')),
  started_on     date NOT NULL,
  ended_on       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX enrolments_person_idx ON enrolments (person_id, programme_code);
