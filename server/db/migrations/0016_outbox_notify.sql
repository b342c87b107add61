-- Realtime (server/realtime/hub.ts): every outbox row wakes the nodes listening for its organization.
-- NOTIFY is delivered at commit (never for a rolled-back write), and PostgreSQL folds identical
-- notifications of one transaction into one, so a bulk import notifies once per batch.
CREATE OR REPLACE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', NEW.organization_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events FOR EACH ROW EXECUTE FUNCTION outbox_events_notify();
