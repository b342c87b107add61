// Deals sitting in their stage too long, longest first.
import { AlertTriangle } from 'lucide-react';
import { Link } from 'react-router';
import { formatMoney } from '../../lib/money';
import { ChartCard } from './chart-card';
import { useDealAgingReport, type ReportParams } from './reports.queries';

export function StaleDealsCard({ params }: { params: ReportParams }) {
  const report = useDealAgingReport(params);
  const stale = (report.data?.deals ?? []).filter((d) => d.stale).sort((a, b) => b.daysInStage - a.daysInStage);
  return (
    <ChartCard
      id="chart-stale"
      title="Stale deals"
      description={report.data ? `${report.data.staleCount} past their stage's limit` : undefined}
      link={{ to: `/deals?view=list${params.pipelineId ? `&pipeline=${params.pipelineId}` : ''}`, label: 'All deals' }}
      isPending={report.isPending}
      error={report.error}
      empty={stale.length === 0}
      emptyText="No stale deals. Everything is moving."
    >
      <ul className="divide-y divide-zinc-100" aria-label="Stale deals">
        {stale.slice(0, 8).map((d) => (
          <li key={d.dealId} className="flex items-center justify-between gap-3 py-2 text-sm">
            <span className="min-w-0">
              <Link to={`/deals/${d.dealId}`} className="block truncate font-medium text-indigo-700 hover:underline">{d.name}</Link>
              <span className="text-xs text-zinc-500">{d.stageName} · {formatMoney(d.amount, d.currency)}</span>
            </span>
            <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
              <AlertTriangle className="size-3" aria-hidden="true" />
              {d.daysInStage} days{d.staleAfterDays ? ` / ${d.staleAfterDays}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
