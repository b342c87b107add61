// Webhook deliveries (issue 13.2) on pg-boss. The "webhooks" outbox consumer turns each event into
// one delivery row per matching active webhook (same transaction as its cursor, so none is lost or
// made twice); a job per delivery sends it, signed per the Standard Webhooks spec, through the
// outbound guard with a 10 s timeout. A failed attempt throws, and pg-boss retries it with
// exponential backoff (about a day in all); jobs live in the database, so a restart loses nothing.
// A webhook failing `disableAfter` attempts in a row is switched off and its organization's admins
// are told. Payloads carry the record as the webhook's creator may read it now.
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { Db } from '../../db/client';
import { member, outboxEvents, webhookDeliveries, webhooks } from '../../db/schema';
import type { JobDefinition, Jobs } from '../../jobs/jobs';
import { recordChange } from '../../lib/audit';
import type { SecretBox } from '../../lib/crypto';
import type { Logger } from '../../lib/logger';
import type { Mailer } from '../../lib/mailer';
import type { OutboundGuard } from '../../lib/outbound';
import { consumeOutbox, outboxPending } from '../../lib/outbox-consumer';
import { adminEmails } from '../members/members.service';
import { serviceForType } from '../registry';
import type { Role } from '../../../contracts/common';
import { eventMatches } from './webhooks.service';

export const FANOUT_QUEUE = 'webhooks.fanout';
export const DELIVER_QUEUE = 'webhooks.deliver';
const CONSUMER = 'webhooks';
const TIMEOUT_MS = 10_000;
/** Retries after the first attempt; with backoff from `retryDelaySeconds` they span about a day. */
export const RETRIES = 12;
/** A claimed delivery whose sender vanished (crash mid-request) may be claimed again after this. */
const STALE_CLAIM = sql`now() - interval '1 minute'`;
/** A delivery row that never got its job (crash between commit and send) is re-sent after this. */
const ORPHANED = sql`now() - interval '10 minutes'`;

/**
 * The public event name of an outbox event type. The timeline calls a deal's move `stage_change`;
 * webhooks publish it as `deal.stage_changed` (the documented name), like every other past tense.
 */
export const webhookEventType = (outboxType: string) => outboxType.replace(/\.stage_change$/, '.stage_changed');

export interface WebhookJobOptions {
  db: Db;
  box: SecretBox;
  outbound: OutboundGuard;
  log: Logger;
  mailer: Mailer;
  appUrl: string;
  jobs: () => Jobs | undefined;
  retryDelaySeconds: number;
  disableAfter: number;
  pollSeconds?: number;
}

export function webhookJobs(o: WebhookJobOptions) {
  const { db, log } = o;

  async function sendDelivery(deliveryId: string) {
    const jobs = o.jobs();
    if (!jobs) throw new Error('background jobs are not running; the delivery will be sent when they start');
    await jobs.send(DELIVER_QUEUE, { deliveryId });
  }

  /** Outbox → delivery rows; then a job for each (and for any row a crash left without one). */
  async function fanOut() {
    const created: string[] = [];
    await consumeOutbox(db, CONSUMER, 200, async (tx, events) => {
      const orgIds = [...new Set(events.map((e) => e.organizationId))];
      const hooks = await tx.select().from(webhooks).where(and(inArray(webhooks.organizationId, orgIds), eq(webhooks.active, true)));
      if (hooks.length === 0) return;
      const typed = await tx.select({ id: outboxEvents.id, type: outboxEvents.type }).from(outboxEvents).where(inArray(outboxEvents.id, events.map((e) => e.id)));
      const typeOf = new Map(typed.map((t) => [t.id, webhookEventType(t.type)]));
      // Notifications are a person's own, not an organization event: never published.
      const rows = events.filter((e) => e.entityType !== 'notification').flatMap((e) =>
        hooks
          .filter((h) => h.organizationId === e.organizationId && h.events.some((p) => eventMatches(p, typeOf.get(e.id) ?? '')))
          .map((h) => ({ organizationId: e.organizationId, webhookId: h.id, eventId: e.id, eventType: typeOf.get(e.id)! })),
      );
      if (rows.length) created.push(...(await tx.insert(webhookDeliveries).values(rows).returning({ id: webhookDeliveries.id })).map((r) => r.id));
    });
    const orphans = await db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), eq(webhookDeliveries.attempts, 0), lt(webhookDeliveries.createdAt, ORPHANED)))
      .limit(200);
    for (const id of new Set([...created, ...orphans.map((r) => r.id)])) await sendDelivery(id);
  }

  /** The body as the creator may read the record now (null when deleted or out of their reach). */
  async function buildBody(hook: typeof webhooks.$inferSelect, d: typeof webhookDeliveries.$inferSelect, role: Role) {
    const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, d.eventId));
    const service = event ? serviceForType(event.entityType) : undefined;
    let record: Record<string, unknown> | null = null;
    if (service && event && !event.type.endsWith('.deleted')) {
      record = (await service.get({ db, orgId: hook.organizationId, role, actor: { type: 'system', userId: hook.createdBy! } }, event.entityId).catch(() => null)) as Record<string, unknown> | null;
    }
    const payload = (event?.payload ?? {}) as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; actor?: unknown };
    // Changed fields only where the creator can see the field on the record (or it was deleted).
    const visible = (o: Record<string, unknown> | null | undefined) => (o && record ? Object.fromEntries(Object.entries(o).filter(([k]) => k in record!)) : (o ?? null));
    return {
      type: d.eventType,
      timestamp: (event?.createdAt ?? new Date()).toISOString(),
      data: {
        object: event?.entityType ?? null,
        id: event?.entityId ?? null,
        action: d.eventType.slice(d.eventType.indexOf('.') + 1),
        actor: payload.actor ?? null,
        record,
        changes: event && !/\.(created|deleted)$/.test(event.type) ? { before: visible(payload.before), after: visible(payload.after) } : null,
      },
    };
  }

  async function disable(hook: typeof webhooks.$inferSelect, reason: string) {
    await db.transaction(async (tx) => {
      await tx.update(webhooks).set({ active: false, disabledReason: reason, updatedAt: new Date() }).where(eq(webhooks.id, hook.id));
      await recordChange(tx, hook.organizationId, { type: 'system', userId: hook.createdBy ?? 'system' }, { entityType: 'webhook', entityId: hook.id, action: 'disabled', after: { reason } });
    });
    log.warn({ webhookId: hook.id, reason }, 'webhook switched off');
    if (!o.mailer) return;
    for (const email of await adminEmails(db, hook.organizationId)) {
      await o.mailer({ to: email, subject: 'Meridian: a webhook was switched off', text: `The webhook to ${hook.url} was switched off: ${reason}\n\nSee its delivery log and switch it back on in Settings → Webhooks: ${o.appUrl}/settings/webhooks` }).catch((err) => log.warn({ err }, 'could not email admins about a disabled webhook'));
    }
  }

  async function deliver(deliveryId: string) {
    // Claim it: one sender at a time, and never a delivery that already succeeded.
    const [d] = await db
      .update(webhookDeliveries)
      .set({ status: 'sending', lastAttemptAt: new Date() })
      .where(and(eq(webhookDeliveries.id, deliveryId), or(inArray(webhookDeliveries.status, ['pending', 'retrying']), and(eq(webhookDeliveries.status, 'sending'), lt(webhookDeliveries.lastAttemptAt, STALE_CLAIM)))))
      .returning();
    if (!d) return;
    const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, d.webhookId));
    const finish = (set: Partial<typeof webhookDeliveries.$inferSelect>) => db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, d.id));
    if (!hook?.active) return finish({ status: 'cancelled', error: 'the webhook is switched off' });
    const [creator] = hook.createdBy
      ? await db.select({ role: member.role }).from(member).where(and(eq(member.organizationId, hook.organizationId), eq(member.userId, hook.createdBy), isNull(member.deactivatedAt)))
      : [];
    if (!creator) {
      await disable(hook, 'the person who created it no longer has access to this organization');
      return finish({ status: 'cancelled', error: 'the webhook’s creator no longer has access' });
    }
    const body = d.body ?? (await buildBody(hook, d, creator.role as Role));
    const text = JSON.stringify(body);
    const started = performance.now();
    let responseStatus: number | null = null;
    let error: string | null = null;
    try {
      const now = new Date();
      const signature = new StandardWebhook(o.box.decrypt(hook.secretEncrypted)).sign(d.id, now, text);
      const res = await o.outbound.fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Meridian-Webhooks/1', 'webhook-id': d.id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature },
        body: text,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      responseStatus = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error = e.name === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message ?? 'request failed');
    }
    const attempts = d.attempts + 1;
    const common = { body, attempts, responseStatus, error, durationMs: Math.round(performance.now() - started) };
    if (!error) {
      await finish({ ...common, status: 'succeeded' });
      if (hook.consecutiveFailures) await db.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, hook.id));
      return;
    }
    const [counted] = await db.update(webhooks).set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` }).where(eq(webhooks.id, hook.id)).returning({ failures: webhooks.consecutiveFailures });
    if (counted.failures >= o.disableAfter) {
      await finish({ ...common, status: 'failed' });
      await disable(hook, `${counted.failures} delivery attempts in a row failed (last: ${error})`);
      return;
    }
    if (attempts > RETRIES) return finish({ ...common, status: 'failed' });
    await finish({ ...common, status: 'retrying' });
    // pg-boss retries the job with backoff.
    throw new Error(`webhook delivery ${d.id} failed: ${error}`);
  }

  const definitions: JobDefinition<any>[] = [
    {
      name: FANOUT_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 5, expireInSeconds: 600 },
      work: { pollingIntervalSeconds: 1 },
      poll: { everySeconds: o.pollSeconds ?? 2, when: () => outboxPending(db, CONSUMER) },
      cron: '*/10 * * * *', // the orphan sweep, even when the outbox is quiet
      handler: () => fanOut(),
    },
    {
      name: DELIVER_QUEUE,
      queue: { retryLimit: RETRIES, retryDelay: o.retryDelaySeconds, retryBackoff: true, retryDelayMax: 6 * 3600, expireInSeconds: 60 },
      // One delivery per job (a batch is retried as a whole in pg-boss); four at a time per node.
      work: { pollingIntervalSeconds: 1, localConcurrency: 4 },
      handler: async ([job]: Job<{ deliveryId: string }>[]) => deliver(job.data.deliveryId),
    },
  ];

  return { definitions, sendDelivery, fanOut, deliver };
}
