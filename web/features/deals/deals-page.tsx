// /deals: the pipeline board (default) or the list (?view=list), for the pipeline in ?pipeline=.
import { Columns3, List, Plus } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { Skeleton } from '../../components/ui/misc';
import { cn } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useMembers } from '../settings/settings.queries';
import { DealBoard } from './deal-board';
import { DealFilterBar, dealFilter, useDealFilters } from './deal-filters';
import { DealFormDialog } from './deal-form';
import { DealsTable } from './deals-table';
import { useBoard, usePipelines } from './deals.queries';
import { useCreateParam } from '../../lib/create-param';
import { ExportMenu } from '../export/export-menu';

export function DealsPage() {
  const me = useMe();
  const editable = canEdit(me.role);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useCreateParam();
  const state = useDealFilters();
  const pipelines = usePipelines();
  const members = useMembers();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const pipeline = pipelines.data?.find((p) => p.id === params.get('pipeline')) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const filter = dealFilter(state.filters);
  const query = { pipelineId: pipeline?.id ?? '', q: state.q || undefined, filter };
  const board = useBoard(query, view === 'board' && Boolean(pipeline));

  const setParam = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        next.delete('offset');
        return next;
      },
      { replace: true },
    );

  const toggle = (
    <div role="group" aria-label="View" className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 shadow-sm">
      {(['board', 'list'] as const).map((v) => {
        const Icon = v === 'board' ? Columns3 : List;
        return (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setParam('view', v === 'list' ? 'list' : null)} className={cn('inline-flex h-8 items-center gap-1.5 rounded px-3 text-sm font-medium text-zinc-600 focus-visible:outline-2 focus-visible:outline-indigo-600', view === v && 'bg-indigo-50 text-indigo-700')}>
            <Icon className="size-4" aria-hidden="true" /> {v === 'board' ? 'Board' : 'List'}
          </button>
        );
      })}
    </div>
  );

  return (
    <>
      <PageHeader
        title="Deals"
        description="Your pipeline, stage by stage."
        actions={
          <>
            {toggle}
            {view === 'list' && pipeline ? <ExportMenu resource="deals" query={{ q: state.q || undefined, sort: state.sort, filter: { ...filter, pipelineId: pipeline.id } }} /> : null}
            {editable ? (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden="true" /> New deal
              </Button>
            ) : null}
          </>
        }
      />
      {pipelines.isError ? (
        <ErrorState error={pipelines.error} onRetry={() => pipelines.refetch()} />
      ) : !pipeline ? (
        <Skeleton className="h-96 w-full" />
      ) : (
        <>
          <DealFilterBar
            state={state}
            members={members.data ?? []}
            stages={pipeline.stages}
            showStage={view === 'list'}
            leading={
              <Select aria-label="Pipeline" className="w-full sm:w-48" value={pipeline.id} onChange={(e) => setParam('pipeline', e.target.value)}>
                {pipelines.data?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            }
          />
          {view === 'list' ? (
            <DealsTable state={state} filter={{ ...filter, pipelineId: pipeline.id }} members={members.data ?? []} stages={pipeline.stages} />
          ) : board.isError ? (
            <ErrorState error={board.error} onRetry={() => board.refetch()} />
          ) : !board.data ? (
            // Clipped like the board itself: the placeholder columns must not widen the page either.
            <div className="flex gap-3 overflow-hidden" aria-busy="true">
              {pipeline.stages.map((s) => (
                <Skeleton key={s.id} className="h-72 w-60 shrink-0" />
              ))}
            </div>
          ) : (
            <DealBoard pipeline={pipeline} deals={board.data} query={query} members={members.data ?? []} editable={editable} />
          )}
        </>
      )}
      <DealFormDialog open={creating} onOpenChange={setCreating} pipelineId={pipeline?.id} />
    </>
  );
}
