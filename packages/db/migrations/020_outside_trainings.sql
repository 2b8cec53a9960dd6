-- Training outside the province's own classes (issue 9, docs/decisions/0027): a person sent to the
-- national academy, a university or abroad, through the chain agency → provincial board or home
-- affairs (programmes.approver) → sending decision → result. A graduation writes the qualification
-- into the registry (qualification_id). Counted in person-times like a class
-- (outside-trainings.repository `countOutsideTrainingsByYear`).
CREATE TABLE outside_trainings (
  id               serial PRIMARY KEY,
  person_id        integer NOT NULL REFERENCES people(id),
  programme_code   text NOT NULL REFERENCES programmes(code),
  mode             text NOT NULL CHECK (mode IN ('full_time', 'part_time', 'online')),
  -- the receiving institution, as the user writes it ('Học viện Chính trị quốc gia Hồ Chí Minh')
  institution      text NOT NULL CHECK (btrim(institution) <> ''),
  -- the country when abroad; null: in Việt Nam
  country          text,
  start_date       date NOT NULL,
  end_date         date NOT NULL,
  -- VND, whole
  cost             bigint CHECK (cost >= 0),
  study_field      text,
  status           text NOT NULL CHECK (status IN ('proposed', 'approved', 'sent', 'completed', 'refused', 'withdrawn')),
  -- the rules engine's answer as of the start date: { outcome, summary, rules: [...] }
  eligibility      jsonb NOT NULL,
  override_reason  text,
  override_by      integer REFERENCES users(id),
  proposed_by      integer NOT NULL REFERENCES users(id),
  proposed_at      timestamptz NOT NULL DEFAULT now(),
  -- the sending decision (quyết định cử đi học)
  decision_no      text,
  decision_date    date,
  decision_signer  text,
  -- the result
  result           text CHECK (result IN ('graduated', 'not_graduated', 'withdrawn')),
  classification   text,
  result_date      date,
  certificate_no   text,
  qualification_id integer REFERENCES qualifications(id) ON DELETE SET NULL,
  -- plan against actual: the plan line it realises (the plan tables come with migration 022; the
  -- foreign key is added when both are merged), or marked outside the plan
  plan_line_id     integer,
  outside_plan     boolean NOT NULL DEFAULT false,
  note             text,
  version          integer NOT NULL DEFAULT 1,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT outside_trainings_period_check CHECK (end_date >= start_date),
  CONSTRAINT outside_trainings_plan_check CHECK (NOT (outside_plan AND plan_line_id IS NOT NULL)),
  CONSTRAINT outside_trainings_sent_check CHECK (status NOT IN ('sent', 'completed') OR (decision_no IS NOT NULL AND decision_date IS NOT NULL)),
  CONSTRAINT outside_trainings_completed_check CHECK ((status = 'completed') = (result IS NOT NULL AND result_date IS NOT NULL))
);
CREATE INDEX outside_trainings_person_idx ON outside_trainings (person_id, programme_code);
CREATE INDEX outside_trainings_dates_idx ON outside_trainings (start_date, end_date);

-- Each step of the chain, in order.
CREATE TABLE outside_training_steps (
  id                  serial PRIMARY KEY,
  outside_training_id integer NOT NULL REFERENCES outside_trainings(id) ON DELETE CASCADE,
  step                text NOT NULL CHECK (step IN ('agency', 'override', 'board', 'decision', 'result', 'withdrawn')),
  decision            text NOT NULL CHECK (decision IN ('approved', 'refused', 'recorded')),
  note                text,
  decided_by          integer REFERENCES users(id),
  decided_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outside_training_steps_idx ON outside_training_steps (outside_training_id, id);
