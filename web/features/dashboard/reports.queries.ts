// The sales reports behind the dashboard (GET /api/v1/reports/*). Amounts are exact decimal strings.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../lib/api';

export interface ReportParams {
  pipelineId?: string;
  ownerId?: string;
  from?: string;
  to?: string;
}

export interface PipelineReport {
  pipelineId: string;
  stages: { stageId: string; name: string; kind: 'open' | 'won' | 'lost'; probability: number; count: number; amount: string; weightedAmount: string }[];
  totals: { openCount: number; openAmount: string; weightedAmount: string };
}
export interface ForecastReport {
  months: { month: string; count: number; bestCaseAmount: string; weightedAmount: string }[];
}
export interface WinLossReport {
  won: { count: number; amount: string };
  lost: { count: number; amount: string };
  winRate: number | null;
  lostReasons: { reason: string; count: number }[];
  averageSalesCycleDays: number | null;
}
export interface DealAgingReport {
  deals: { dealId: string; name: string; stageName: string; daysInStage: number; staleAfterDays: number | null; stale: boolean; amount: string | null }[];
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
