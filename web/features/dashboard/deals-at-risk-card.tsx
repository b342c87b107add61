// The open deals with the highest risk (GET /insights/deals-at-risk), with what drives each.
import { Link } from 'react-router';
import { formatMoney } from '../../lib/money';
import { RiskBadge } from '../insights/deal-insights-card';
import { useDealsAtRisk } from '../insights/insights.queries';
import { ChartCard } from './chart-card';
import type { ReportParams } from './reports.queries';

export function DealsAtRiskCard({ params }: { params: ReportParams }) {
  const q = useDealsAtRisk({ pipelineId: params.pipelineId, ownerId: params.ownerId, limit: 6 });
  const deals = q.data?.deals ?? [];
  return (
    <ChartCard
      id="chart-at-risk"
      title="Deals at risk"
      description={q.data ? `Riskiest of ${q.data.scanned} open deal${q.data.scanned === 1 ? '' : 's'}` : undefined}
      isPending={q.isPending}
      error={q.error}
      empty={deals.length === 0}
      emptyText="No open deal shows a risk factor."
    >
      <ul className="divide-y divide-zinc-100" aria-label="Deals at risk">
        {deals.map((d) => (
          <li key={d.dealId} className="flex items-center justify-between gap-3 py-2 text-sm">
            <span className="min-w-0">
              <Link to={`/deals/${d.dealId}`} className="block truncate font-medium text-indigo-700 hover:underline">{d.name}</Link>
              <span className="block truncate text-xs text-zinc-500">{[d.stageName, d.amount ? formatMoney(d.amount, d.currency) : null, d.factors.join(', ')].filter(Boolean).join(' · ')}</span>
            </span>
            <RiskBadge risk={d.risk} level={d.level} />
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
