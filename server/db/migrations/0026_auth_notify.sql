-- The auth cache (server/lib/auth-cache.ts): a change to who someone is, or may be, tells every node
-- to forget that user's cached sessions and API keys. NOTIFY is delivered at commit, so a rolled-back
-- change notifies nobody. The payload is the user's id and nothing else.
CREATE OR REPLACE FUNCTION auth_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data record;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
  IF TG_TABLE_NAME = 'user' THEN
    PERFORM pg_notify('auth_changes', row_data.id);
  ELSIF TG_TABLE_NAME = 'apikey' THEN
    PERFORM pg_notify('auth_changes', row_data.reference_id);
  ELSE
    PERFORM pg_notify('auth_changes', row_data.user_id);
    IF TG_OP = 'UPDATE' THEN
      IF OLD.user_id IS DISTINCT FROM NEW.user_id THEN
        PERFORM pg_notify('auth_changes', OLD.user_id);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Sign-out, revoked sessions, a new active organization.
CREATE TRIGGER session_auth_changes AFTER UPDATE OR DELETE ON "session" FOR EACH ROW EXECUTE FUNCTION auth_changes_notify();
--> statement-breakpoint
-- A password changed or reset (sessions are revoked too, but a user may keep the others).
CREATE TRIGGER account_auth_changes AFTER UPDATE OR DELETE ON "account" FOR EACH ROW EXECUTE FUNCTION auth_changes_notify();
--> statement-breakpoint
-- A role changed, deactivated or reactivated, removed, or added to another organization.
CREATE TRIGGER member_auth_changes AFTER INSERT OR UPDATE OR DELETE ON "member" FOR EACH ROW EXECUTE FUNCTION auth_changes_notify();
--> statement-breakpoint
CREATE TRIGGER user_auth_changes AFTER UPDATE OR DELETE ON "user" FOR EACH ROW EXECUTE FUNCTION auth_changes_notify();
--> statement-breakpoint
-- Disabled, expired early, re-bound or deleted keys; not the usage counters written on every use.
CREATE TRIGGER apikey_auth_changes AFTER UPDATE ON "apikey" FOR EACH ROW
  WHEN (OLD.enabled IS DISTINCT FROM NEW.enabled OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.metadata IS DISTINCT FROM NEW.metadata OR OLD.reference_id IS DISTINCT FROM NEW.reference_id OR OLD.key IS DISTINCT FROM NEW.key)
  EXECUTE FUNCTION auth_changes_notify();
--> statement-breakpoint
CREATE TRIGGER apikey_auth_changes_deleted AFTER DELETE ON "apikey" FOR EACH ROW EXECUTE FUNCTION auth_changes_notify();
