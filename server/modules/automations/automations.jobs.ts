// Running automation rules (issue 13.3). The "automations" outbox consumer turns each event into a
// queued run per enabled rule whose trigger fits (in the cursor's transaction, one per rule and
// event thanks to the dedupe key, so none is lost or made twice); a minute tick queues the timed
// triggers (overdue tasks, schedules). Queued runs are then executed one by one outside any
// transaction: conditions checked, actions through the write door as the automation. A run whose
// event was itself written `MAX_DEPTH` automations deep is logged as stopped, so loops end.
import { and, asc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { AutomationAction, AutomationTrigger } from '../../../contracts/automations';
import type { Role } from '../../../contracts/common';
import type { Db } from '../../db/client';
import { automationRuns, automations, member, outboxEvents, tasks } from '../../db/schema';
import type { JobDefinition } from '../../jobs/jobs';
import type { Logger } from '../../lib/logger';
import { consumeOutbox, outboxPending } from '../../lib/outbox-consumer';
import { conditionsHold, eventDepth, MAX_DEPTH, runActions, triggerFires, type ActionDeps, type TriggerEvent } from './automations.engine';
import { nextOccurrence } from './automations.service';
import { serviceForType } from '../registry';

export const EVALUATE_QUEUE = 'automations.evaluate';
export const TICK_QUEUE = 'automations.tick';
const CONSUMER = 'automations';
const TIMED = ['task.overdue', 'schedule'];
/** Records a schedule run handles per tick (the rest wait for the next occurrence). */
const SCHEDULE_BATCH = 200;

type NewRun = typeof automationRuns.$inferInsert;

export function automationJobs(o: { db: Db; log: Logger; pollSeconds?: number } & ActionDeps) {
  const { db, log } = o;

  /** Outbox → queued runs. */
  async function fanOut() {
    await consumeOutbox(db, CONSUMER, 200, async (tx, events) => {
      const orgIds = [...new Set(events.map((e) => e.organizationId))];
      const rules = (await tx.select().from(automations).where(and(inArray(automations.organizationId, orgIds), eq(automations.enabled, true)))).filter((r) => !TIMED.includes((r.trigger as AutomationTrigger).type));
      if (rules.length === 0) return;
      const full = await tx.select().from(outboxEvents).where(inArray(outboxEvents.id, events.map((e) => e.id)));
      const runs: NewRun[] = [];
      for (const e of full) {
        const event = e as unknown as TriggerEvent;
        const depth = eventDepth(event);
        for (const r of rules) {
          if (r.organizationId !== e.organizationId || !triggerFires(r.trigger as AutomationTrigger, event)) continue;
          const stopped = depth >= MAX_DEPTH;
          runs.push({
            organizationId: e.organizationId, automationId: r.id, dedupeKey: `event:${e.id}`, eventId: e.id, entityType: e.entityType, recordId: e.entityId, depth: depth + 1,
            ...(stopped ? { status: 'stopped', error: `stopped: the change came from automations ${depth} deep (the limit is ${MAX_DEPTH})`, finishedAt: new Date() } : {}),
          });
        }
      }
      if (runs.length) await tx.insert(automationRuns).values(runs).onConflictDoNothing();
    });
  }

  /** Queues the timed triggers due at `now`: tasks that became overdue, schedule occurrences. */
  async function queueTimed(now: Date) {
    const rules = (await db.select().from(automations).where(eq(automations.enabled, true))).filter((r) => TIMED.includes((r.trigger as AutomationTrigger).type));
    for (const r of rules) {
      const trigger = r.trigger as AutomationTrigger;
      const runs: NewRun[] = [];
      if (trigger.type === 'task.overdue') {
        // Tasks that fell due since the rule exists, still open: once per task and due time.
        const due = await db
          .select({ id: tasks.id, dueAt: tasks.dueAt })
          .from(tasks)
          .where(and(eq(tasks.organizationId, r.organizationId), isNull(tasks.deletedAt), inArray(tasks.status, ['todo', 'in_progress']), lt(tasks.dueAt, now), gte(tasks.dueAt, r.createdAt)))
          .orderBy(asc(tasks.dueAt))
          .limit(SCHEDULE_BATCH);
        for (const t of due) runs.push({ organizationId: r.organizationId, automationId: r.id, dedupeKey: `overdue:${t.id}:${t.dueAt!.toISOString()}`, entityType: 'task', recordId: t.id });
      } else if (trigger.type === 'schedule' && r.nextRunAt && r.nextRunAt <= now) {
        const service = serviceForType(r.entityType)!;
        const t = service.def.table;
        const ids = await db.select({ id: t.id }).from(t).where(and(eq(t.organizationId, r.organizationId), isNull(t.deletedAt))).orderBy(asc(t.createdAt)).limit(SCHEDULE_BATCH * 5);
        for (const { id } of ids) {
          if (runs.length >= SCHEDULE_BATCH) break;
          // Only records matching the conditions get a run (the log would drown in skips otherwise).
          if (await conditionsHold(db, r.organizationId, r.entityType, id as string, r.conditions)) {
            runs.push({ organizationId: r.organizationId, automationId: r.id, dedupeKey: `schedule:${r.nextRunAt.toISOString()}:${id}`, entityType: r.entityType, recordId: id as string });
          }
        }
        await db.update(automations).set({ nextRunAt: nextOccurrence(trigger.cron, now) }).where(eq(automations.id, r.id));
      }
      if (runs.length) await db.insert(automationRuns).values(runs).onConflictDoNothing();
    }
  }

  /** Executes one queued run (claimed first, so two nodes never run it twice). */
  async function execute(runId: string) {
    const [run] = await db.update(automationRuns).set({ status: 'running', startedAt: new Date() }).where(and(eq(automationRuns.id, runId), eq(automationRuns.status, 'queued'))).returning();
    if (!run) return;
    const finish = (set: Partial<typeof automationRuns.$inferSelect>) => db.update(automationRuns).set({ finishedAt: new Date(), ...set }).where(eq(automationRuns.id, run.id));
    const [rule] = await db.select().from(automations).where(eq(automations.id, run.automationId));
    if (!rule?.enabled) return finish({ status: 'skipped', error: 'the automation was switched off' });
    // The rule acts with its creator's current role, on their behalf (never more than they may do).
    const [creator] = rule.createdBy
      ? await db.select({ role: member.role }).from(member).where(and(eq(member.organizationId, rule.organizationId), eq(member.userId, rule.createdBy), isNull(member.deactivatedAt)))
      : [];
    if (!creator) return finish({ status: 'failed', error: 'the person who created this automation no longer has access' });
    if (!run.recordId) return finish({ status: 'skipped', error: 'no record' });
    try {
      if (!(await conditionsHold(db, rule.organizationId, rule.entityType, run.recordId, rule.conditions))) {
        return finish({ status: 'skipped', error: 'the record did not match the conditions' });
      }
      const ctx = { db, orgId: rule.organizationId, role: creator.role as Role, actor: { type: 'automation' as const, userId: rule.createdBy!, via: rule.id, depth: run.depth } };
      const { outcomes, failed } = await runActions(ctx, { id: rule.id, name: rule.name, actions: rule.actions as AutomationAction[] }, rule.entityType, run.recordId, o, false);
      await finish({ status: failed ? 'failed' : 'succeeded', outcomes, error: failed ? (outcomes.at(-1)?.detail ?? 'an action failed') : null });
    } catch (err) {
      log.error({ err, runId: run.id }, 'automation run failed');
      await finish({ status: 'failed', error: (err as Error).message });
    }
  }

  /** Every queued run, oldest first, a bounded batch at a time. */
  async function runQueued() {
    for (;;) {
      const queued = await db.select({ id: automationRuns.id }).from(automationRuns).where(eq(automationRuns.status, 'queued')).orderBy(asc(automationRuns.createdAt)).limit(50);
      for (const r of queued) await execute(r.id);
      if (queued.length < 50) return;
    }
  }

  /** Drains the outbox and runs what it queued, until an automation's own writes queue nothing more. */
  async function evaluate() {
    for (let i = 0; i <= MAX_DEPTH + 1; i++) {
      await fanOut();
      await runQueued();
      if (!(await outboxPending(db, CONSUMER))) return;
    }
  }

  async function tick(now = new Date()) {
    await queueTimed(now);
    await evaluate();
  }

  // A crash mid-run leaves a run "running"; after this long it is shown as failed rather than re-run
  // (its actions may have been half done, and doing them twice is worse than once).
  async function sweepStale() {
    await db.update(automationRuns).set({ status: 'failed', error: 'interrupted (the server stopped during the run)', finishedAt: new Date() }).where(and(eq(automationRuns.status, 'running'), lte(automationRuns.startedAt, sql`now() - interval '15 minutes'`)));
  }

  const definitions: JobDefinition<any>[] = [
    {
      name: EVALUATE_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 5, expireInSeconds: 600 },
      work: { pollingIntervalSeconds: 1 },
      poll: { everySeconds: o.pollSeconds ?? 2, when: () => outboxPending(db, CONSUMER) },
      handler: () => evaluate(),
    },
    {
      name: TICK_QUEUE,
      queue: { policy: 'stately', retryLimit: 2, retryDelay: 10, expireInSeconds: 600 },
      cron: '* * * * *',
      handler: async () => {
        await sweepStale();
        await tick();
      },
    },
  ];

  return { definitions, evaluate, tick, fanOut, runQueued };
}
