// Pipeline analytics, computed in SQL over the caller's organization: pipeline by stage, forecast
// by month, win/loss, deal aging. Amounts stay exact (numeric → string) and are grouped by
// currency: money in different currencies is never added up.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isoDate } from '../../../contracts/common';
import type { ServiceContext } from '../../lib/context';
import { parseInput } from '../../lib/errors';
import { requireRole } from '../../lib/roles';
import { readableId } from '../../lib/visibility';
import { pipelineService } from '../pipelines/pipelines.service';

export const ReportQuerySchema = z.object({
  pipelineId: z.uuid().optional().describe('Pipeline; the default one when omitted'),
  ownerId: z.string().min(1).optional().describe('Only deals owned by this user'),
  from: isoDate().optional().describe('Start of the date range (YYYY-MM-DD, inclusive)'),
  to: isoDate().optional().describe('End of the date range (YYYY-MM-DD, inclusive)'),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

const DEFAULT_STALE_DAYS = 30;

async function scope(ctx: ServiceContext, input: unknown) {
  requireRole(ctx, 'viewer');
  const q = parseInput(ReportQuerySchema, input);
  const pipeline = q.pipelineId ? await pipelineService.get(ctx, q.pipelineId) : await pipelineService.defaultPipeline(ctx.db, ctx);
  const where: SQL[] = [sql`d.organization_id = ${ctx.orgId}`, sql`d.deleted_at is null`, sql`d.pipeline_id = ${pipeline.id}`];
  if (q.ownerId) where.push(sql`d.owner_id = ${q.ownerId}`);
  // Owner-only visibility: the figures count only the deals the caller may see.
  const visible = readableId(ctx, 'deal', sql`d.id`);
  if (visible) where.push(visible);
  return { q, pipeline, where };
}

/** A date range on a column, inclusive of both days. */
function range(column: SQL, q: ReportQuery): SQL[] {
  const out: SQL[] = [];
  if (q.from) out.push(sql`${column} >= ${q.from}::date`);
  if (q.to) out.push(sql`${column} < (${q.to}::date + 1)`);
  return out;
}

async function rows<T>(ctx: ServiceContext, query: SQL): Promise<T[]> {
  const r = (await ctx.db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

const where = (parts: SQL[]) => sql.join(parts, sql` and `);
const prob = sql`coalesce(d.probability, s.probability)`;
const weightedSum = sql`coalesce(sum(round(d.amount * ${prob} / 100.0, 2)), 0)::numeric(18,2)::text`;

/** One currency's share of a figure. */
export interface CurrencyAmount {
  currency: string;
  count: number;
  amount: string;
  weightedAmount: string;
}

/**
 * Money is never added across currencies. A figure is its per-currency `amounts`; the scalar
 * `amount`/`weightedAmount` keep their meaning only while every deal behind them shares one
 * currency (`currency` says which) and are null when several currencies are mixed.
 */
export function byCurrency(rows: { currency: string; count: number; amount: string; weighted?: string }[]) {
  const map = new Map<string, { count: number; amounts: string[]; weighted: string[] }>();
  for (const r of rows) {
    const m = map.get(r.currency) ?? { count: 0, amounts: [], weighted: [] };
    m.count += r.count;
    m.amounts.push(r.amount);
    m.weighted.push(r.weighted ?? '0.00');
    map.set(r.currency, m);
  }
  const amounts: CurrencyAmount[] = [...map]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, m]) => ({ currency, count: m.count, amount: sumDecimal(m.amounts), weightedAmount: sumDecimal(m.weighted) }));
  const single = amounts.length === 1 ? amounts[0]! : undefined;
  return {
    count: amounts.reduce((n, a) => n + a.count, 0),
    currency: single?.currency ?? null,
    amount: amounts.length === 0 ? '0.00' : (single?.amount ?? null),
    weightedAmount: amounts.length === 0 ? '0.00' : (single?.weightedAmount ?? null),
    amounts,
  };
}

export const reportService = {
  /** Per stage: count, amount and weighted amount per currency (expected close date in range). */
  async pipeline(ctx: ServiceContext, input: unknown) {
    const { q, pipeline, where: w } = await scope(ctx, input);
    const data = await rows<{ stage_id: string; currency: string; count: number; amount: string; weighted: string }>(ctx, sql`
      select d.stage_id, d.currency, count(*)::int as count, coalesce(sum(d.amount), 0)::numeric(18,2)::text as amount, ${weightedSum} as weighted
      from deals d join pipeline_stages s on s.id = d.stage_id
      where ${where([...w, ...range(sql`d.expected_close_date`, q)])}
      group by d.stage_id, d.currency`);
    const stages = pipeline.stages.map((s) => {
      const t = byCurrency(data.filter((r) => r.stage_id === s.id));
      return { stageId: s.id, name: s.name, kind: s.kind, probability: s.probability, count: t.count, currency: t.currency, amount: t.amount, weightedAmount: t.weightedAmount, amounts: t.amounts };
    });
    const openIds = new Set(stages.filter((s) => s.kind === 'open').map((s) => s.stageId));
    const open = byCurrency(data.filter((r) => openIds.has(r.stage_id)));
    return {
      pipelineId: pipeline.id,
      stages,
      totals: { openCount: open.count, currency: open.currency, openAmount: open.amount, weightedAmount: open.weightedAmount, byCurrency: open.amounts },
    };
  },

  /** Open deals by expected close month: weighted and best case, per currency. */
  async forecast(ctx: ServiceContext, input: unknown) {
    const { q, pipeline, where: w } = await scope(ctx, input);
    const data = await rows<{ month: string; currency: string; count: number; best: string; weighted: string }>(ctx, sql`
      select to_char(d.expected_close_date, 'YYYY-MM') as month, d.currency, count(*)::int as count,
             coalesce(sum(d.amount), 0)::numeric(18,2)::text as best, ${weightedSum} as weighted
      from deals d join pipeline_stages s on s.id = d.stage_id
      where ${where([...w, sql`s.kind = 'open'`, sql`d.expected_close_date is not null`, ...range(sql`d.expected_close_date`, q)])}
      group by 1, 2 order by 1, 2`);
    const months = [...new Set(data.map((r) => r.month))].map((month) => {
      const t = byCurrency(data.filter((r) => r.month === month).map((r) => ({ ...r, amount: r.best })));
      return { month, count: t.count, currency: t.currency, bestCaseAmount: t.amount, weightedAmount: t.weightedAmount, amounts: t.amounts.map(({ currency, count, amount, weightedAmount }) => ({ currency, count, bestCaseAmount: amount, weightedAmount })) };
    });
    return { pipelineId: pipeline.id, months };
  },

  /** Deals closed in the range: won/lost counts and amounts (per currency), win rate, lost reasons, sales cycle. */
  async winLoss(ctx: ServiceContext, input: unknown) {
    const { q, pipeline, where: w } = await scope(ctx, input);
    const closed = [...w, sql`s.kind in ('won', 'lost')`, ...range(sql`d.closed_at`, q)];
    const sums = await rows<{ kind: 'won' | 'lost'; currency: string; count: number; amount: string }>(ctx, sql`
      select s.kind, d.currency, count(*)::int as count, coalesce(sum(d.amount), 0)::numeric(18,2)::text as amount
      from deals d join pipeline_stages s on s.id = d.stage_id
      where ${where(closed)}
      group by 1, 2`);
    const [cycle] = await rows<{ cycle: string | null }>(ctx, sql`
      select round(avg(extract(epoch from (d.closed_at - d.created_at)) / 86400.0) filter (where s.kind = 'won'), 1)::text as cycle
      from deals d join pipeline_stages s on s.id = d.stage_id
      where ${where(closed)}`);
    const reasons = await rows<{ reason: string; count: number }>(ctx, sql`
      select coalesce(d.lost_reason, '(none)') as reason, count(*)::int as count
      from deals d join pipeline_stages s on s.id = d.stage_id
      where ${where([...closed, sql`s.kind = 'lost'`])}
      group by 1 order by 2 desc, 1`);
    const side = (kind: 'won' | 'lost') => {
      const t = byCurrency(sums.filter((r) => r.kind === kind));
      return { count: t.count, currency: t.currency, amount: t.amount, amounts: t.amounts.map(({ currency, count, amount }) => ({ currency, count, amount })) };
    };
    const won = side('won');
    const lost = side('lost');
    const decided = won.count + lost.count;
    return {
      pipelineId: pipeline.id,
      won,
      lost,
      winRate: decided ? Math.round((won.count / decided) * 1000) / 1000 : null,
      lostReasons: reasons,
      averageSalesCycleDays: cycle?.cycle == null ? null : Number(cycle.cycle),
    };
  },

  /** Days each open deal has spent in its current stage; stale past the stage's threshold. */
  async dealAging(ctx: ServiceContext, input: unknown) {
    const { q, pipeline, where: w } = await scope(ctx, input);
    const data = await rows<{ id: string; name: string; stage_id: string; stage_name: string; days: number; threshold: number; amount: string | null; currency: string; owner_id: string | null }>(ctx, sql`
      select d.id, d.name, d.stage_id, s.name as stage_name, d.amount::text as amount, d.currency, d.owner_id,
             floor(extract(epoch from (now() - d.stage_entered_at)) / 86400)::int as days,
             coalesce(s.stale_after_days, ${DEFAULT_STALE_DAYS})::int as threshold
      from deals d join pipeline_stages s on s.id = d.stage_id
      where ${where([...w, sql`s.kind = 'open'`, ...range(sql`d.created_at`, q)])}
      order by d.stage_entered_at, d.id limit 500`);
    const deals = data.map((r) => ({ dealId: r.id, name: r.name, stageId: r.stage_id, stageName: r.stage_name, amount: r.amount, currency: r.currency, ownerId: r.owner_id, daysInStage: r.days, staleAfterDays: r.threshold, stale: r.days > r.threshold }));
    return { pipelineId: pipeline.id, deals, staleCount: deals.filter((d) => d.stale).length };
  },
};

/** Exact sum of decimal strings with two places. */
export function sumDecimal(values: string[]): string {
  let cents = 0n;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [w, f = ''] = v.replace('-', '').split('.');
    const c = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
    cents += neg ? -c : c;
  }
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
