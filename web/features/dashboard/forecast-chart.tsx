// Forecast by expected close month: best case (bars) against weighted (line).
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link, useNavigate } from 'react-router';
import { formatTotals } from '../../lib/money';
import { ChartCard } from './chart-card';
import { currenciesOf, useCurrencyPick } from './currency-pick';
import { compact, money } from './pipeline-chart';
import { useForecastReport, type ReportParams } from './reports.queries';

function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function monthLabel(month: string) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function ForecastChart({ params }: { params: ReportParams }) {
  const navigate = useNavigate();
  const report = useForecastReport(params);
  const months = report.data?.months ?? [];
  const { currency, picker } = useCurrencyPick(currenciesOf(months.map((m) => m.amounts)), 'Forecast currency');
  const rows = months.map((m) => {
    const a = m.amounts.find((x) => x.currency === currency);
    return { ...m, label: monthLabel(m.month), best: Number(a?.bestCaseAmount ?? 0), weighted: Number(a?.weightedAmount ?? 0) };
  });
  const dealsOf = (month: string) => {
    const r = monthRange(month);
    return `/deals?view=list&closeFrom=${r.from}&closeTo=${r.to}${params.pipelineId ? `&pipeline=${params.pipelineId}` : ''}`;
  };
  return (
    <ChartCard id="chart-forecast" title="Forecast by month" description="Open deals by expected close date" actions={picker} isPending={report.isPending} error={report.error} empty={months.length === 0} emptyText="No open deals with an expected close date.">
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v) => compact(v, currency)} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={(v) => money(v, currency)} />
            <Legend />
            <Bar isAnimationActive={false} dataKey="best" name="Best case" fill="#c7d2fe" cursor="pointer" onClick={(d) => d.payload && navigate(dealsOf(String(d.payload.month)))} />
            <Line isAnimationActive={false} dataKey="weighted" name="Weighted" stroke="#4f46e5" strokeWidth={2} type="monotone" />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Deals by close month">
        {months.map((m) => (
          <li key={m.month}>
            <Link to={dealsOf(m.month)} className="text-indigo-700 hover:underline">
              {monthLabel(m.month)}: {m.count} · {formatTotals(m.amounts.map((a) => ({ currency: a.currency, amount: a.weightedAmount })))} weighted
            </Link>
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
