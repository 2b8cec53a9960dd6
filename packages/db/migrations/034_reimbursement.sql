-- Service commitments after state-paid training and the reimbursement of its cost (issue 11 point 3,
-- docs/decisions/0045). The commitment itself is not stored: it is derived from the outside-training
-- record (programme, sending decision date, course dates, cost) and the commitment rules
-- (training/commitments.ts). What is stored is the registry fact that opens a case (a person leaving
-- the service) and the case, which freezes the amount owed and its explanation when it is opened.

-- A person leaving the service (at most one per person): the event that opens reimbursement cases.
CREATE TABLE service_leavings (
  id          serial PRIMARY KEY,
  person_id   integer NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
  -- the last day worked
  left_on     date NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('resigned', 'dismissed', 'left_public_sector', 'transferred_political_system')),
  decision_no text,
  note        text,
  recorded_by integer NOT NULL REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- One case per training record: the amount owed frozen at opening, in whole đồng.
CREATE TABLE reimbursement_cases (
  id                  serial PRIMARY KEY,
  person_id           integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  outside_training_id integer NOT NULL UNIQUE REFERENCES outside_trainings(id) ON DELETE CASCADE,
  cause               text NOT NULL CHECK (cause IN ('left_service', 'course_not_completed')),
  basis               text NOT NULL CHECK (basis IN ('not_completed', 'partial')),
  -- the document the commitment follows ('171/2025/NĐ-CP')
  source              text NOT NULL,
  cost                bigint NOT NULL CHECK (cost > 0),
  commitment_months   integer NOT NULL CHECK (commitment_months > 0),
  months_served       integer NOT NULL CHECK (months_served >= 0 AND months_served < commitment_months),
  amount              bigint NOT NULL CHECK (amount > 0 AND amount <= cost),
  paid                bigint NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= amount),
  explanation         text NOT NULL,
  status              text NOT NULL CHECK (status IN ('notified', 'agreed', 'paid', 'waived')),
  waiver_ground       text CHECK (waiver_ground IN ('illness', 'disaster', 'transferred_political_system')),
  waiver_decision_no  text,
  opened_by           integer NOT NULL REFERENCES users(id),
  opened_at           timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CONSTRAINT reimbursement_cases_paid_check CHECK ((status = 'paid') = (paid = amount)),
  CONSTRAINT reimbursement_cases_waived_check CHECK ((status = 'waived') = (waiver_decision_no IS NOT NULL AND waiver_ground IS NOT NULL))
);
CREATE INDEX reimbursement_cases_person_idx ON reimbursement_cases (person_id);
CREATE INDEX reimbursement_cases_status_idx ON reimbursement_cases (status, opened_at);

-- Each step of a case, in order (notified, agreed, a payment, waived).
CREATE TABLE reimbursement_case_steps (
  id          serial PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES reimbursement_cases(id) ON DELETE CASCADE,
  step        text NOT NULL CHECK (step IN ('notified', 'agreed', 'payment', 'waived')),
  amount      bigint CHECK (amount > 0),
  decision_no text,
  note        text,
  decided_by  integer REFERENCES users(id),
  decided_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reimbursement_case_steps_case_idx ON reimbursement_case_steps (case_id, id);
