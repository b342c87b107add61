// Token usage per organization, user, provider, model and day; and the per-organization limit on
// assistant requests per minute (kept in the database so it holds across nodes).
import { and, desc, eq, sql } from 'drizzle-orm';
import { aiUsage, assistantRateWindows } from '../db/schema';
import type { ServiceContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { hasRole } from '../lib/roles';

export async function recordUsage(ctx: ServiceContext, provider: string, model: string, inputTokens: number, outputTokens: number) {
  const day = new Date().toISOString().slice(0, 10);
  await ctx.db
    .insert(aiUsage)
    .values({ organizationId: ctx.orgId, userId: ctx.actor.userId, provider, model, day, requests: 1, inputTokens, outputTokens })
    .onConflictDoUpdate({
      target: [aiUsage.organizationId, aiUsage.day, aiUsage.userId, aiUsage.provider, aiUsage.model],
      set: {
        requests: sql`${aiUsage.requests} + 1`,
        inputTokens: sql`${aiUsage.inputTokens} + ${inputTokens}`,
        outputTokens: sql`${aiUsage.outputTokens} + ${outputTokens}`,
      },
    });
}

/** Admins see the whole organization; everyone else sees their own usage. */
export async function usageReport(ctx: ServiceContext, days = 30) {
  const since = new Date(Date.now() - days * 86400_000).toISOString().slice(0, 10);
  const rows = await ctx.db
    .select()
    .from(aiUsage)
    .where(and(eq(aiUsage.organizationId, ctx.orgId), sql`${aiUsage.day} >= ${since}`, hasRole(ctx.role, 'admin') ? undefined : eq(aiUsage.userId, ctx.actor.userId)))
    .orderBy(desc(aiUsage.day));
  return rows.map(({ organizationId: _org, ...r }) => r);
}

/** Counts this request against the organization's one-minute window; 429 past the limit. */
export async function takeRequestSlot(ctx: ServiceContext, perMinute: number) {
  const rows = (await ctx.db.execute(sql`
    insert into ${assistantRateWindows} (organization_id, window_start, count)
    values (${ctx.orgId}, now(), 1)
    on conflict (organization_id) do update set
      window_start = case when ${assistantRateWindows.windowStart} < now() - interval '1 minute' then now() else ${assistantRateWindows.windowStart} end,
      count = case when ${assistantRateWindows.windowStart} < now() - interval '1 minute' then 1 else ${assistantRateWindows.count} + 1 end
    returning count, extract(epoch from (window_start + interval '1 minute' - now()))::int as retry_after`)) as unknown as { rows: { count: number; retry_after: number }[] };
  const { count, retry_after } = rows.rows[0];
  if (count > perMinute) {
    throw new AppError(429, 'rate_limited', `Your organization has reached its limit of ${perMinute} assistant requests per minute. Try again in ${Math.max(1, retry_after)} s.`);
  }
}
