// Two-way calendar sync on pg-boss (Issue 11.6); never in a request.
//
//   calendar-sync.run      {connectionId}: one connection's sync — pull, then push. Stately per
//                          connection (singletonKey), so two nodes never sync one calendar at once.
//   calendar-sync.tick     cron: a run for every connection that is ok (remote changes arrive
//                          within CALENDAR_SYNC_INTERVAL_MINUTES).
//   calendar-sync.changes  the "calendar-sync" outbox consumer: an event written in Meridian queues a
//                          run for its owner's connections (pushed within seconds).
//
// Pull: every change since the connection's cursor (Google syncToken / Graph deltaLink; a refused
// cursor — 410 — means a full listing, after which linked events the listing no longer has are
// deleted here). A remote event with no link is created; a deleted one is deleted; a changed one
// (other etag) is applied — unless the Meridian copy changed too since the last sync: then the newer
// by last-modified wins and the event's timeline gets a `calendar_conflict` note saying which.
// (Timestamps are compared at millisecond precision: Postgres keeps microseconds, a JS Date does not.)
// Push: the owner's events created after the connection was made and not linked yet are inserted
// remotely; linked ones changed since the last sync are patched; linked ones deleted here are
// deleted there. Whether something needs pushing is read from the rows (updatedAt vs the link's
// localUpdatedAt), not from the job that woke us, so a lost job only delays a push to the next tick.
//
// A revoked or expired grant (invalid_grant on refresh, or 401 after a fresh token) sets the
// connection to reconnect_needed and notifies its member once; sync stops until they reconnect.
import { and, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { calendarConnections, calendarEventLinks, events, member } from '../../db/schema';
import type { JobDefinition, Jobs } from '../../jobs/jobs';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import type { Logger } from '../../lib/logger';
import type { Mailer } from '../../lib/mailer';
import { consumeOutbox, outboxPending } from '../../lib/outbox-consumer';
import type { Role } from '../../../contracts/common';
import { isTimeZone } from '../../../contracts/events';
import { AppError } from '../../lib/errors';
import type { CalendarProvider } from '../../../contracts/calendar-sync';
import { eventService } from '../events/events.service';
import { deliver } from '../notifications/notifications.service';
import type { CalendarSyncService } from './calendar-sync.service';
import { GrantError, type CalendarApi, type LocalEvent, type ProviderConfig, type RemoteEvent } from './providers';

export const RUN_QUEUE = 'calendar-sync.run';
export const TICK_QUEUE = 'calendar-sync.tick';
export const CHANGES_QUEUE = 'calendar-sync.changes';
const CONSUMER = 'calendar-sync';
const PUSH_BATCH = 100;

type Connection = typeof calendarConnections.$inferSelect;
type EventRow = typeof events.$inferSelect;

export interface CalendarSyncJobOptions {
  db: Db;
  log: Logger;
  mailer: Mailer;
  appUrl: string;
  fetch: typeof globalThis.fetch;
  providers: Record<CalendarProvider, ProviderConfig>;
  jobs: () => Jobs | undefined;
  intervalMinutes: number;
  /** Set after the service is built (it needs `enqueue` from here). */
  service: () => CalendarSyncService;
}

const fields = (r: RemoteEvent) => ({ title: r.title.slice(0, 300), description: r.description?.slice(0, 20000) ?? null, location: r.location?.slice(0, 500) ?? null, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt && r.endsAt >= r.startsAt ? r.endsAt.toISOString() : null, allDay: r.allDay, timezone: isTimeZone(r.timezone) ? r.timezone : 'UTC', recurrence: r.recurrence });
const local = (e: EventRow): LocalEvent => ({ title: e.title, description: e.description, location: e.location, startsAt: e.startsAt, endsAt: e.endsAt, allDay: e.allDay, timezone: e.timezone, recurrence: e.recurrence });

export function calendarSyncJobs(o: CalendarSyncJobOptions) {
  const { db, log } = o;

  async function enqueue(connectionId: string) {
    const jobs = o.jobs();
    if (!jobs) throw new Error('background jobs are not running');
    await jobs.send(RUN_QUEUE, { connectionId }, { singletonKey: connectionId });
  }

  async function contextOf(conn: Connection): Promise<ServiceContext | null> {
    const [m] = await db.select({ role: member.role }).from(member).where(and(eq(member.organizationId, conn.organizationId), eq(member.userId, conn.userId)));
    // Gone from the organization, or now a viewer (who may not write events): nothing to sync as them.
    if (!m || m.role === 'viewer') return null;
    // Writes made by the sync are the member's own, by the system on their behalf.
    return { db, orgId: conn.organizationId, role: m.role as Role, actor: { type: 'system', userId: conn.userId, via: `calendar:${conn.provider}` } };
  }

  async function updatedAtOf(id: string) {
    const [r] = await db.select({ updatedAt: events.updatedAt }).from(events).where(eq(events.id, id));
    return r?.updatedAt ?? null;
  }

  async function note(ctx: ServiceContext, eventId: string, after: Record<string, unknown>) {
    await db.transaction((tx) => recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'event', entityId: eventId, action: 'calendar_conflict', after }).then(() => undefined));
  }

  async function applyRemote(ctx: ServiceContext, eventId: string, r: RemoteEvent) {
    await eventService.update(ctx, eventId, fields(r));
  }

  async function pull(conn: Connection, ctx: ServiceContext, api: CalendarApi, token: string) {
    const changes = await api.listChanges(token, conn.cursor);
    const links = new Map((await db.select().from(calendarEventLinks).where(eq(calendarEventLinks.connectionId, conn.id))).map((l) => [l.remoteId, l]));
    const seen = new Set<string>();
    let created = 0;
    for (const r of changes.events) {
      seen.add(r.remoteId);
      try {
        created += await pullOne(conn, ctx, r, links.get(r.remoteId));
      } catch (err) {
        // One remote event Meridian refuses (a rule it cannot read, …) must not stop the calendar's sync.
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        log.warn({ err, connectionId: conn.id, remoteId: r.remoteId }, 'calendar sync skipped a remote event Meridian refused');
      }
    }
    // A full listing has every live remote event: a linked one it lacks was deleted remotely.
    if (changes.full) for (const [remoteId, link] of links) if (!seen.has(remoteId)) await removeLocal(ctx, link);
    await db.update(calendarConnections).set({ cursor: changes.cursor || null, updatedAt: new Date() }).where(eq(calendarConnections.id, conn.id));
    return { changes: changes.events.length, created };
  }

  /** One remote change applied here; 1 when it made a new event. */
  async function pullOne(conn: Connection, ctx: ServiceContext, r: RemoteEvent, link: typeof calendarEventLinks.$inferSelect | undefined): Promise<number> {
    if (r.deleted) {
      if (link) await removeLocal(ctx, link);
      return 0;
    }
    if (r.skip) return 0;
    if (!link) {
      const row = await eventService.create(ctx, { ...fields(r), ownerId: conn.userId });
      await db.insert(calendarEventLinks).values({ organizationId: conn.organizationId, connectionId: conn.id, eventId: row.id, provider: conn.provider, remoteId: r.remoteId, remoteEtag: r.etag, remoteUpdatedAt: r.updatedAt, localUpdatedAt: await updatedAtOf(row.id) }).onConflictDoNothing();
      return 1;
    }
    if (link.remoteEtag && link.remoteEtag === r.etag) return 0;
    const [ev] = await db.select().from(events).where(eq(events.id, link.eventId));
    // Deleted here and changed there: the deletion is pushed below (Google and Outlook do the same for the organizer).
    if (!ev || ev.deletedAt) return 0;
    const localChanged = !link.localUpdatedAt || ev.updatedAt > link.localUpdatedAt;
    if (!localChanged) {
      await applyRemote(ctx, ev.id, r);
      await db.update(calendarEventLinks).set({ remoteEtag: r.etag, remoteUpdatedAt: r.updatedAt, localUpdatedAt: await updatedAtOf(ev.id) }).where(eq(calendarEventLinks.id, link.id));
      return 0;
    }
    // Both sides changed since the last sync: last modified wins.
    const remoteWins = r.updatedAt > ev.updatedAt;
    if (remoteWins) {
      await applyRemote(ctx, ev.id, r);
      await db.update(calendarEventLinks).set({ remoteEtag: r.etag, remoteUpdatedAt: r.updatedAt, localUpdatedAt: await updatedAtOf(ev.id) }).where(eq(calendarEventLinks.id, link.id));
    } else {
      // Keep Meridian's; the push below overwrites the remote copy.
      await db.update(calendarEventLinks).set({ remoteEtag: r.etag, remoteUpdatedAt: r.updatedAt }).where(eq(calendarEventLinks.id, link.id));
    }
    await note(ctx, ev.id, {
      provider: conn.provider,
      account: conn.accountEmail,
      kept: remoteWins ? 'remote' : 'meridian',
      remoteModifiedAt: r.updatedAt.toISOString(),
      localModifiedAt: ev.updatedAt.toISOString(),
      message: remoteWins ? `Changed in Meridian and in ${conn.accountEmail}'s calendar; the calendar's later change was kept` : `Changed in Meridian and in ${conn.accountEmail}'s calendar; Meridian's later change was kept`,
    });
    return 0;
  }

  async function removeLocal(ctx: ServiceContext, link: typeof calendarEventLinks.$inferSelect) {
    const [ev] = await db.select({ deletedAt: events.deletedAt }).from(events).where(eq(events.id, link.eventId));
    if (ev && !ev.deletedAt) await eventService.remove(ctx, link.eventId).catch((err) => log.warn({ err, eventId: link.eventId }, 'calendar sync could not delete an event'));
    await db.delete(calendarEventLinks).where(eq(calendarEventLinks.id, link.id));
  }

  async function push(conn: Connection, api: CalendarApi, token: string) {
    // The member's events: those they own, or made without an owner.
    const owned = and(eq(events.organizationId, conn.organizationId), sql`coalesce(${events.ownerId}, ${events.createdBy}) = ${conn.userId}`, isNull(events.recurringEventId));
    // Graph takes recurrence as its own pattern object, not an RRULE: series stay Google-only for now.
    const seriesOk = conn.provider === 'google' ? sql`true` : isNull(events.recurrence);
    const fresh = await db
      .select({ e: events })
      .from(events)
      .leftJoin(calendarEventLinks, and(eq(calendarEventLinks.eventId, events.id), eq(calendarEventLinks.connectionId, conn.id)))
      .where(and(owned, seriesOk, isNull(events.deletedAt), isNull(calendarEventLinks.id), gt(events.createdAt, conn.createdAt)))
      .limit(PUSH_BATCH);
    for (const { e } of fresh) {
      const remote = await api.create(token, local(e));
      await db.insert(calendarEventLinks).values({ organizationId: conn.organizationId, connectionId: conn.id, eventId: e.id, provider: conn.provider, remoteId: remote.remoteId, remoteEtag: remote.etag, remoteUpdatedAt: remote.updatedAt, localUpdatedAt: e.updatedAt }).onConflictDoNothing();
    }
    const changed = await db
      .select({ e: events, l: calendarEventLinks })
      .from(calendarEventLinks)
      .innerJoin(events, eq(events.id, calendarEventLinks.eventId))
      .where(and(eq(calendarEventLinks.connectionId, conn.id), or(isNotNull(events.deletedAt), isNull(calendarEventLinks.localUpdatedAt), sql`date_trunc('milliseconds', ${events.updatedAt}) > ${calendarEventLinks.localUpdatedAt}`)))
      .limit(PUSH_BATCH);
    for (const { e, l } of changed) {
      if (e.deletedAt) {
        await api.remove(token, l.remoteId);
        await db.delete(calendarEventLinks).where(eq(calendarEventLinks.id, l.id));
        continue;
      }
      const remote = await api.update(token, l.remoteId, local(e));
      await db.update(calendarEventLinks).set({ remoteEtag: remote.etag, remoteUpdatedAt: remote.updatedAt, localUpdatedAt: e.updatedAt }).where(eq(calendarEventLinks.id, l.id));
    }
    return { pushed: fresh.length + changed.length, more: fresh.length === PUSH_BATCH || changed.length === PUSH_BATCH };
  }

  async function reconnectNeeded(conn: Connection, reason: string) {
    const [flipped] = await db
      .update(calendarConnections)
      .set({ status: 'reconnect_needed', lastError: reason, updatedAt: new Date() })
      .where(and(eq(calendarConnections.id, conn.id), eq(calendarConnections.status, 'ok')))
      .returning({ id: calendarConnections.id });
    if (!flipped) return;
    log.warn({ connectionId: conn.id, provider: conn.provider, reason }, 'calendar connection needs reconnecting');
    const label = o.providers[conn.provider as CalendarProvider].label;
    await deliver(db, { mailer: o.mailer, appUrl: o.appUrl, log }, {
      orgId: conn.organizationId,
      userId: conn.userId,
      kind: 'calendar_sync',
      title: `Reconnect your ${label} (${conn.accountEmail})`,
      body: `Meridian can no longer reach ${conn.accountEmail}'s calendar (${reason}). Events stop syncing until you reconnect it in Settings → Integrations → Calendars: ${o.appUrl}/settings/integrations/calendars`,
      dedupeKey: `calendar_reconnect:${conn.id}:${Date.now()}`,
    });
  }

  /** One connection's whole sync. Exported for tests and "Sync now"; jobs call it through RUN_QUEUE. */
  async function runSync(connectionId: string) {
    const [conn] = await db.select().from(calendarConnections).where(eq(calendarConnections.id, connectionId));
    if (!conn || conn.status !== 'ok') return { skipped: true };
    const ctx = await contextOf(conn);
    if (!ctx) return { skipped: true };
    const api = o.providers[conn.provider as CalendarProvider].api(o.fetch);
    const service = o.service();
    try {
      let token = await service.accessToken(conn);
      const attempt = async <T>(fn: (t: string) => Promise<T>): Promise<T> => {
        try {
          return await fn(token);
        } catch (err) {
          if (!(err instanceof GrantError)) throw err;
          // A 401 may only mean the access token died early: refresh once, then give up.
          token = await service.accessToken(conn, true);
          return fn(token);
        }
      };
      const pulled = await attempt((t) => pull(conn, ctx, api, t));
      const [again] = await db.select().from(calendarConnections).where(eq(calendarConnections.id, conn.id));
      const pushed = await attempt((t) => push(again ?? conn, api, t));
      await db.update(calendarConnections).set({ lastSyncedAt: new Date(), lastError: null, updatedAt: new Date() }).where(eq(calendarConnections.id, conn.id));
      if (pushed.more) await enqueue(conn.id).catch(() => {});
      return { ...pulled, pushed: pushed.pushed };
    } catch (err) {
      if (err instanceof GrantError) {
        await reconnectNeeded(conn, err.message);
        return { reconnectNeeded: true };
      }
      await db.update(calendarConnections).set({ lastError: String((err as Error).message ?? err).slice(0, 500), updatedAt: new Date() }).where(eq(calendarConnections.id, conn.id));
      throw err;
    }
  }

  /** Outbox → a run for each connection whose owner's events changed (the run itself finds what to push). */
  async function onChanges() {
    const owners = new Map<string, Set<string>>();
    await consumeOutbox(db, CONSUMER, 500, async (tx, batch) => {
      const ids = batch.filter((e) => e.entityType === 'event').map((e) => e.entityId);
      if (!ids.length) return;
      const rows = await tx.select({ org: events.organizationId, owner: sql<string | null>`coalesce(${events.ownerId}, ${events.createdBy})` }).from(events).where(inArray(events.id, ids));
      for (const r of rows) if (r.owner) (owners.get(r.org) ?? owners.set(r.org, new Set()).get(r.org)!).add(r.owner);
    });
    for (const [org, users] of owners) {
      const conns = await db.select({ id: calendarConnections.id }).from(calendarConnections).where(and(eq(calendarConnections.organizationId, org), inArray(calendarConnections.userId, [...users]), eq(calendarConnections.status, 'ok')));
      for (const c of conns) await enqueue(c.id);
    }
  }

  const definitions: JobDefinition<any>[] = [
    {
      name: RUN_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
      handler: async (jobs) => {
        for (const j of jobs) await runSync((j.data as { connectionId: string }).connectionId);
      },
    },
    {
      name: TICK_QUEUE,
      queue: { policy: 'stately' },
      cron: `*/${o.intervalMinutes} * * * *`,
      handler: async () => {
        const conns = await db.select({ id: calendarConnections.id }).from(calendarConnections).where(eq(calendarConnections.status, 'ok'));
        for (const c of conns) await enqueue(c.id);
      },
    },
    {
      name: CHANGES_QUEUE,
      queue: { policy: 'stately' },
      poll: { everySeconds: 3, when: () => outboxPending(db, CONSUMER) },
      handler: () => onChanges(),
    },
  ];

  return { definitions, enqueue, runSync };
}
