-- Support for learners sent to training, and its payment (issue 11 point 1, docs/decisions/0049).
-- A support policy (e.g. a provincial People's Council resolution) is data, versioned like the
-- eligibility rules: one row per version of one policy id; active versions (superseded_by IS NULL)
-- of one id never overlap, and two policies covering a common group are never in force at once
-- (checked by the domain, training/support.ts addSupportPolicyVersion, under a lock). What a learner
-- is owed is derived (never stored); what was actually paid is stored here, in whole đồng.

CREATE TABLE support_policy_versions (
  id            text NOT NULL CHECK (id ~ '^[A-Z0-9_]{2,40}$'),
  version       integer NOT NULL CHECK (version >= 1),
  name          text NOT NULL CHECK (btrim(name) <> ''),
  -- the source document: { code, title, issuer, issuedOn, article? }
  source        jsonb NOT NULL,
  -- false: the figures were not checked against the original text
  verified      boolean NOT NULL DEFAULT false,
  -- who it covers: { courseKinds?, categories?, programmeKinds?, programmeCodes?, modes?, organiserUnitIds? }
  coverage      jsonb NOT NULL,
  -- the rates, whole đồng: training.SupportRates
  rates         jsonb NOT NULL,
  period_from   date NOT NULL,
  period_to     date,
  corrects      integer,
  superseded_by integer,
  note          text,
  created_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version),
  CHECK (period_to IS NULL OR period_to >= period_from)
);

-- One actual payment to one learner for one course (a class or an outside-training record).
CREATE TABLE support_payments (
  id                  serial PRIMARY KEY,
  person_id           integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  class_id            integer REFERENCES classes(id) ON DELETE CASCADE,
  outside_training_id integer REFERENCES outside_trainings(id) ON DELETE CASCADE,
  -- the policy version the amount owed came from when the payment was recorded
  policy_id           text NOT NULL,
  policy_version      integer NOT NULL,
  -- the first day of the course (the year cap counts payments by the course's year)
  course_start        date NOT NULL,
  amount              bigint NOT NULL CHECK (amount > 0),
  paid_on             date NOT NULL,
  voucher_no          text,
  note                text,
  recorded_by         integer NOT NULL REFERENCES users(id),
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((class_id IS NULL) <> (outside_training_id IS NULL)),
  FOREIGN KEY (policy_id, policy_version) REFERENCES support_policy_versions(id, version)
);
CREATE INDEX support_payments_class_idx ON support_payments (class_id, person_id) WHERE class_id IS NOT NULL;
CREATE INDEX support_payments_outside_idx ON support_payments (outside_training_id) WHERE outside_training_id IS NOT NULL;
CREATE INDEX support_payments_person_year_idx ON support_payments (person_id, policy_id, course_start);
CREATE INDEX outside_trainings_decision_idx ON outside_trainings (decision_no) WHERE decision_no IS NOT NULL;
