-- Failed logins, kept in the database so every app node enforces one login limit (issue 12).
-- A row per failed (or in-flight) attempt; rows older than the limit's window are pruned as new
-- ones arrive. Keyed by the normalised username (trimmed, NFC, lower case: what login looks up)
-- and by the client address (the socket's, or the one a trusted proxy forwards).
CREATE TABLE login_failures (
  id        bigserial PRIMARY KEY,
  username  text NOT NULL,
  address   text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_idx ON login_failures (username, at);
CREATE INDEX login_failures_address_idx ON login_failures (address, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);
