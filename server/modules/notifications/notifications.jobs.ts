// Notifications from what happens in the CRM (Issue 11.4), following the outbox like the search
// index and automations do: the "notifications" consumer reads each change once (in its cursor's
// transaction, so none is lost or told twice) and tells the people it concerns —
//   task.created/updated  → task_assigned to the new assignee (unless they assigned it themselves)
//   deal.stage_change     → deal_stage_changed to the deal's owner (unless they moved it)
//   note.created/updated  → mention to each member named as @First Last, @First or @email (new mentions only)
// A minute tick sends the morning digest (task_due): tasks due today or overdue, once a day at each
// person's digest hour in their time zone. Event invitations arrive with attendees (calendar branch).
import { and, eq, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { deals, member, notificationSettings, outboxEvents, tasks, user } from '../../db/schema';
import type { JobDefinition } from '../../jobs/jobs';
import type { Mail } from '../../lib/mailer';
import { consumeOutbox, outboxPending } from '../../lib/outbox-consumer';
import { deliver, settingsOf, type NotifyDeps } from './notifications.service';

export const NOTIFY_QUEUE = 'notifications.fanout';
export const DIGEST_QUEUE = 'notifications.digest';
const CONSUMER = 'notifications';

type Payload = { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; actor?: { type?: string; userId?: string | null } };

/** Members whose @name or @email appears in `text` (names matched whole, case-insensitive). */
export function mentioned(text: string, people: { id: string; name: string; email: string }[]): string[] {
  const lower = text.toLowerCase();
  const at = (s: string) => {
    const token = `@${s.toLowerCase()}`;
    for (let i = lower.indexOf(token); i >= 0; i = lower.indexOf(token, i + 1)) {
      const next = lower[i + token.length];
      if (next === undefined || !/[\p{L}\p{N}_@.-]/u.test(next) || (next === '.' && !/[\p{L}\p{N}]/u.test(lower[i + token.length + 1] ?? ''))) return true;
    }
    return false;
  };
  return people.filter((p) => at(p.email) || (p.name.trim() && (at(p.name.trim()) || at(p.name.trim().split(/\s+/)[0])))).map((p) => p.id);
}

/** "YYYY-MM-DD" and the hour of `now` in `timeZone`. */
export function localDay(now: Date, timeZone: string): { day: string; hour: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(now).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** The instant local midnight after `day` in `timeZone` (end of that local day). */
function endOfLocalDay(now: Date, timeZone: string): Date {
  const { hour } = localDay(now, timeZone);
  // Step forward an hour at a time until the local day changes: robust across DST without a tz library.
  const start = localDay(now, timeZone).day;
  let t = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
  for (let i = 0; i < 26 - hour + 2 && localDay(t, timeZone).day === start; i++) t = new Date(t.getTime() + 3600_000);
  return t;
}

export function notificationJobs(o: { db: Db; pollSeconds?: number } & NotifyDeps) {
  const { db } = o;

  async function membersOf(tx: Tx, orgId: string) {
    return tx
      .select({ id: user.id, name: user.name, email: user.email })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, orgId), isNull(member.deactivatedAt)));
  }

  async function fanOut() {
    const mails: Mail[] = [];
    await consumeOutbox(db, CONSUMER, 200, async (tx, batch) => {
      const wanted = batch.filter((e) => e.entityType === 'task' || e.entityType === 'deal' || e.entityType === 'note');
      if (wanted.length === 0) return;
      const full = await tx.select().from(outboxEvents).where(inArray(outboxEvents.id, wanted.map((e) => e.id)));
      const deps = { ...o, defer: mails };
      for (const e of full) {
        const p = e.payload as Payload;
        const actorId = p.actor?.userId ?? null;
        const after = p.after ?? {};
        if (e.type === 'task.created' || e.type === 'task.updated') {
          const assignee = after.assigneeId as string | null | undefined;
          if (!assignee || assignee === actorId) continue;
          const [t] = await tx.select({ title: tasks.title, deletedAt: tasks.deletedAt }).from(tasks).where(eq(tasks.id, e.entityId));
          if (!t || t.deletedAt) continue;
          const by = actorId ? (await tx.select({ name: user.name }).from(user).where(eq(user.id, actorId)))[0]?.name : undefined;
          await deliver(tx, deps, { orgId: e.organizationId, userId: assignee, kind: 'task_assigned', title: `${by ?? 'Someone'} assigned you “${t.title}”`, body: t.title, recordType: 'task', recordId: e.entityId, actorId, dedupeKey: `task_assigned:${e.id}` });
        } else if (e.type === 'deal.stage_change') {
          const [d] = await tx.select({ name: deals.name, ownerId: deals.ownerId }).from(deals).where(eq(deals.id, e.entityId));
          if (!d?.ownerId || d.ownerId === actorId) continue;
          const from = (p.before?.stageName as string | undefined) ?? 'another stage';
          const to = (after.stageName as string | undefined) ?? 'a new stage';
          await deliver(tx, deps, { orgId: e.organizationId, userId: d.ownerId, kind: 'deal_stage_changed', title: `${d.name} moved to ${to}`, body: `${d.name}: ${from} → ${to}`, recordType: 'deal', recordId: e.entityId, actorId, dedupeKey: `deal_stage:${e.id}` });
        } else if ((e.type === 'note.created' || e.type === 'note.updated') && typeof after.body === 'string') {
          const people = await membersOf(tx, e.organizationId);
          const before = new Set(typeof p.before?.body === 'string' ? mentioned(p.before.body, people) : []);
          const note = after.body;
          const relatedType = (after.relatedType as string | undefined) ?? null;
          const relatedId = (after.relatedId as string | undefined) ?? null;
          const by = people.find((x) => x.id === actorId)?.name ?? 'Someone';
          for (const id of mentioned(note, people)) {
            if (id === actorId || before.has(id)) continue;
            await deliver(tx, deps, { orgId: e.organizationId, userId: id, kind: 'mention', title: `${by} mentioned you in a note`, body: note.length > 300 ? `${note.slice(0, 297)}…` : note, recordType: relatedType ?? 'note', recordId: relatedId ?? e.entityId, actorId, dedupeKey: `mention:${e.entityId}:${e.id}` });
          }
        }
      }
    });
    for (const m of mails) await o.mailer?.(m).catch((err) => o.log.error({ err }, 'notification email failed'));
  }

  /** The morning digest for everyone whose digest hour has come today (in their zone) and who has not had it. */
  async function digest(now = new Date()): Promise<number> {
    // People with open tasks due by tomorrow's end anywhere on Earth: the only ones a digest could list.
    const horizon = new Date(now.getTime() + 2 * 86400_000);
    const people = await db
      .selectDistinct({ userId: tasks.assigneeId, orgId: tasks.organizationId })
      .from(tasks)
      .where(and(isNull(tasks.deletedAt), notInArray(tasks.status, ['done', 'cancelled']), lt(tasks.dueAt, horizon), sql`${tasks.assigneeId} is not null`));
    const byUser = new Map<string, string[]>();
    for (const p of people) byUser.set(p.userId!, [...(byUser.get(p.userId!) ?? []), p.orgId]);
    let sent = 0;
    for (const [userId, orgIds] of byUser) {
      const s = await settingsOf(db, userId);
      const { day, hour } = localDay(now, s.timezone);
      if (hour < s.digestHour || s.lastDigestDay === day) continue;
      // Claim today's digest for this person (once across nodes and ticks).
      const [claimed] = await db
        .insert(notificationSettings)
        .values({ userId, lastDigestDay: day, digestHour: s.digestHour, timezone: s.timezone })
        .onConflictDoUpdate({ target: notificationSettings.userId, set: { lastDigestDay: day }, setWhere: sql`${notificationSettings.lastDigestDay} is distinct from ${day}` })
        .returning({ userId: notificationSettings.userId });
      if (!claimed) continue;
      const end = endOfLocalDay(now, s.timezone);
      for (const orgId of orgIds) {
        const due = await db
          .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt })
          .from(tasks)
          .where(and(eq(tasks.organizationId, orgId), eq(tasks.assigneeId, userId), isNull(tasks.deletedAt), notInArray(tasks.status, ['done', 'cancelled']), lt(tasks.dueAt, end)))
          .orderBy(tasks.dueAt)
          .limit(50);
        if (due.length === 0) continue;
        const overdue = due.filter((t) => t.dueAt! < now).length;
        const title = `${due.length} task${due.length === 1 ? '' : 's'} due today${overdue ? ` (${overdue} overdue)` : ''}`;
        const body = due.map((t) => `• ${t.title}${t.dueAt! < now ? ' (overdue)' : ''}`).join('\n');
        if (await deliver(db, o, { orgId, userId, kind: 'task_due', title, body, recordType: due.length === 1 ? 'task' : null, recordId: due.length === 1 ? due[0].id : null, dedupeKey: `digest:${day}` })) sent++;
      }
    }
    return sent;
  }

  const definitions: JobDefinition<any>[] = [
    {
      name: NOTIFY_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 2, expireInSeconds: 300 },
      work: { pollingIntervalSeconds: 0.5 },
      poll: { everySeconds: o.pollSeconds ?? 1, when: () => outboxPending(db, CONSUMER) },
      handler: () => fanOut(),
    },
    {
      name: DIGEST_QUEUE,
      queue: { policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
      cron: '* * * * *',
      handler: () => digest(),
    },
  ];
  return { definitions, fanOut, digest };
}
