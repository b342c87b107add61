// The sales reports behind the dashboard (GET /api/v1/reports/*). Amounts are exact decimal strings.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../lib/api';

export interface ReportParams {
  pipelineId?: string;
  ownerId?: string;
  from?: string;
  to?: string;
}

/** One currency's share of a figure: reports never add amounts in different currencies. */
export interface CurrencyAmount {
  currency: string;
  count: number;
  amount: string;
  weightedAmount: string;
}

// Scalar amounts (amount, openAmount, …) are null when the figure spans several currencies;
// `currency` names the one currency otherwise. The per-currency arrays are always there.
export interface PipelineReport {
  pipelineId: string;
  stages: { stageId: string; name: string; kind: 'open' | 'won' | 'lost'; probability: number; count: number; currency: string | null; amount: string | null; weightedAmount: string | null; amounts: CurrencyAmount[] }[];
  totals: { openCount: number; currency: string | null; openAmount: string | null; weightedAmount: string | null; byCurrency: CurrencyAmount[] };
}
export interface ForecastReport {
  months: { month: string; count: number; currency: string | null; bestCaseAmount: string | null; weightedAmount: string | null; amounts: { currency: string; count: number; bestCaseAmount: string; weightedAmount: string }[] }[];
}
type Side = { count: number; currency: string | null; amount: string | null; amounts: { currency: string; count: number; amount: string }[] };
export interface WinLossReport {
  won: Side;
  lost: Side;
  winRate: number | null;
  lostReasons: { reason: string; count: number }[];
  averageSalesCycleDays: number | null;
}
export interface DealAgingReport {
  deals: { dealId: string; name: string; stageName: string; daysInStage: number; staleAfterDays: number | null; stale: boolean; amount: string | null; currency: string }[];
  staleCount: number;
}

function useReport<T>(name: string, p: ReportParams) {
  return useQuery({
    queryKey: ['reports', name, p],
    queryFn: ({ signal }) => api<{ data: T }>(`/reports/${name}${qs({ pipelineId: p.pipelineId, ownerId: p.ownerId, from: p.from, to: p.to })}`, { signal }).then((r) => r.data),
  });
}

export const usePipelineReport = (p: ReportParams) => useReport<PipelineReport>('pipeline', p);
export const useForecastReport = (p: ReportParams) => useReport<ForecastReport>('forecast', p);
export const useWinLossReport = (p: ReportParams) => useReport<WinLossReport>('win-loss', p);
export const useDealAgingReport = (p: ReportParams) => useReport<DealAgingReport>('deal-aging', p);
