// Automation rules (issue 13.3), managed by admins: list/get/create/update/delete with a version
// (ETag / If-Match like the CRM records), the run log, and a dry run. Rules are checked whole when
// saved — conditions as the list filter of the trigger's entity, update_field against the entity's
// update schema, users as active members, webhook URLs by the outbound guard — so a saved rule
// never fails for a reason that was knowable then. Runs are made by automations.jobs.ts.
import { CronExpressionParser } from 'cron-parser';
import { and, count, desc, eq } from 'drizzle-orm';
import { AutomationInputSchema, AutomationUpdateSchema, DryRunInputSchema, type Automation, type AutomationAction, type AutomationRun, type AutomationTrigger, type DryRun } from '../../../contracts/automations';
import type { Db } from '../../db/client';
import { automationRuns, automations } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, badRequest, fieldError, notFound, parseInput, type FieldIssue } from '../../lib/errors';
import { ifMatchSatisfied, preconditionFailed, type IfMatch } from '../../lib/etag';
import type { OutboundGuard } from '../../lib/outbound';
import { requireRole } from '../../lib/roles';
import { serviceForType } from '../registry';
import { checkConditions, conditionsHold, loadRecord, runActions, triggerEntity, type ActionDeps } from './automations.engine';
import { memberEmails } from './notify';

type Rule = typeof automations.$inferSelect;
type RunRow = typeof automationRuns.$inferSelect;

export function presentAutomation(r: Rule): Automation {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    trigger: r.trigger as AutomationTrigger,
    conditions: r.conditions,
    actions: r.actions as AutomationAction[],
    entity: r.entityType as Automation['entity'],
    nextRunAt: r.nextRunAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

function presentRun(r: RunRow): AutomationRun {
  return {
    id: r.id,
    automationId: r.automationId,
    status: r.status as AutomationRun['status'],
    entityType: r.entityType,
    recordId: r.recordId,
    eventId: r.eventId,
    depth: r.depth,
    outcomes: r.outcomes as AutomationRun['outcomes'],
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The next occurrence of a cron expression (UTC) after `from`; a bad expression is a 400 on trigger.cron. */
export function nextOccurrence(cron: string, from = new Date()): Date {
  try {
    return CronExpressionParser.parse(cron, { currentDate: from, tz: 'UTC' }).next().toDate();
  } catch (err) {
    throw fieldError('trigger.cron', `is not a cron expression (${(err as Error).message}); e.g. "0 9 * * 1" for Mondays at 09:00 UTC`);
  }
}

/** Everything about a rule that can be checked before it runs; all problems at once, by path. */
async function checkRule(ctx: ServiceContext, outbound: OutboundGuard, trigger: AutomationTrigger, conditions: Record<string, unknown>, actions: AutomationAction[]) {
  const entity = triggerEntity(trigger);
  const service = serviceForType(entity)!;
  checkConditions(entity, conditions);
  if (trigger.type === 'schedule') nextOccurrence(trigger.cron);
  if (trigger.type === 'field.changed' && !(trigger.field in service.def.list.fields) && !(service.def.updateSchema as unknown as { shape?: object }).shape?.hasOwnProperty(trigger.field)) {
    throw fieldError('trigger.field', `is not a field of ${entity} records`);
  }
  const issues: FieldIssue[] = [];
  const users = new Map<string, string>();
  for (const [i, a] of actions.entries()) {
    const at = `actions.${i}`;
    if (a.type === 'create_task' && a.assignTo !== 'owner') users.set(a.assignTo.userId, `${at}.assignTo.userId`);
    if (a.type === 'assign_owner') (a.roundRobin ?? [a.userId!]).forEach((u, j) => users.set(u, a.roundRobin ? `${at}.roundRobin.${j}` : `${at}.userId`));
    if (a.type === 'notify_user' && a.userId !== 'owner') users.set(a.userId, `${at}.userId`);
    if (a.type === 'send_email') a.to.forEach((u, j) => u !== 'owner' && users.set(u, `${at}.to.${j}`));
    if (a.type === 'update_field') {
      const r = service.def.updateSchema.safeParse({ [a.field]: a.value });
      if (!r.success) issues.push({ path: `${at}.value`, message: r.error.issues.map((x) => (x.code === 'unrecognized_keys' ? `${entity} records have no field "${a.field}"` : x.message)).join('; ') });
    }
    if (a.type === 'call_webhook') await outbound.assertField(a.url, `${at}.url`);
  }
  // Emails and owners go to members of this organization only.
  const known = await memberEmails(ctx.db, ctx.orgId, [...users.keys()]);
  for (const [u, path] of users) if (!known.has(u)) issues.push({ path, message: 'is not an active member of this organization' });
  if (issues.length) throw badRequest(`The rule has ${issues.length} problem(s): ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`, issues);
  return entity;
}

export function automationService(o: { outbound: OutboundGuard } & ActionDeps) {
  async function load(ctx: ServiceContext, id: string): Promise<Rule> {
    const [row] = await ctx.db.select().from(automations).where(and(eq(automations.organizationId, ctx.orgId), eq(automations.id, id)));
    if (!row) throw notFound('Automation');
    return row;
  }
  const stale = (ifMatch: IfMatch | undefined, row: Rule) => ifMatch !== undefined && !ifMatchSatisfied(ifMatch, row.version);
  const summary = (r: Rule) => ({ name: r.name, enabled: r.enabled, trigger: r.trigger, conditions: r.conditions, actions: r.actions });

  return {
    async list(ctx: ServiceContext, limit = 100) {
      requireRole(ctx, 'admin');
      const where = eq(automations.organizationId, ctx.orgId);
      const [rows, [{ n }]] = await Promise.all([
        ctx.db.select().from(automations).where(where).orderBy(desc(automations.createdAt), desc(automations.id)).limit(limit),
        ctx.db.select({ n: count() }).from(automations).where(where),
      ]);
      return { data: rows.map(presentAutomation), total: n, nextCursor: null };
    },

    async get(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      return presentAutomation(await load(ctx, id));
    },

    async create(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(AutomationInputSchema, input);
      const entity = await checkRule(ctx, o.outbound, i.trigger, i.conditions, i.actions);
      const row = await (ctx.db as Db).transaction(async (tx) => {
        const [created] = await tx
          .insert(automations)
          .values({ organizationId: ctx.orgId, name: i.name, enabled: i.enabled, entityType: entity, trigger: i.trigger, conditions: i.conditions, actions: i.actions, nextRunAt: i.trigger.type === 'schedule' ? nextOccurrence(i.trigger.cron) : null, createdBy: ctx.actor.userId })
          .returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'automation', entityId: created.id, action: 'created', after: summary(created) });
        return created;
      });
      return presentAutomation(row);
    },

    async update(ctx: ServiceContext, id: string, input: unknown, ifMatch?: IfMatch) {
      requireRole(ctx, 'admin');
      const i = parseInput(AutomationUpdateSchema, input);
      const before = await load(ctx, id);
      const trigger = i.trigger ?? (before.trigger as AutomationTrigger);
      const entity = await checkRule(ctx, o.outbound, trigger, i.conditions ?? before.conditions, i.actions ?? (before.actions as AutomationAction[]));
      const row = await (ctx.db as Db).transaction(async (tx) => {
        const [locked] = await tx.select().from(automations).where(eq(automations.id, id)).for('update');
        if (stale(ifMatch, locked)) return { stale: locked };
        const [updated] = await tx
          .update(automations)
          .set({ ...i, entityType: entity, nextRunAt: trigger.type === 'schedule' ? nextOccurrence(trigger.cron) : null, updatedAt: new Date(), version: locked.version + 1 })
          .where(eq(automations.id, id))
          .returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'automation', entityId: id, action: 'updated', before: summary(locked), after: summary(updated) });
        return { updated };
      });
      if ('stale' in row) throw preconditionFailed('Automation', presentAutomation(row.stale!) as unknown as Record<string, unknown>);
      return presentAutomation(row.updated!);
    },

    /** Deletes the rule and its run log (rules are settings, not CRM records: no restore). */
    async remove(ctx: ServiceContext, id: string, ifMatch?: IfMatch) {
      requireRole(ctx, 'admin');
      const before = await load(ctx, id);
      if (stale(ifMatch, before)) throw preconditionFailed('Automation', presentAutomation(before) as unknown as Record<string, unknown>);
      await (ctx.db as Db).transaction(async (tx) => {
        await tx.delete(automations).where(eq(automations.id, id));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'automation', entityId: id, action: 'deleted', before: summary(before) });
      });
    },

    /** The run log, newest first. */
    async runs(ctx: ServiceContext, id: string, limit = 50) {
      requireRole(ctx, 'admin');
      await load(ctx, id);
      const rows = await ctx.db.select().from(automationRuns).where(and(eq(automationRuns.organizationId, ctx.orgId), eq(automationRuns.automationId, id))).orderBy(desc(automationRuns.createdAt)).limit(limit);
      return rows.map(presentRun);
    },

    /** What the rule would do to one record now: conditions checked, actions described, nothing written or sent. */
    async dryRun(ctx: ServiceContext, id: string, input: unknown): Promise<DryRun> {
      requireRole(ctx, 'admin');
      const { recordId } = parseInput(DryRunInputSchema, input);
      const rule = await load(ctx, id);
      const record = await loadRecord(ctx.db, ctx.orgId, rule.entityType, recordId);
      if (!record) throw new AppError(404, 'not_found', `No ${rule.entityType} with that id in this organization`);
      if (!(await conditionsHold(ctx.db, ctx.orgId, rule.entityType, recordId, rule.conditions))) {
        return { matches: false, reason: `The ${rule.entityType} does not match the conditions ${JSON.stringify(rule.conditions)}`, outcomes: [] };
      }
      const actor = { type: 'automation' as const, userId: ctx.actor.userId, via: rule.id, depth: 1 };
      const { outcomes } = await runActions({ ...ctx, actor }, { id: rule.id, name: rule.name, actions: rule.actions as AutomationAction[] }, rule.entityType, recordId, o, true);
      return { matches: true, reason: null, outcomes };
    },
  };
}

export type AutomationService = ReturnType<typeof automationService>;
