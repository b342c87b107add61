// Calls, emails and meetings logged on a record. A logged activity IS a timeline entry: one
// activities row (action call_logged / email_logged / meeting_logged) and its outbox event, written
// in one transaction after checking the record exists in the caller's organization — the same door
// every other write goes through. No table of its own: the timeline is where people read it.
import { LogActivityInputSchema, type LoggedActivity } from '../../../contracts/activities';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { parseInput } from '../../lib/errors';
import { checkRelated } from '../../lib/related';
import { requireRole } from '../../lib/roles';

export const loggedAction = (type: string) => `${type}_logged`;

export async function logActivity(ctx: ServiceContext, input: unknown): Promise<LoggedActivity> {
  requireRole(ctx, 'member');
  const v = parseInput(LogActivityInputSchema, input);
  const occurredAt = v.occurredAt ? new Date(v.occurredAt).toISOString() : new Date().toISOString();
  const after = { type: v.type, occurredAt, summary: v.summary, outcome: v.outcome ?? null };
  const id = await ctx.db.transaction(async (tx) => {
    await checkRelated(tx, ctx, { relatedType: v.relatedType, relatedId: v.relatedId });
    return recordChange(tx, ctx.orgId, ctx.actor, { entityType: v.relatedType, entityId: v.relatedId, action: loggedAction(v.type), after });
  });
  return { id, relatedType: v.relatedType, relatedId: v.relatedId, loggedBy: ctx.actor.userId, ...after };
}
