// Webhooks (issue 13.2), managed by admins: a URL (checked by the outbound guard when saved), the
// event types it wants, a signing secret shown once. Deliveries are made by webhooks.jobs.ts.
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { WebhookInputSchema, WebhookUpdateSchema, type Webhook, type WebhookDelivery } from '../../../contracts/webhooks';
import { webhookDeliveries, webhooks } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import type { SecretBox } from '../../lib/crypto';
import { AppError, notFound, parseInput } from '../../lib/errors';
import type { OutboundGuard } from '../../lib/outbound';
import { requireRole } from '../../lib/roles';

type WebhookRow = typeof webhooks.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** Whether an event type (`deal.stage_changed`) is wanted by a pattern (`deal.*`, `*.stage_changed`, `*`). */
export function eventMatches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  const [pe, pa] = pattern.split('.');
  const dot = eventType.indexOf('.');
  const [e, a] = [eventType.slice(0, dot), eventType.slice(dot + 1)];
  return (pe === '*' || pe === e) && (pa === '*' || pa === a);
}

export function presentWebhook(r: WebhookRow): Webhook {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    description: r.description,
    active: r.active,
    consecutiveFailures: r.consecutiveFailures,
    disabledReason: r.disabledReason,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function presentDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    webhookId: r.webhookId,
    eventId: r.eventId,
    eventType: r.eventType,
    status: r.status as WebhookDelivery['status'],
    attempts: r.attempts,
    responseStatus: r.responseStatus,
    error: r.error,
    durationMs: r.durationMs,
    createdAt: r.createdAt.toISOString(),
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
  };
}

export function webhookService(box: SecretBox, outbound: OutboundGuard, send: (deliveryId: string) => Promise<void>) {
  async function load(ctx: ServiceContext, id: string): Promise<WebhookRow> {
    const [row] = await ctx.db.select().from(webhooks).where(and(eq(webhooks.organizationId, ctx.orgId), eq(webhooks.id, id)));
    if (!row) throw notFound('Webhook');
    return row;
  }

  return {
    async list(ctx: ServiceContext) {
      requireRole(ctx, 'admin');
      const rows = await ctx.db.select().from(webhooks).where(eq(webhooks.organizationId, ctx.orgId)).orderBy(desc(webhooks.createdAt));
      return rows.map(presentWebhook);
    },

    async get(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      return presentWebhook(await load(ctx, id));
    },

    async create(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(WebhookInputSchema, input);
      await outbound.assertField(i.url, 'url');
      const secret = newWebhookSecret();
      const row = await ctx.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(webhooks)
          .values({ organizationId: ctx.orgId, url: i.url, events: [...new Set(i.events)], description: i.description ?? null, active: i.active ?? true, secretEncrypted: box.encrypt(secret), createdBy: ctx.actor.userId })
          .returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'webhook', entityId: created.id, action: 'created', after: { url: i.url, events: created.events } });
        return created;
      });
      return { ...presentWebhook(row), secret };
    },

    async update(ctx: ServiceContext, id: string, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(WebhookUpdateSchema, input);
      const before = await load(ctx, id);
      if (i.url !== undefined) await outbound.assertField(i.url, 'url');
      const set: Partial<WebhookRow> = { updatedAt: new Date() };
      if (i.url !== undefined) set.url = i.url;
      if (i.events !== undefined) set.events = [...new Set(i.events)];
      if (i.description !== undefined) set.description = i.description;
      // Switching a webhook back on starts its failure count afresh.
      if (i.active !== undefined) Object.assign(set, { active: i.active }, i.active ? { consecutiveFailures: 0, disabledReason: null } : {});
      const row = await ctx.db.transaction(async (tx) => {
        const [updated] = await tx.update(webhooks).set(set).where(and(eq(webhooks.organizationId, ctx.orgId), eq(webhooks.id, id))).returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'webhook', entityId: id, action: 'updated', before: { url: before.url, events: before.events, active: before.active }, after: { url: updated.url, events: updated.events, active: updated.active } });
        return updated;
      });
      return presentWebhook(row);
    },

    async remove(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      const before = await load(ctx, id);
      await ctx.db.transaction(async (tx) => {
        await tx.delete(webhooks).where(and(eq(webhooks.organizationId, ctx.orgId), eq(webhooks.id, id)));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'webhook', entityId: id, action: 'deleted', before: { url: before.url, events: before.events } });
      });
    },

    /** A new secret (shown once); deliveries from now on are signed with it. */
    async rotateSecret(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      await load(ctx, id);
      const secret = newWebhookSecret();
      const [row] = await ctx.db.update(webhooks).set({ secretEncrypted: box.encrypt(secret), updatedAt: new Date() }).where(and(eq(webhooks.organizationId, ctx.orgId), eq(webhooks.id, id))).returning();
      return { ...presentWebhook(row), secret };
    },

    async deliveries(ctx: ServiceContext, id: string, limit = 50) {
      requireRole(ctx, 'admin');
      await load(ctx, id);
      const rows = await ctx.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.organizationId, ctx.orgId), eq(webhookDeliveries.webhookId, id))).orderBy(desc(webhookDeliveries.createdAt)).limit(limit);
      return rows.map(presentDelivery);
    },

    /** Sends a delivery again (the same webhook-id and body), whatever became of it. */
    async redeliver(ctx: ServiceContext, id: string, deliveryId: string) {
      requireRole(ctx, 'admin');
      const hook = await load(ctx, id);
      if (!hook.active) throw new AppError(409, 'webhook_inactive', 'Switch the webhook on before redelivering to it');
      const [row] = await ctx.db
        .update(webhookDeliveries)
        .set({ status: 'pending', attempts: 0, error: null, responseStatus: null })
        .where(and(eq(webhookDeliveries.organizationId, ctx.orgId), eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.id, deliveryId)))
        .returning();
      if (!row) throw notFound('Delivery');
      await send(row.id);
      return presentDelivery(row);
    },
  };
}

export type WebhookService = ReturnType<typeof webhookService>;
