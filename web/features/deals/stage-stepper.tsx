// The deal page's stage stepper: the pipeline's stages in order, the current one marked; clicking
// another moves the deal there through POST /deals/{id}/move (the board's rules: positions, history,
// closedAt). A lost stage asks for the reason first.
import { useMutation } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Deal, Stage } from '../../../contracts/sales';
import { api, errorMessage } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';
import { queryClient } from '../../lib/query-client';
import { cn } from '../../lib/utils';
import { dealQueries, usePipelines } from './deals.queries';
import { LostReasonDialog } from './lost-reason-dialog';

export function StageStepper({ deal, editable }: { deal: Deal; editable: boolean }) {
  const pipelines = usePipelines();
  const stages = pipelines.data?.find((p) => p.id === deal.pipelineId)?.stages ?? [];
  const [askingLost, setAskingLost] = useState<Stage | null>(null);
  const move = useMutation({
    mutationFn: ({ stageId, reason }: { stageId: string; reason?: string }) => api<{ data: Deal }>(`/deals/${deal.id}/move`, { method: 'POST', body: { stageId, ...(reason ? { reason } : {}) } }).then((r) => r.data),
    onSuccess: (row) => {
      queryClient.setQueryData(dealQueries.keys.one(row.id), row);
      toast.success(`${row.name} moved to ${row.stage?.name ?? 'the stage'}`);
    },
    onError: (e) => toast.error(`Could not move ${deal.name}: ${errorMessage(e)}`),
    onSettled: () => invalidateCrm(),
  });
  const current = stages.findIndex((s) => s.id === deal.stageId);

  function pick(s: Stage) {
    if (s.id === deal.stageId || move.isPending) return;
    if (s.kind === 'lost') setAskingLost(s);
    else move.mutate({ stageId: s.id });
  }

  if (!stages.length) return null;
  return (
    <nav aria-label="Deal stage">
      <ol className="flex flex-wrap gap-1">
        {stages.map((s, i) => {
          const isCurrent = s.id === deal.stageId;
          const passed = current >= 0 && i < current && s.kind === 'open';
          const tone = isCurrent ? (s.kind === 'won' ? 'bg-emerald-600 text-on-fill' : s.kind === 'lost' ? 'bg-rose-600 text-on-fill' : 'bg-indigo-600 text-on-accent') : passed ? 'bg-indigo-50 text-indigo-800' : 'bg-zinc-100 text-zinc-700';
          return (
            <li key={s.id} className="flex">
              <button
                type="button"
                disabled={!editable || move.isPending}
                aria-current={isCurrent ? 'step' : undefined}
                title={isCurrent ? `${s.name} (current stage)` : `Move to ${s.name}`}
                onClick={() => pick(s)}
                className={cn(
                  'inline-flex h-8 items-center gap-1 whitespace-nowrap rounded-md px-3 text-xs font-medium transition-colors',
                  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-default',
                  tone,
                  !isCurrent && editable && 'hover:bg-indigo-100 hover:text-indigo-900',
                )}
              >
                {passed ? <Check className="size-3.5" aria-hidden="true" /> : null}
                {s.name}
              </button>
            </li>
          );
        })}
      </ol>
      <LostReasonDialog
        open={askingLost !== null}
        dealName={deal.name}
        stageName={askingLost?.name ?? ''}
        onCancel={() => setAskingLost(null)}
        onConfirm={(reason) => {
          if (askingLost) move.mutate({ stageId: askingLost.id, reason });
          setAskingLost(null);
        }}
      />
    </nav>
  );
}
