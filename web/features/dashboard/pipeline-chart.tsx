// Pipeline by stage: amount and weighted amount per stage; a bar (or the link list) opens the deals.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link, useNavigate } from 'react-router';
import { formatMoney, formatTotals } from '../../lib/money';
import { ChartCard } from './chart-card';
import { currenciesOf, useCurrencyPick } from './currency-pick';
import { usePipelineReport, type ReportParams } from './reports.queries';

export const money = (v: unknown, currency: string) => formatMoney(String(v), currency);
export const compact = (v: unknown, currency: string) => formatMoney(String(v), currency, true);
const weighted = (rows: { currency: string; weightedAmount: string }[], fallback: string) => formatTotals(rows.map((r) => ({ currency: r.currency, amount: r.weightedAmount })), fallback);

export function PipelineChart({ params }: { params: ReportParams }) {
  const navigate = useNavigate();
  const report = usePipelineReport(params);
  const stages = report.data?.stages ?? [];
  const { currency, picker } = useCurrencyPick(currenciesOf(stages.map((s) => s.amounts)), 'Chart currency');
  const rows = stages.map((s) => {
    const a = s.amounts.find((x) => x.currency === currency);
    return { ...s, amountValue: Number(a?.amount ?? 0), weightedValue: Number(a?.weightedAmount ?? 0) };
  });
  const dealsOf = (stageId: string) => `/deals?view=list&stage=${stageId}${params.pipelineId ? `&pipeline=${params.pipelineId}` : ''}`;
  const t = report.data?.totals;
  return (
    <ChartCard
      id="chart-pipeline"
      title="Pipeline by stage"
      description={t ? `${t.openCount} open · ${formatTotals(t.byCurrency, currency)} · weighted ${weighted(t.byCurrency, currency)}` : undefined}
      actions={picker}
      link={{ to: `/deals${params.pipelineId ? `?pipeline=${params.pipelineId}` : ''}`, label: 'Board' }}
      isPending={report.isPending}
      error={report.error}
      empty={stages.every((s) => s.count === 0)}
      emptyText="No deals yet. Create one on the Deals board."
    >
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} angle={-25} textAnchor="end" height={56} />
            <YAxis tickFormatter={(v) => compact(v, currency)} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={(v) => money(v, currency)} />
            <Legend />
            <Bar isAnimationActive={false} dataKey="amountValue" name="Amount" fill="#6366f1" cursor="pointer" onClick={(d) => d.payload && navigate(dealsOf(String(d.payload.stageId)))} />
            <Bar isAnimationActive={false} dataKey="weightedValue" name="Weighted" fill="#a5b4fc" cursor="pointer" onClick={(d) => d.payload && navigate(dealsOf(String(d.payload.stageId)))} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Deals by stage">
        {stages.map((s) => (
          <li key={s.stageId}>
            <Link to={dealsOf(s.stageId)} className="text-indigo-700 hover:underline">
              {s.name}: {s.count} · {formatTotals(s.amounts)}
            </Link>
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
