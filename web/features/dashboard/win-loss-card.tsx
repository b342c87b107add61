// Won against lost (count and amount), the win rate, and the most common lost reasons.
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router';
import type { Pipeline } from '../../../contracts/sales';
import { formatTotals } from '../../lib/money';
import { ChartCard } from './chart-card';
import { useWinLossReport, type ReportParams } from './reports.queries';

export function WinLossCard({ params, pipeline }: { params: ReportParams; pipeline?: Pipeline }) {
  const report = useWinLossReport(params);
  const d = report.data;
  const rows = d ? [{ name: 'Won', count: d.won.count }, { name: 'Lost', count: d.lost.count }] : [];
  const stageLink = (kind: 'won' | 'lost') => {
    const s = pipeline?.stages.find((x) => x.kind === kind);
    return s ? `/deals?view=list&pipeline=${pipeline?.id}&stage=${s.id}` : '/deals?view=list';
  };
  return (
    <ChartCard
      id="chart-winloss"
      title="Win / loss"
      description={d ? <>Win rate <strong className="text-zinc-900">{d.winRate === null ? '—' : `${Math.round(d.winRate * 100)}%`}</strong>{d.averageSalesCycleDays !== null ? ` · ${Math.round(d.averageSalesCycleDays)} day average cycle` : ''}</> : undefined}
      isPending={report.isPending}
      error={report.error}
      empty={!d || d.won.count + d.lost.count === 0}
      emptyText="No deals won or lost yet."
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="h-48">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows}>
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
              <Tooltip formatter={(v) => [String(v), 'Deals']} />
              <Bar isAnimationActive={false} dataKey="count" name="Deals">
                {rows.map((r) => (
                  <Cell key={r.name} fill={r.name === 'Won' ? '#10b981' : '#f43f5e'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="space-y-3 text-sm">
          <p>
            <Link to={stageLink('won')} className="text-indigo-700 hover:underline">Won: {d?.won.count ?? 0} · {formatTotals(d?.won.amounts ?? [])}</Link>
            <br />
            <Link to={stageLink('lost')} className="text-indigo-700 hover:underline">Lost: {d?.lost.count ?? 0} · {formatTotals(d?.lost.amounts ?? [])}</Link>
          </p>
          <div>
            <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Top lost reasons</h3>
            {d?.lostReasons.length ? (
              <ol className="mt-1 space-y-1">
                {d.lostReasons.slice(0, 5).map((r) => (
                  <li key={r.reason} className="flex justify-between gap-2">
                    <span className="truncate">{r.reason}</span>
                    <span className="tabular-nums text-zinc-500">{r.count}</span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mt-1 text-zinc-500">None recorded.</p>
            )}
          </div>
        </div>
      </div>
    </ChartCard>
  );
}
