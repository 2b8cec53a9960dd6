-- Calendars (issue 14, point 9): what a calendar client needs to follow a session through its
-- changes, cancelled sessions kept for the feeds, and calendar subscriptions.

-- The session's revision (SEQUENCE in iCalendar): raised by every change.
ALTER TABLE class_sessions
  ADD COLUMN sequence integer NOT NULL DEFAULT 0,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- A deleted session as calendars last saw it: feeds publish it as STATUS:CANCELLED under the same
-- UID, so a subscribed phone removes it instead of keeping a stale entry.
CREATE TABLE cancelled_class_sessions (
  session_id      integer PRIMARY KEY,
  class_id        integer NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  class_module_id integer REFERENCES class_modules(id) ON DELETE SET NULL,
  kind            text NOT NULL,
  on_date         date NOT NULL,
  starts_at       time NOT NULL,
  ends_at         time NOT NULL,
  room            text,
  online_link     text,
  lecturer_id     integer REFERENCES lecturers(id),
  -- the session's sequence when it was deleted, plus one
  sequence        integer NOT NULL,
  cancelled_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cancelled_class_sessions_class_idx ON cancelled_class_sessions (class_id, on_date);
CREATE INDEX cancelled_class_sessions_lecturer_idx ON cancelled_class_sessions (lecturer_id, on_date) WHERE lecturer_id IS NOT NULL;

-- A user's calendar subscription: the secret token is in the URL only; here, its SHA-256.
-- One active subscription per user; a new one revokes the old.
CREATE TABLE calendar_feeds (
  id           serial PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users(id),
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE UNIQUE INDEX calendar_feeds_active_idx ON calendar_feeds (user_id) WHERE revoked_at IS NULL;
