// What a rule does to one record: does the trigger fit the event, do the conditions hold, and the
// actions — each through the one write door (crudService) as the automation, or, in a dry run,
// only described. The consumer (automations.jobs.ts) and the dry-run endpoint both call this.
import { and, eq, sql } from 'drizzle-orm';
import { RELATED_TYPES } from '../../../contracts/entities';
import type { ActionOutcome, AutomationAction, AutomationTrigger } from '../../../contracts/automations';
import type { DbOrTx } from '../../db/client';
import { automations } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { present, type Row } from '../../lib/crud';
import { AppError } from '../../lib/errors';
import { filterConditions } from '../../lib/list-query';
import type { Mailer } from '../../lib/mailer';
import type { OutboundGuard } from '../../lib/outbound';
import { serviceForType } from '../registry';
import { taskService } from '../tasks/tasks.service';
import { memberEmails, notifyUser } from './notify';

/** Deeper than this an automation's own writes trigger nothing (a loop stops here). */
export const MAX_DEPTH = 3;
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface TriggerEvent {
  type: string;
  entityType: string;
  payload: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; actor?: { type?: string; depth?: number } };
}

/** The entity a trigger is about. */
export function triggerEntity(t: AutomationTrigger): string {
  if (t.type === 'deal.stage_changed') return 'deal';
  if (t.type === 'task.overdue') return 'task';
  return t.entity;
}

/** How many automations deep the write behind an event was (0: a person, a key, the assistant). */
export const eventDepth = (e: TriggerEvent) => (e.payload.actor?.type === 'automation' ? (e.payload.actor.depth ?? 1) : 0);

/** Whether an outbox event fires a trigger (overdue and schedule triggers are timed, never events). */
export function triggerFires(t: AutomationTrigger, e: TriggerEvent): boolean {
  const action = e.type.slice(e.type.indexOf('.') + 1);
  if (e.entityType !== triggerEntity(t)) return false;
  // A board move is recorded as `stage_change` (with the stage fields); to rules it is an update too.
  const updated = action === 'updated' || action === 'stage_change';
  const after = e.payload.after ?? {};
  switch (t.type) {
    case 'record.created':
      return action === 'created';
    case 'record.updated':
      return updated;
    case 'record.deleted':
      return action === 'deleted';
    case 'field.changed':
      return updated && t.field in after && (t.to === undefined || JSON.stringify(after[t.field]) === JSON.stringify(t.to));
    case 'deal.stage_changed':
      // A deal made straight into the stage enters it too.
      return (action === 'stage_change' || action === 'created') && (!t.stageId || after.stageId === t.stageId);
    default:
      return false;
  }
}

/** The record as stored (deleted ones too: a record.deleted rule still reads it), or null. */
export async function loadRecord(db: DbOrTx, orgId: string, entityType: string, id: string): Promise<Row | null> {
  const service = serviceForType(entityType);
  if (!service) return null;
  const t = service.def.table;
  const [row] = await db.select().from(t).where(and(eq(t.organizationId, orgId), eq(t.id, id)));
  return row ? present(row as Row) : null;
}

/** Checks conditions as the list endpoint would read them as `filter` (a 400 names the field). */
export function checkConditions(entityType: string, conditions: Record<string, unknown>) {
  const service = serviceForType(entityType);
  if (!service) throw new AppError(400, 'validation_error', `unknown entity ${entityType}`);
  try {
    filterConditions(service.def.list, JSON.stringify(conditions));
  } catch (err) {
    if (err instanceof AppError && Array.isArray(err.details)) {
      const details = (err.details as { path: string; message: string }[]).map((d) => ({ ...d, path: d.path.replace(/^filter/, 'conditions') }));
      throw new AppError(400, 'validation_error', err.message.replace(/^filter/, 'conditions'), details);
    }
    throw err;
  }
}

/** Whether the record matches the conditions: the list filter's own SQL, narrowed to this row. */
export async function conditionsHold(db: DbOrTx, orgId: string, entityType: string, id: string, conditions: Record<string, unknown>): Promise<boolean> {
  const service = serviceForType(entityType)!;
  const t = service.def.table;
  const conds = filterConditions(service.def.list, Object.keys(conditions).length ? JSON.stringify(conditions) : undefined);
  const [hit] = await db.select({ id: t.id }).from(t).where(and(eq(t.organizationId, orgId), eq(t.id, id), ...conds));
  return Boolean(hit);
}

/** {{field}} (or {{customFields.key}}) from the record; unknown fields become empty. */
export function merge(template: string, record: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    const v = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), record);
    return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  });
}

/** The field that says whose a record is. */
const ownerField = (entityType: string) => (entityType === 'task' ? 'assigneeId' : 'ownerId');
const ownerOf = (entityType: string, record: Record<string, unknown>) => (record[ownerField(entityType)] as string | null | undefined) ?? null;

export interface RunRule {
  id: string;
  name: string;
  actions: AutomationAction[];
}

export interface ActionDeps {
  mailer: Mailer;
  outbound: OutboundGuard;
  appUrl: string;
}

/**
 * Runs (or, when `dry`, describes) the rule's actions on one record, in order; the first failure
 * stops the rest. `ctx.actor` is the automation (with its depth), so every write is attributed to
 * it and triggers rules one level deeper.
 */
export async function runActions(ctx: ServiceContext, rule: RunRule, entityType: string, recordId: string, deps: ActionDeps, dry: boolean): Promise<{ outcomes: ActionOutcome[]; failed: boolean }> {
  const outcomes: ActionOutcome[] = [];
  const service = serviceForType(entityType)!;
  for (const action of rule.actions) {
    // Each action sees the record as the actions before it left it.
    const record = (await loadRecord(ctx.db, ctx.orgId, entityType, recordId)) ?? {};
    try {
      outcomes.push(await one(action, record));
    } catch (err) {
      const message = err instanceof AppError ? err.message : (err as Error).message;
      outcomes.push({ type: action.type, status: 'failed', detail: message });
      return { outcomes, failed: true };
    }
  }
  return { outcomes, failed: false };

  async function one(action: AutomationAction, record: Record<string, unknown>): Promise<ActionOutcome> {
    const would = (detail: string): ActionOutcome => ({ type: action.type, status: 'would_do', detail });
    const done = (detail: string, id?: string | null): ActionOutcome => ({ type: action.type, status: 'done', detail, recordId: id ?? null });
    const skipped = (detail: string): ActionOutcome => ({ type: action.type, status: 'skipped', detail });
    switch (action.type) {
      case 'create_task': {
        const title = merge(action.title, record);
        const assigneeId = action.assignTo === 'owner' ? ownerOf(entityType, record) : action.assignTo.userId;
        const dueAt = action.dueInDays === undefined ? null : new Date(Date.now() + action.dueInDays * 86_400_000).toISOString();
        const about = (RELATED_TYPES as readonly string[]).includes(entityType) ? { relatedType: entityType, relatedId: recordId } : {};
        const text = `task “${title}”${dueAt ? ` due in ${action.dueInDays} day(s)` : ''}${assigneeId ? ` for ${assigneeId}` : ' (unassigned)'}`;
        if (dry) return would(`create ${text}`);
        const task = await taskService.create(ctx, { title, type: 'follow_up', dueAt, assigneeId, ...about });
        return done(`created ${text}`, task.id);
      }
      case 'assign_owner': {
        let userId = action.userId;
        if (action.roundRobin) {
          const list = action.roundRobin;
          if (dry) {
            const [r] = await ctx.db.select({ n: automations.roundRobin }).from(automations).where(eq(automations.id, rule.id));
            userId = list[(r?.n ?? 0) % list.length];
          } else {
            // One atomic bump per assignment: two runs at once never pick the same turn.
            const [r] = await ctx.db.update(automations).set({ roundRobin: sql`${automations.roundRobin} + 1` }).where(eq(automations.id, rule.id)).returning({ n: automations.roundRobin });
            userId = list[(r.n - 1) % list.length];
          }
        }
        const field = ownerField(entityType);
        if (!(field in record)) return skipped(`${entityType} records have no owner`);
        if (dry) return would(`set ${field} to ${userId}`);
        await service.update(ctx, recordId, { [field]: userId });
        return done(`set ${field} to ${userId}`, recordId);
      }
      case 'add_tag':
      case 'remove_tag': {
        if (!Array.isArray(record.tags)) return skipped(`${entityType} records have no tags`);
        const tags = record.tags as string[];
        const has = tags.some((t) => t.toLowerCase() === action.tag.toLowerCase());
        if (action.type === 'add_tag' ? has : !has) return skipped(`already ${action.type === 'add_tag' ? 'tagged' : 'without'} “${action.tag}”`);
        const next = action.type === 'add_tag' ? [...tags, action.tag] : tags.filter((t) => t.toLowerCase() !== action.tag.toLowerCase());
        const verb = action.type === 'add_tag' ? 'add tag' : 'remove tag';
        if (dry) return would(`${verb} “${action.tag}”`);
        await service.update(ctx, recordId, { tags: next });
        return done(`${verb} “${action.tag}”`, recordId);
      }
      case 'update_field': {
        const value = typeof action.value === 'string' ? merge(action.value, record) : action.value;
        if (dry) return would(`set ${action.field} to ${JSON.stringify(value)}`);
        await service.update(ctx, recordId, { [action.field]: value });
        return done(`set ${action.field} to ${JSON.stringify(value)}`, recordId);
      }
      case 'notify_user': {
        const userId = action.userId === 'owner' ? ownerOf(entityType, record) : action.userId;
        if (!userId) return skipped('the record has no owner to notify');
        const text = action.message ? merge(action.message, record) : `The automation “${rule.name}” ran on a ${entityType}.`;
        if (dry) return would(`notify ${userId}: ${text}`);
        const sent = await notifyUser(ctx.db, deps.mailer, ctx.orgId, userId, { subject: `Meridian: ${rule.name}`, text: `${text}\n\n${deps.appUrl}/${service.def.resource}/${recordId}` });
        return sent ? done(`notified ${userId}`) : skipped(`${userId} could not be notified (no email sender, or not an active member)`);
      }
      case 'send_email': {
        const ids = [...new Set(action.to.map((to) => (to === 'owner' ? ownerOf(entityType, record) : to)).filter((x): x is string => Boolean(x)))];
        const emails = await memberEmails(ctx.db, ctx.orgId, ids);
        const subject = merge(action.subject, record);
        if (dry) return would(`email “${subject}” to ${[...emails.values()].join(', ') || 'nobody'}`);
        if (!deps.mailer) return skipped('no email sender is set up (SMTP_URL)');
        for (const to of emails.values()) await deps.mailer({ to, subject, text: merge(action.body, record) });
        return emails.size ? done(`emailed ${[...emails.values()].join(', ')}`) : skipped('no active member to email');
      }
      case 'call_webhook': {
        if (dry) return would(`POST the ${entityType} to ${action.url}`);
        const res = await deps.outbound.fetch(action.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Meridian-Automations/1' },
          body: JSON.stringify({ automation: { id: rule.id, name: rule.name }, object: entityType, id: recordId, record }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        await res.body?.cancel().catch(() => undefined);
        if (!res.ok) throw new Error(`${action.url} answered HTTP ${res.status}`);
        return done(`POSTed to ${action.url} (HTTP ${res.status})`);
      }
    }
  }
}
