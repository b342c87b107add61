-- Consumers that act on people's behalf (notifications, reminders, automations, webhooks, calendar
-- sync, lead and contact rescoring) start at
-- the newest outbox event of the moment they are installed. Without this, a consumer's cursor row
-- is created on its first run at 0, and an upgraded installation would replay its whole history:
-- "task assigned to you" for every old task, every automation re-run, every webhook re-sent, every
-- record rescored with an entry on its timeline.
-- On a fresh database the outbox is empty and they start at 0 as before. Existing cursors are kept.
-- (The search index and embedding chunks are not here on purpose: they must read history.)
INSERT INTO "outbox_cursors" ("consumer", "last_event_id")
SELECT c.consumer, coalesce((SELECT max("id") FROM "outbox_events"), 0)
FROM (VALUES ('notifications'), ('reminders'), ('automations'), ('webhooks'), ('calendar-sync'), ('scores')) AS c(consumer)
ON CONFLICT ("consumer") DO NOTHING;
