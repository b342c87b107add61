// Destructive tool calls wait here until the user who asked approves or rejects them. Approving
// runs the tool with the caller's current role, attributed to the assistant on their behalf.
import { and, desc, eq } from 'drizzle-orm';
import { approvals } from '../db/schema';
import type { ServiceContext } from '../lib/context';
import { AppError, conflict, notFound, toAppError } from '../lib/errors';
import { requireRole } from '../lib/roles';
import { findTool, type ToolSpec } from './tools';

type Row = typeof approvals.$inferSelect;

export function presentApproval(r: Row) {
  return {
    id: r.id,
    toolName: r.toolName,
    input: r.input,
    summary: r.summary,
    status: r.status as 'pending' | 'executed' | 'rejected' | 'failed',
    source: r.source as 'assistant' | 'mcp',
    conversationId: r.conversationId,
    result: r.result ?? undefined,
    createdAt: r.createdAt.toISOString(),
  };
}
export type Approval = ReturnType<typeof presentApproval>;

export async function requestApproval(
  ctx: ServiceContext,
  spec: ToolSpec,
  input: Record<string, unknown>,
  origin: { source: 'assistant' | 'mcp'; conversationId?: string },
): Promise<Approval> {
  requireRole(ctx, spec.role);
  const summary = spec.describeCall ? await spec.describeCall(ctx, input) : `${spec.name} ${JSON.stringify(input)}`;
  const [r] = await ctx.db
    .insert(approvals)
    .values({ organizationId: ctx.orgId, userId: ctx.actor.userId, conversationId: origin.conversationId ?? null, source: origin.source, toolName: spec.name, input, summary })
    .returning();
  return presentApproval(r);
}

export async function listApprovals(ctx: ServiceContext, status?: string): Promise<Approval[]> {
  requireRole(ctx, 'viewer');
  const rows = await ctx.db
    .select()
    .from(approvals)
    .where(and(eq(approvals.organizationId, ctx.orgId), eq(approvals.userId, ctx.actor.userId), status ? eq(approvals.status, status) : undefined))
    .orderBy(desc(approvals.createdAt))
    .limit(100);
  return rows.map(presentApproval);
}

/** Only the user who asked may decide, and only once. */
export async function decideApproval(
  ctx: ServiceContext,
  id: string,
  approve: boolean,
  /** Tools outside the registry (a connected MCP server's `<server>__<tool>`), looked up when decided. */
  findExternal?: (ctx: ServiceContext, name: string) => Promise<ToolSpec | undefined>,
): Promise<Approval> {
  requireRole(ctx, 'viewer');
  const [r] = await ctx.db
    .select()
    .from(approvals)
    .where(and(eq(approvals.id, id), eq(approvals.organizationId, ctx.orgId), eq(approvals.userId, ctx.actor.userId)));
  if (!r) throw notFound('Approval');
  if (r.status !== 'pending') throw conflict(`This request was already ${r.status}`);
  // Claim it first so two clicks cannot run it twice.
  const [claimed] = await ctx.db
    .update(approvals)
    .set({ status: approve ? 'executing' : 'rejected', decidedAt: new Date() })
    .where(and(eq(approvals.id, id), eq(approvals.status, 'pending')))
    .returning();
  if (!claimed) throw conflict('This request was decided meanwhile');
  if (!approve) return presentApproval(claimed);
  const spec = findTool(r.toolName) ?? (await findExternal?.(ctx, r.toolName));
  let status: 'executed' | 'failed' = 'executed';
  let result: unknown;
  try {
    if (!spec) throw new AppError(400, 'unknown_tool', `The tool ${r.toolName} no longer exists`);
    const actor = r.source === 'assistant'
      ? { type: 'assistant' as const, userId: ctx.actor.userId, via: r.conversationId ?? undefined }
      : { type: 'api_key' as const, userId: ctx.actor.userId, via: 'mcp' };
    result = await spec.execute({ ...ctx, actor }, r.input);
  } catch (err) {
    status = 'failed';
    result = { error: toAppError(err).message };
  }
  const [done] = await ctx.db.update(approvals).set({ status, result }).where(eq(approvals.id, id)).returning();
  return presentApproval(done);
}
