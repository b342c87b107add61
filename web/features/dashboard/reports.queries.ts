// The sales reports behind the dashboard (GET /api/v1/reports/*). Amounts are exact decimal strings.
import { useQuery } from '@tanstack/react-query';
import type { DealAgingReport, ForecastReport, PipelineReport, WinLossReport } from '../../../contracts/reports';
import { api, qs } from '../../lib/api';

export interface ReportParams {
  pipelineId?: string;
  ownerId?: string;
  from?: string;
  to?: string;
}

export type { DealAgingReport, ForecastReport, PipelineReport, WinLossReport };

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
