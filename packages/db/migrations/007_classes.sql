-- Classes and learners (issue 4): the programme catalogue's teaching side, classes with modules,
-- sessions and lecturers, nominations with their approval chain and waitlist, enrolments, attendance,
-- recalls and make-up study, conduct reports, grades, graduation and certificates.

-- ---------- programme catalogue ----------

-- How a programme is taught and graded (the eligibility side lives in 006_rules.sql).
ALTER TABLE programmes
  -- e.g. '4 tháng (tập trung)': shown as written
  ADD COLUMN duration text,
  -- training.GradingScheme: { scale: {min,max,step}, passMark, bands: [{code,label,min}] }
  ADD COLUMN grading_scheme jsonb,
  -- training.GraduationConditions: { allModulesPassed, minAttendanceRate, finalExam, conductReportRequired }
  ADD COLUMN graduation_conditions jsonb,
  -- who approves nominations after the sending agency: the provincial board or home affairs
  ADD COLUMN approver text NOT NULL DEFAULT 'province_board' CHECK (approver IN ('province_board', 'home_affairs'));

-- The modules (học phần) of a programme's curriculum, with their periods (tiết).
CREATE TABLE programme_modules (
  programme_code text NOT NULL REFERENCES programmes(code),
  code           text NOT NULL,
  name           text NOT NULL,
  periods        integer NOT NULL CHECK (periods > 0),
  sort_order     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (programme_code, code)
);

-- ---------- lecturers ----------

-- School lecturers and the guest-lecturer pool (provincial leaders, experts): external people need
-- no registry record. A lecturer with an account (user_id) sees their sessions and enters grades.
CREATE TABLE lecturers (
  id           serial PRIMARY KEY,
  full_name    text NOT NULL,
  search_name  text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('school', 'guest')),
  -- academic or official title, e.g. 'ThS.', 'Phó Bí thư Tỉnh ủy'
  title        text,
  organisation text,
  user_id      integer UNIQUE REFERENCES users(id),
  -- the unit (usually the school) that keeps this lecturer in its pool
  unit_id      integer NOT NULL REFERENCES units(id),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- ---------- classes ----------

CREATE TABLE classes (
  id               serial PRIMARY KEY,
  programme_code   text NOT NULL REFERENCES programmes(code),
  -- e.g. 'K12' or 'TC-LLCT-2026-01': unique within the programme
  cohort_code      text NOT NULL,
  name             text NOT NULL,
  mode             text NOT NULL CHECK (mode IN ('full_time', 'part_time', 'online')),
  -- the organising unit (the school or a political centre): its subtree's registrars run the class
  organiser_unit_id integer NOT NULL REFERENCES units(id),
  -- where it is taught: the school, or a local site (free text: 'Hội trường UBND xã ...')
  site             text NOT NULL,
  start_date       date NOT NULL,
  end_date         date NOT NULL,
  capacity         integer NOT NULL CHECK (capacity > 0),
  -- nominations are taken only while open; finished after graduation
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'finished')),
  -- a snapshot of the programme's scheme and conditions when the class opened (the programme may change later)
  grading_scheme   jsonb NOT NULL,
  graduation_conditions jsonb NOT NULL,
  graduated_at     timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_code, cohort_code),
  CHECK (end_date >= start_date)
);
CREATE INDEX classes_dates_idx ON classes (start_date, end_date);

CREATE TABLE class_modules (
  id          serial PRIMARY KEY,
  class_id    integer NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  periods     integer NOT NULL CHECK (periods > 0),
  sort_order  integer NOT NULL DEFAULT 0,
  UNIQUE (class_id, code)
);

-- Teaching hours per lecturer and module.
CREATE TABLE class_module_lecturers (
  class_module_id integer NOT NULL REFERENCES class_modules(id) ON DELETE CASCADE,
  lecturer_id     integer NOT NULL REFERENCES lecturers(id),
  periods         integer NOT NULL CHECK (periods > 0),
  PRIMARY KEY (class_module_id, lecturer_id)
);

-- A session (buổi học), a field trip or the final exam. A room or a lecturer in two sessions that
-- overlap in time is refused by the service (under a lock on the room and the lecturer).
CREATE TABLE class_sessions (
  id              serial PRIMARY KEY,
  class_id        integer NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  class_module_id integer REFERENCES class_modules(id) ON DELETE CASCADE,
  kind            text NOT NULL DEFAULT 'lesson' CHECK (kind IN ('lesson', 'field_trip', 'exam')),
  on_date         date NOT NULL,
  starts_at       time NOT NULL,
  ends_at         time NOT NULL,
  room            text,
  online_link     text,
  lecturer_id     integer REFERENCES lecturers(id),
  -- the secret of the session's check-in QR code
  checkin_secret  text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX class_sessions_class_idx ON class_sessions (class_id, on_date, starts_at);
CREATE INDEX class_sessions_room_idx ON class_sessions (room, on_date) WHERE room IS NOT NULL;
CREATE INDEX class_sessions_lecturer_idx ON class_sessions (lecturer_id, on_date) WHERE lecturer_id IS NOT NULL;

-- ---------- nominations and enrolments ----------

-- A sending agency's nomination of one person into one class, through the approval chain
-- agency → provincial board or home affairs (programmes.approver) → school. A nomination either
-- holds a place (nominated, approved_agency, approved_board, enrolled) or waits (waitlisted);
-- refused and withdrawn ones hold nothing. Places are counted under a lock on the class row.
CREATE TABLE nominations (
  id               serial PRIMARY KEY,
  class_id         integer NOT NULL REFERENCES classes(id),
  person_id        integer NOT NULL REFERENCES people(id),
  status           text NOT NULL CHECK (status IN ('nominated', 'approved_agency', 'approved_board', 'enrolled', 'waitlisted', 'refused', 'withdrawn')),
  -- the rules engine's answer when nominated: { outcome, summary, rules: [...] }
  eligibility      jsonb NOT NULL,
  -- an ineligible person needs the provincial board's explicit override with a reason
  override_reason  text,
  override_by      integer REFERENCES users(id),
  nominated_by     integer NOT NULL REFERENCES users(id),
  nominated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- the order of the waitlist (nominated_at, id)
  decided_at       timestamptz,
  note             text,
  version          integer NOT NULL DEFAULT 1
);
-- one live nomination per person and class
CREATE UNIQUE INDEX nominations_live_idx ON nominations (class_id, person_id) WHERE status NOT IN ('refused', 'withdrawn');
CREATE INDEX nominations_person_idx ON nominations (person_id);
CREATE INDEX nominations_class_idx ON nominations (class_id, status, nominated_at, id);

-- Each step of the approval chain, in order.
CREATE TABLE nomination_steps (
  id            serial PRIMARY KEY,
  nomination_id integer NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
  step          text NOT NULL CHECK (step IN ('agency', 'board', 'school', 'override', 'waitlist', 'promoted', 'withdrawn')),
  decision      text NOT NULL CHECK (decision IN ('approved', 'refused', 'recorded')),
  note          text,
  decided_by    integer REFERENCES users(id),
  decided_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nomination_steps_idx ON nomination_steps (nomination_id, id);

-- The placeholder of 006_rules.sql becomes the learner's place in a class: one per nomination the
-- school accepted (class_id NULL only for enrolments recorded before classes existed).
ALTER TABLE enrolments
  ADD COLUMN class_id integer REFERENCES classes(id),
  ADD COLUMN nomination_id integer UNIQUE REFERENCES nominations(id),
  -- graduation: outcome, classification, average, decided when
  ADD COLUMN final_grade numeric(4, 2),
  ADD COLUMN average numeric(4, 2),
  ADD COLUMN classification text,
  ADD COLUMN graduated_on date;
ALTER TABLE enrolments DROP CONSTRAINT IF EXISTS enrolments_status_check;
ALTER TABLE enrolments ADD CONSTRAINT enrolments_status_check CHECK (status IN ('enrolled', 'completed', 'failed', 'withdrawn'));
CREATE UNIQUE INDEX enrolments_class_person_idx ON enrolments (class_id, person_id) WHERE class_id IS NOT NULL;

-- ---------- following the learner ----------

-- One mark per session and learner. `client_id` makes an offline check-in that is synced twice count once.
CREATE TABLE attendance (
  session_id   integer NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  enrolment_id integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  mark         text NOT NULL CHECK (mark IN ('present', 'absent_excused', 'absent_unexcused', 'recalled')),
  -- 'recall': marked recalled when the home agency's recall was recorded (a QR check-in still overrides it)
  source       text NOT NULL CHECK (source IN ('registrar', 'lecturer', 'qr', 'recall')),
  client_id    text,
  checked_in_at timestamptz,
  marked_by    integer REFERENCES users(id),
  marked_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, enrolment_id)
);
CREATE UNIQUE INDEX attendance_client_idx ON attendance (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX attendance_enrolment_idx ON attendance (enrolment_id);

-- The home agency calling a learner back to work, with the dates; the sessions in between need make-up.
CREATE TABLE recalls (
  id           serial PRIMARY KEY,
  enrolment_id integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  from_date    date NOT NULL,
  to_date      date NOT NULL,
  reason       text NOT NULL,
  recorded_by  integer REFERENCES users(id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date >= from_date)
);
CREATE INDEX recalls_enrolment_idx ON recalls (enrolment_id);

-- Make-up study (học bổ sung) done for a missed session.
CREATE TABLE make_ups (
  id           serial PRIMARY KEY,
  enrolment_id integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  session_id   integer NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  done_on      date NOT NULL,
  note         text,
  recorded_by  integer REFERENCES users(id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, session_id)
);

-- The home agency's report on the learner's conduct and discipline during the course.
CREATE TABLE conduct_reports (
  enrolment_id  integer PRIMARY KEY REFERENCES enrolments(id) ON DELETE CASCADE,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  requested_by  integer REFERENCES users(id),
  due_on        date NOT NULL,
  reminders     integer NOT NULL DEFAULT 0,
  last_reminded_at timestamptz,
  received_at   timestamptz,
  satisfactory  boolean,
  -- the form: conduct, discipline, work while studying
  content       jsonb,
  filled_by     integer REFERENCES users(id)
);

-- A learner's grade in a module of the class (or the final exam / thesis: class_module_id NULL).
CREATE TABLE grades (
  id              serial PRIMARY KEY,
  enrolment_id    integer NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  class_module_id integer REFERENCES class_modules(id) ON DELETE CASCADE,
  value           numeric(4, 2) NOT NULL,
  entered_by      integer REFERENCES users(id),
  entered_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX grades_module_idx ON grades (enrolment_id, class_module_id) WHERE class_module_id IS NOT NULL;
CREATE UNIQUE INDEX grades_final_idx ON grades (enrolment_id) WHERE class_module_id IS NULL;

-- ---------- certificates ----------

-- Numbered per programme and year without gaps: the next number is taken under a row lock.
CREATE TABLE certificate_counters (
  programme_code text NOT NULL REFERENCES programmes(code),
  year           integer NOT NULL,
  last_number    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (programme_code, year)
);

CREATE TABLE certificates (
  id             serial PRIMARY KEY,
  number         text NOT NULL UNIQUE,
  enrolment_id   integer NOT NULL UNIQUE REFERENCES enrolments(id),
  person_id      integer NOT NULL REFERENCES people(id),
  programme_code text NOT NULL REFERENCES programmes(code),
  -- what was certified, frozen at issue: full name, birth date, class, classification
  holder_name    text NOT NULL,
  holder_birth_date date NOT NULL,
  classification text NOT NULL,
  issued_on      date NOT NULL,
  -- the signature carried in the QR code (Ed25519 over the canonical payload, base64url)
  signature      text NOT NULL,
  -- the qualification written into the registry at graduation (an officer may still delete it from the profile)
  qualification_id integer REFERENCES qualifications(id) ON DELETE SET NULL,
  revoked_at     timestamptz,
  revoked_by     integer REFERENCES users(id),
  revoke_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificates_person_idx ON certificates (person_id);

-- The key pair that signs certificates: made once per installation, kept in the database so every
-- server process verifies the same signatures. (The private key never leaves the server.)
CREATE TABLE signing_keys (
  id          serial PRIMARY KEY,
  public_key  text NOT NULL,
  private_key text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
