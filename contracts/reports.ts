// Response shapes of the sales reports (GET /api/v1/reports/*). Amounts are exact decimal strings.
import { z } from 'zod';
import { STAGE_KINDS } from './sales';

export const PipelineReportSchema = z.object({
  pipelineId: z.string(),
  stages: z.array(z.object({ stageId: z.string(), name: z.string(), kind: z.enum(STAGE_KINDS), probability: z.number(), count: z.number(), amount: z.string(), weightedAmount: z.string() })),
  totals: z.object({ openCount: z.number(), openAmount: z.string(), weightedAmount: z.string() }),
});
export const ForecastReportSchema = z.object({
  pipelineId: z.string(),
  months: z.array(z.object({ month: z.string(), count: z.number(), bestCaseAmount: z.string(), weightedAmount: z.string() })),
});
export const WinLossReportSchema = z.object({
  pipelineId: z.string(),
  won: z.object({ count: z.number(), amount: z.string() }),
  lost: z.object({ count: z.number(), amount: z.string() }),
  winRate: z.number().nullable(),
  lostReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  averageSalesCycleDays: z.number().nullable(),
});
export const DealAgingReportSchema = z.object({
  pipelineId: z.string(),
  deals: z.array(z.object({ dealId: z.string(), name: z.string(), stageId: z.string(), stageName: z.string(), amount: z.string().nullable(), ownerId: z.string().nullable(), daysInStage: z.number(), staleAfterDays: z.number(), stale: z.boolean() })),
  staleCount: z.number(),
});
export type PipelineReport = z.infer<typeof PipelineReportSchema>;
export type ForecastReport = z.infer<typeof ForecastReportSchema>;
export type WinLossReport = z.infer<typeof WinLossReportSchema>;
export type DealAgingReport = z.infer<typeof DealAgingReportSchema>;
