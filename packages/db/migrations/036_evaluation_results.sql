-- Evaluation of results at two years and after (issue 11 point 4, docs/decisions/0052). The figures
-- themselves are not stored: they are read from the registry (appraisals, planning_entries,
-- assignments, service_leavings) whenever asked. What is stored is the evaluation campaign of a
-- cohort (a class) and, per graduate, the facts as they stood when it opened and the home agency's
-- short assessment.

CREATE TABLE evaluation_campaigns (
  id          serial PRIMARY KEY,
  -- one campaign per class
  class_id    integer NOT NULL UNIQUE REFERENCES classes(id),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- the day the agencies are asked to answer by
  due_on      date NOT NULL,
  note        text,
  -- the cohort's figures and comparison when it opened, and again when it closed (the report's basis)
  summary     jsonb NOT NULL,
  opened_by   integer NOT NULL REFERENCES users(id),
  opened_at   timestamptz NOT NULL DEFAULT now(),
  closed_by   integer REFERENCES users(id),
  closed_at   timestamptz,
  version     integer NOT NULL DEFAULT 1,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

-- One row per graduate of the campaign's class: pre-filled facts and the agency's assessment.
CREATE TABLE evaluation_assessments (
  campaign_id      integer NOT NULL REFERENCES evaluation_campaigns(id) ON DELETE CASCADE,
  person_id        integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  -- the graduate's unit when the campaign opened: its officers owe the assessment
  unit_id          integer NOT NULL REFERENCES units(id),
  -- evaluationResults.PersonOutcome and the stratum, frozen at opening
  facts            jsonb NOT NULL,
  -- the short form: how far the graduate applies what was taught, how their work changed, a comment
  applies_knowledge text CHECK (applies_knowledge IN ('fully', 'partly', 'little')),
  work_change      text CHECK (work_change IN ('improved', 'unchanged', 'declined')),
  comment          text,
  assessed_by      integer REFERENCES users(id),
  assessed_at      timestamptz,
  PRIMARY KEY (campaign_id, person_id),
  CHECK ((assessed_at IS NULL) = (work_change IS NULL)),
  CHECK ((applies_knowledge IS NULL) = (work_change IS NULL))
);
CREATE INDEX evaluation_assessments_unit_idx ON evaluation_assessments (unit_id, campaign_id);

-- The registry reads the evaluation makes, set-based over many cohorts.
CREATE INDEX IF NOT EXISTS appraisals_person_year_idx ON appraisals (person_id, year);
CREATE INDEX IF NOT EXISTS planning_entries_person_idx ON planning_entries (person_id, approved_on);
CREATE INDEX IF NOT EXISTS enrolments_class_status_idx ON enrolments (class_id, status);
