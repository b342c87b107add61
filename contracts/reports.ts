// Response shapes of the sales reports (GET /api/v1/reports/*). Amounts are exact decimal strings.
// Money is never added across currencies: every figure has its per-currency amounts; the plain
// amount fields keep their meaning only while one currency is involved (`currency` says which)
// and are null when several are mixed.
import { z } from 'zod';
import { STAGE_KINDS } from './sales';

export const CurrencyAmountSchema = z.object({ currency: z.string(), count: z.number(), amount: z.string(), weightedAmount: z.string() });
export type CurrencyAmount = z.infer<typeof CurrencyAmountSchema>;
const mixed = z.string().nullable().describe('null when the figure spans several currencies (see the per-currency amounts)');

export const PipelineReportSchema = z.object({
  pipelineId: z.string(),
  stages: z.array(z.object({ stageId: z.string(), name: z.string(), kind: z.enum(STAGE_KINDS), probability: z.number(), count: z.number(), currency: z.string().nullable(), amount: mixed, weightedAmount: mixed, amounts: z.array(CurrencyAmountSchema) })),
  totals: z.object({ openCount: z.number(), currency: z.string().nullable(), openAmount: mixed, weightedAmount: mixed, byCurrency: z.array(CurrencyAmountSchema) }),
});
export const ForecastReportSchema = z.object({
  pipelineId: z.string(),
  months: z.array(z.object({
    month: z.string(), count: z.number(), currency: z.string().nullable(), bestCaseAmount: mixed, weightedAmount: mixed,
    amounts: z.array(z.object({ currency: z.string(), count: z.number(), bestCaseAmount: z.string(), weightedAmount: z.string() })),
  })),
});
const SideSchema = z.object({ count: z.number(), currency: z.string().nullable(), amount: mixed, amounts: z.array(z.object({ currency: z.string(), count: z.number(), amount: z.string() })) });
export const WinLossReportSchema = z.object({
  pipelineId: z.string(),
  won: SideSchema,
  lost: SideSchema,
  winRate: z.number().nullable(),
  lostReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  averageSalesCycleDays: z.number().nullable(),
});
export const DealAgingReportSchema = z.object({
  pipelineId: z.string(),
  deals: z.array(z.object({ dealId: z.string(), name: z.string(), stageId: z.string(), stageName: z.string(), amount: z.string().nullable(), currency: z.string(), ownerId: z.string().nullable(), daysInStage: z.number(), staleAfterDays: z.number(), stale: z.boolean() })),
  staleCount: z.number(),
});
export type PipelineReport = z.infer<typeof PipelineReportSchema>;
export type ForecastReport = z.infer<typeof ForecastReportSchema>;
export type WinLossReport = z.infer<typeof WinLossReportSchema>;
export type DealAgingReport = z.infer<typeof DealAgingReportSchema>;
