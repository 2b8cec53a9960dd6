-- The programme catalogue (issue 9): every kind of training, each programme versioned like the
-- rules. A change is a new version from an effective date with its source document, reason and
-- author; versions of one programme never overlap (the service checks it under a per-programme
-- advisory lock). The `programmes` row keeps the code, the order and a copy of the version in force
-- (name, kind, modes, grants, organiser) for the code that reads programmes directly (rules, classes);
-- catalogueRepo.refreshProgrammeHeads rewrites that copy at start and after each write.
-- Versions are written by catalogueRepo.seedShippedProgrammes from training.SHIPPED_PROGRAMME_VERSIONS.

ALTER TABLE programmes
  ADD COLUMN level text,
  ADD COLUMN organiser_type text NOT NULL DEFAULT 'provincial_school'
    CHECK (organiser_type IN ('provincial_school', 'commune_centre', 'outside_institution', 'abroad')),
  ADD COLUMN default_institution text;

CREATE TABLE programme_versions (
  programme_code  text NOT NULL REFERENCES programmes(code),
  version         integer NOT NULL CHECK (version >= 1),
  name            text NOT NULL,
  kind            text NOT NULL,
  level           text,
  -- { value, unit: day | week | month | year } or null
  duration        jsonb,
  modes           text[] NOT NULL CHECK (cardinality(modes) > 0),
  -- codes of training.TARGET_GROUPS
  target_groups   text[] NOT NULL DEFAULT '{}',
  grants_kind     text,
  grants_level    text,
  organiser_type  text NOT NULL CHECK (organiser_type IN ('provincial_school', 'commune_centre', 'outside_institution', 'abroad')),
  default_institution text,
  -- must be finished within this many months of the party admission date (new members: the probation)
  admission_deadline_months integer CHECK (admission_deadline_months IS NULL OR admission_deadline_months > 0),
  note            text,
  -- the source document: { code, title, issuer, issuedOn, article? }
  source          jsonb NOT NULL,
  reason          text NOT NULL,
  period_from     date NOT NULL,
  period_to       date,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (programme_code, version),
  FOREIGN KEY (grants_kind, grants_level) REFERENCES qualification_levels(kind, code),
  CHECK (period_to IS NULL OR period_to >= period_from)
);
