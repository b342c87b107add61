// The deal's risk (0–100), the factors that drive it with their weights and reasons, and the next
// best actions, each made into a task with one click (POST /tasks with the ready body, then the
// use recorded as an assistant activity on the deal).
import { AlertTriangle, CheckCircle2, ListPlus, ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { DealInsights, NextAction } from '../../../contracts/insights';
import { Button } from '../../components/ui/button';
import { Card, Skeleton } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { cn } from '../../lib/utils';
import { useCreateTask } from '../tasks/tasks.queries';
import { Citations } from './citations';
import { recordInsightUse, useDealInsights } from './insights.queries';

const tone = {
  low: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  medium: 'bg-amber-50 text-amber-800 ring-amber-200',
  high: 'bg-red-50 text-red-800 ring-red-200',
} as const;
const bar = { low: 'bg-emerald-500', medium: 'bg-amber-500', high: 'bg-red-500' } as const;

export function RiskBadge({ risk, level }: { risk: number; level: DealInsights['level'] }) {
  return (
    <span className={cn('inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1', tone[level])} aria-label={`Risk ${risk} of 100, ${level}`}>
      {level === 'low' ? <CheckCircle2 className="size-3" aria-hidden="true" /> : <AlertTriangle className="size-3" aria-hidden="true" />}
      {risk}
    </span>
  );
}

export function DealInsightsCard({ dealId, editable }: { dealId: string; editable: boolean }) {
  const q = useDealInsights(dealId);
  const createTask = useCreateTask();
  const [busy, setBusy] = useState<string | null>(null);

  async function makeTask(a: NextAction) {
    setBusy(a.key);
    try {
      const task = await createTask.mutateAsync(a.task);
      await recordInsightUse({ kind: 'next_action_task', relatedType: 'deal', relatedId: dealId, taskId: task.id, summary: a.title });
      toast.success(`Task created: ${a.title}`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card className="p-6" aria-labelledby="deal-insights">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id="deal-insights" className="inline-flex items-center gap-2 text-base font-semibold">
          <ShieldAlert className="size-4 text-zinc-500" aria-hidden="true" />
          Risk and next actions
        </h2>
        {q.data && !q.data.closed ? <RiskBadge risk={q.data.risk} level={q.data.level} /> : null}
      </div>
      {q.isPending ? (
        <Skeleton className="h-24" />
      ) : q.error ? (
        <p role="alert" className="text-sm text-red-700">{errorMessage(q.error)}</p>
      ) : q.data.closed ? (
        <p className="text-sm text-zinc-500">This deal is closed: no risk to watch.</p>
      ) : (
        <>
          <div className="mb-4 h-2 w-full overflow-hidden rounded-full bg-zinc-100" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={q.data.risk} aria-label="Deal risk">
            <div className={cn('h-full rounded-full', bar[q.data.level])} style={{ width: `${Math.max(2, q.data.risk)}%` }} />
          </div>
          {q.data.factors.length === 0 ? (
            <p className="text-sm text-zinc-500">No risk factors: the deal is moving, has a contact and is on time.</p>
          ) : (
            <ul className="space-y-2" aria-label="Risk factors">
              {q.data.factors.map((f) => (
                <li key={f.key} className="flex items-start gap-3 text-sm" data-factor={f.key}>
                  <span className="mt-0.5 w-10 shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 text-center text-xs font-semibold tabular-nums text-zinc-700" title="Points added to the risk">+{f.weight}</span>
                  <span className="min-w-0">
                    <span className="font-medium text-zinc-900">{f.label}</span>
                    <span className="block text-zinc-600">{f.explanation}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {q.data.nextActions.length ? (
            <>
              <h3 className="mb-2 mt-5 text-xs font-medium uppercase tracking-wide text-zinc-500">Next best actions</h3>
              <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200" aria-label="Next best actions">
                {q.data.nextActions.map((a) => (
                  <li key={a.key} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between" data-action={a.key}>
                    <span className="min-w-0 text-sm">
                      <span className="block font-medium text-zinc-900">{a.title}</span>
                      <span className="block text-zinc-500">{a.explanation}</span>
                    </span>
                    {editable ? (
                      <Button size="sm" variant="secondary" className="shrink-0 self-start sm:self-center" disabled={busy !== null} onClick={() => void makeTask(a)} aria-label={`Create task: ${a.title}`}>
                        <ListPlus />
                        {busy === a.key ? 'Creating…' : 'Create task'}
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Citations citations={q.data.citations} relatedPath={`/deals/${dealId}`} />
        </>
      )}
    </Card>
  );
}
