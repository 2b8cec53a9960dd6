-- Notifications (issue 14, point 8; decision 0036). "Work waiting" counts are derived live from the
-- records and stored nowhere; what is stored here are event notifications: one row per recipient,
-- written in the transaction of the event's own write, read/unread per user.

-- Where a user's e-mail notifications go (none: in-app only).
ALTER TABLE users ADD COLUMN email text;

CREATE TABLE notifications (
  id          serial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- 'waitlist_promoted' | 'recall_recorded' | 'nomination_decided'
  kind        text NOT NULL,
  -- the page of the work, inside the web app (e.g. /classes/12)
  link        text NOT NULL,
  -- the words the message is built from (class name, person name, decision), never rendered text
  params      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- The e-mail outbox: one row per notification of a user with an e-mail address, written with the
-- notification; the job runner sends it when SMTP is configured, retrying with a growing delay.
CREATE TABLE notification_emails (
  id              serial PRIMARY KEY,
  notification_id integer NOT NULL UNIQUE REFERENCES notifications(id) ON DELETE CASCADE,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- 'pending' | 'sent' | 'failed' (gave up after the last attempt) | 'expired' (too old when SMTP came)
  status          text NOT NULL DEFAULT 'pending',
  sent_at         timestamptz,
  last_error      text
);
CREATE INDEX notification_emails_due_idx ON notification_emails (next_attempt_at) WHERE status = 'pending';
