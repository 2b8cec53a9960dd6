-- Every app node keeps the sessions it has resolved for a short while (issue 13 point 1,
-- docs/decisions/0059), so the people list does not read the session, the user and their unit on
-- every request. Scope is security: a changed role, unit or account status, a moved or renamed unit,
-- and a session ended (logout, expiry) must take effect on every node. Each such change notifies the
-- channel 'nt_auth_changed' when it commits; every node listens and forgets what it kept. A node that
-- loses its listening connection keeps nothing until it listens again.
CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('nt_auth_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_auth_changed();
CREATE TRIGGER sessions_auth_changed AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_auth_changed();
CREATE TRIGGER units_auth_changed AFTER UPDATE OR DELETE ON units
  FOR EACH ROW EXECUTE FUNCTION notify_auth_changed();
