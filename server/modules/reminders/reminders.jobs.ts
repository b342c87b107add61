// Firing reminders (Issue 11.3) on pg-boss. Each reminder — a `reminders` row, or one of an event's
// `reminders` — gets a job on the `reminders.fire` queue that starts at its time (`startAfter`),
// keyed by what and when (`singletonKey`, on an `exclusive` queue: one queued job per key across
// nodes). The job re-reads the row and claims it in SQL (`update … where fired_at is null` /
// `insert … on conflict do nothing`), so it fires exactly once; a reminder done, deleted or moved
// since is not fired at the old time (the job for the new time does it). Jobs are sent by the
// "reminders" outbox consumer after each write, and a sweep (at start, then every 15 s) fires what
// came due while no worker ran — a server that was down fires them at its next start.
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import type { Db } from '../../db/client';
import { eventReminderFires, events, reminders } from '../../db/schema';
import type { JobDefinition, Jobs } from '../../jobs/jobs';
import { recordChange } from '../../lib/audit';
import type { Logger } from '../../lib/logger';
import type { Mail } from '../../lib/mailer';
import { consumeOutbox, outboxPending } from '../../lib/outbox-consumer';
import { deliver, type NotifyDeps } from '../notifications/notifications.service';

export const FIRE_QUEUE = 'reminders.fire';
export const SCHEDULE_QUEUE = 'reminders.schedule';
export const SWEEP_QUEUE = 'reminders.sweep';
const CONSUMER = 'reminders';
/** An event reminder noticed this long after its event started is dropped (the meeting is over). */
const EVENT_GRACE_MS = 60 * 60_000;

type FireData = { kind: 'reminder'; id: string; at: string } | { kind: 'event'; id: string; start: string; minutesBefore: number };
type EventRow = typeof events.$inferSelect;

/**
 * The occurrence starts of an event from `from` on (at most `limit`). A one-off event has one.
 * HOOK for recurrence (the calendar branch adds `recurrence`): expand the RRULE here — the job for
 * an occurrence carries its start, its claim row is per occurrence, and after it fires the next
 * occurrence's job is sent (see `fireEvent`).
 */
export function occurrenceStarts(e: Pick<EventRow, 'startsAt'>, from: Date, limit = 1): Date[] {
  return e.startsAt.getTime() >= from.getTime() ? [e.startsAt].slice(0, limit) : [];
}

const fireKey = (d: FireData) => (d.kind === 'reminder' ? `reminder:${d.id}:${d.at}` : `event:${d.id}:${d.start}:${d.minutesBefore}`);

export function reminderJobs(o: { db: Db; log: Logger; jobs: () => Jobs | undefined; pollSeconds?: number } & NotifyDeps) {
  const { db, log } = o;

  async function schedule(d: FireData, when: Date) {
    const jobs = o.jobs();
    if (!jobs) throw new Error('the job runner is not attached yet');
    await jobs.send(FIRE_QUEUE, d, { startAfter: when, singletonKey: fireKey(d), retryLimit: 5, retryDelay: 5 });
  }

  async function sendMails(mails: Mail[]) {
    for (const m of mails) await o.mailer?.(m).catch((err) => log.error({ err }, 'reminder email failed'));
  }

  /** Fires one reminder if it is still due at `at` and unfired. Returns whether this call fired it. */
  async function fireReminder(id: string, at: string): Promise<boolean> {
    const mails: Mail[] = [];
    const fired = await db.transaction(async (tx) => {
      const [r] = await tx
        .update(reminders)
        .set({ firedAt: new Date(), version: sql`${reminders.version} + 1` })
        .where(and(eq(reminders.id, id), eq(reminders.remindAt, new Date(at)), isNull(reminders.firedAt), eq(reminders.done, false), isNull(reminders.deletedAt)))
        .returning();
      if (!r) return false;
      const userId = r.ownerId ?? r.createdBy;
      // On its timeline and the realtime stream (open lists show it sent), like any change to the record.
      await recordChange(tx, r.organizationId, { type: 'system', userId: 'system' }, { entityType: 'reminder', entityId: r.id, action: 'fired', before: { firedAt: null }, after: { firedAt: r.firedAt!.toISOString(), version: r.version } });
      if (userId) {
        await deliver(tx, { ...o, defer: mails }, {
          orgId: r.organizationId, userId, kind: 'reminder', title: `Reminder: ${r.title}`, body: r.title,
          recordType: r.relatedType ?? 'reminder', recordId: r.relatedId ?? r.id, dedupeKey: `reminder:${r.id}:${at}`, channels: r.channels as ('in_app' | 'email')[],
        });
      }
      return true;
    });
    await sendMails(mails);
    return fired;
  }

  /** Fires one reminder of one occurrence of an event, if the event still has it at that time. */
  async function fireEvent(id: string, start: string, minutesBefore: number): Promise<boolean> {
    const mails: Mail[] = [];
    const fired = await db.transaction(async (tx) => {
      const [e] = await tx.select().from(events).where(and(eq(events.id, id), isNull(events.deletedAt)));
      const rule = e?.reminders.find((r) => r.minutesBefore === minutesBefore);
      if (!e || !rule || !occurrenceStarts(e, new Date(start)).some((s) => s.toISOString() === start)) return false;
      const [claim] = await tx.insert(eventReminderFires).values({ organizationId: e.organizationId, eventId: e.id, occurrenceStart: new Date(start), minutesBefore }).onConflictDoNothing().returning();
      if (!claim) return false;
      // HOOK: member attendees (calendar branch) are told too; today the owner.
      const userId = e.ownerId ?? e.createdBy;
      const when = new Date(start).toLocaleString('en-GB', { timeZone: e.timezone, dateStyle: 'medium', timeStyle: 'short' });
      const soon = minutesBefore === 0 ? 'now' : `in ${minutesBefore >= 60 && minutesBefore % 60 === 0 ? `${minutesBefore / 60} h` : `${minutesBefore} min`}`;
      if (userId) {
        await deliver(tx, { ...o, defer: mails }, {
          orgId: e.organizationId, userId, kind: 'reminder', title: `${e.title} — ${soon}`, body: `${e.title}\n${when} (${e.timezone})${e.location ? `\n${e.location}` : ''}`,
          recordType: 'event', recordId: e.id, dedupeKey: `event:${e.id}:${start}:${minutesBefore}`, channels: rule.channels,
        });
      }
      return true;
    });
    await sendMails(mails);
    // HOOK (recurrence): the next occurrence's reminder is scheduled here once occurrenceStarts expands rules.
    return fired;
  }

  /** Jobs for a reminder or event as it is now (after a write). Old jobs stay and find nothing to do. */
  async function scheduleFor(type: string, id: string) {
    if (type === 'reminder') {
      const [r] = await db.select().from(reminders).where(eq(reminders.id, id));
      if (r && !r.deletedAt && !r.done && !r.firedAt) await schedule({ kind: 'reminder', id, at: r.remindAt.toISOString() }, r.remindAt);
    } else if (type === 'event') {
      const [e] = await db.select().from(events).where(eq(events.id, id));
      if (!e || e.deletedAt) return;
      for (const start of occurrenceStarts(e, new Date(Date.now() - EVENT_GRACE_MS))) {
        for (const r of e.reminders) await schedule({ kind: 'event', id, start: start.toISOString(), minutesBefore: r.minutesBefore }, new Date(start.getTime() - r.minutesBefore * 60_000));
      }
    }
  }

  /** Outbox → fire jobs for every reminder or event written since. */
  async function scheduleFromOutbox() {
    // The poll ticks once before the runner is attached: fail (pg-boss retries) rather than consume the events unscheduled.
    if (!o.jobs()) throw new Error('the job runner is not attached yet');
    const touched = new Map<string, string>();
    await consumeOutbox(db, CONSUMER, 500, async (_tx, batch) => {
      for (const e of batch) if (e.entityType === 'reminder' || e.entityType === 'event') touched.set(`${e.entityType}:${e.entityId}`, e.entityType);
    });
    for (const [key, type] of touched) await scheduleFor(type, key.slice(type.length + 1));
  }

  /** Fires everything due and unfired (what a stopped server missed). Returns how many fired. */
  async function sweep(now = new Date()): Promise<number> {
    let n = 0;
    const due = await db
      .select({ id: reminders.id, remindAt: reminders.remindAt })
      .from(reminders)
      .where(and(isNull(reminders.deletedAt), isNull(reminders.firedAt), eq(reminders.done, false), lte(reminders.remindAt, now)))
      .limit(500);
    for (const r of due) if (await fireReminder(r.id, r.remindAt.toISOString())) n++;
    const { rows } = (await db.execute(sql`
      select e.id, e.starts_at, (r->>'minutesBefore')::int as minutes_before
        from ${events} e, jsonb_array_elements(e.reminders) r
       where e.deleted_at is null and jsonb_array_length(e.reminders) > 0
         and e.starts_at > ${new Date(now.getTime() - EVENT_GRACE_MS)} and e.starts_at < ${new Date(now.getTime() + 29 * 86400_000)}
         and e.starts_at - make_interval(mins => (r->>'minutesBefore')::int) <= ${now}
         and not exists (select 1 from ${eventReminderFires} f where f.organization_id = e.organization_id and f.event_id = e.id and f.occurrence_start = e.starts_at and f.minutes_before = (r->>'minutesBefore')::int)
       limit 500`)) as unknown as { rows: { id: string; starts_at: string | Date; minutes_before: number }[] };
    for (const r of rows) if (await fireEvent(r.id, new Date(r.starts_at).toISOString(), Number(r.minutes_before))) n++;
    return n;
  }

  async function anythingDue(): Promise<boolean> {
    const [r] = await db.select({ id: reminders.id }).from(reminders).where(and(isNull(reminders.deletedAt), isNull(reminders.firedAt), eq(reminders.done, false), lte(reminders.remindAt, new Date()))).limit(1);
    if (r) return true;
    const { rows } = (await db.execute(sql`
      select 1 from ${events} e, jsonb_array_elements(e.reminders) r
       where e.deleted_at is null and jsonb_array_length(e.reminders) > 0 and e.starts_at > now() - interval '1 hour' and e.starts_at < now() + interval '29 days'
         and e.starts_at - make_interval(mins => (r->>'minutesBefore')::int) <= now()
         and not exists (select 1 from ${eventReminderFires} f where f.organization_id = e.organization_id and f.event_id = e.id and f.occurrence_start = e.starts_at and f.minutes_before = (r->>'minutesBefore')::int)
       limit 1`)) as unknown as { rows: unknown[] };
    return rows.length > 0;
  }

  const definitions: JobDefinition<any>[] = [
    {
      name: FIRE_QUEUE,
      // exclusive: at most one queued or running job per singletonKey (what, when) across nodes.
      queue: { policy: 'exclusive', retryLimit: 5, retryDelay: 5, expireInSeconds: 120 },
      work: { pollingIntervalSeconds: 0.5, batchSize: 10 },
      handler: async (jobs: Job<FireData>[]) => {
        for (const { data: d } of jobs) {
          if (d.kind === 'reminder') await fireReminder(d.id, d.at);
          else await fireEvent(d.id, d.start, d.minutesBefore);
        }
      },
    },
    {
      name: SCHEDULE_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 2, expireInSeconds: 300 },
      work: { pollingIntervalSeconds: 0.5 },
      poll: { everySeconds: o.pollSeconds ?? 1, when: () => outboxPending(db, CONSUMER) },
      handler: () => scheduleFromOutbox(),
    },
    {
      name: SWEEP_QUEUE,
      queue: { policy: 'stately', retryLimit: 2, retryDelay: 5, expireInSeconds: 300 },
      work: { pollingIntervalSeconds: 1 },
      // Runs as soon as a runner starts (the poll ticks at once), then whenever something is overdue.
      poll: { everySeconds: 15, when: anythingDue },
      handler: () => sweep(),
    },
  ];

  return { definitions, sweep, fireReminder, fireEvent, scheduleFromOutbox };
}
