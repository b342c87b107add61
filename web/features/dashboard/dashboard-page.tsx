// The home page: pipeline, forecast, win/loss and stale deals for one pipeline (and owner).
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Select } from '../../components/ui/input';
import { usePipelines } from '../deals/deals.queries';
import { useMembers } from '../settings/settings.queries';
import { FirstStepsCard } from './first-steps-card';
import { ForecastChart } from './forecast-chart';
import { PipelineChart } from './pipeline-chart';
import { StaleDealsCard } from './stale-deals-card';
import { DealsAtRiskCard } from './deals-at-risk-card';
import { WinLossCard } from './win-loss-card';

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const members = useMembers();
  const pipeline = pipelines.data?.find((p) => p.id === params.get('pipeline')) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const ownerId = params.get('owner') ?? '';
  const set = (k: string, v: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    }, { replace: true });
  const report = { pipelineId: pipeline?.id, ownerId: ownerId || undefined };
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="How the pipeline is doing."
        actions={
          <>
            <Select aria-label="Pipeline" className="w-48" value={pipeline?.id ?? ''} onChange={(e) => set('pipeline', e.target.value)}>
              {pipelines.data?.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </Select>
            <Select aria-label="Owner" className="w-44" value={ownerId} onChange={(e) => set('owner', e.target.value)}>
              <option value="">All owners</option>
              {members.data?.map((m) => (
                <option key={m.userId} value={m.userId}>{m.name}</option>
              ))}
            </Select>
          </>
        }
      />
      <FirstStepsCard />
      {pipeline ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <PipelineChart params={report} />
          <ForecastChart params={report} />
          <WinLossCard params={report} pipeline={pipeline} />
          <StaleDealsCard params={report} />
          <DealsAtRiskCard params={report} />
        </div>
      ) : null}
    </>
  );
}
