// The stages of one pipeline, editable in place: name, probability, kind, stale and rotting days
// save on change; up/down reorder; removing a stage that holds deals asks where to move them.
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { STAGE_KINDS, type Pipeline, type Stage } from '../../../contracts/sales';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import { ApiError, errorMessage } from '../../lib/api';
import { cn, titleCase } from '../../lib/utils';
import { AddStageForm } from './pipelines-add-stage';
import { MoveDealsDialog } from './pipelines-move-dialog';
import { useRemoveStage, useReorderStages, useUpdateStage, type StageUpdate } from './pipelines.queries';

export function StagesTable({ pipeline, editable }: { pipeline: Pipeline; editable: boolean }) {
  const update = useUpdateStage();
  const reorder = useReorderStages();
  const remove = useRemoveStage();
  const [moving, setMoving] = useState<{ stage: Stage; message: string } | null>(null);

  async function save(stage: Stage, body: StageUpdate) {
    try {
      await update.mutateAsync({ id: pipeline.id, stageId: stage.id, body });
      toast.success(`Stage ${body.name ?? stage.name} saved`);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }
  async function shift(index: number, by: -1 | 1) {
    const ids = pipeline.stages.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    try {
      await reorder.mutateAsync({ id: pipeline.id, stageIds: ids });
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }
  async function removeStage(stage: Stage, moveTo?: string) {
    try {
      await remove.mutateAsync({ id: pipeline.id, stageId: stage.id, moveTo });
      toast.success(`Stage ${stage.name} removed`);
      setMoving(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.details.some((d) => d.path === 'moveTo')) setMoving({ stage, message: e.message });
      else toast.error(errorMessage(e));
    }
  }

  return (
    <>
      {/* A grid, not a table: on a phone each stage wraps to two lines (name, then its numbers)
          instead of squeezing the name to a few letters. */}
      <div role="table" aria-label={`Stages of ${pipeline.name}`} className="text-sm">
        <div role="row" className={cn(row, 'hidden border-b border-zinc-200 bg-zinc-50 py-2 text-xs font-semibold uppercase tracking-wide text-zinc-500 sm:grid')}>
          <span role="columnheader">Stage</span>
          <span role="columnheader">Probability %</span>
          <span role="columnheader">Kind</span>
          <span role="columnheader">Stale after (days)</span>
          <span role="columnheader">Rotting after (days idle)</span>
          {editable ? <span role="columnheader"><span className="sr-only">Actions</span></span> : null}
        </div>
        {pipeline.stages.map((s, i) => (
          <div role="row" key={`${s.id}-${s.name}-${s.probability}-${s.kind}-${s.staleAfterDays}-${s.rottingDays}`} className={cn(row, 'border-b border-zinc-100 py-2')}>
            <span role="cell" className="col-span-2 sm:col-span-1">
              {editable ? (
                <Input aria-label={`Name of stage ${s.name}`} defaultValue={s.name} onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== s.name && save(s, { name: e.target.value.trim() })} />
              ) : (
                <span className="font-medium">{s.name}</span>
              )}
            </span>
            <span role="cell">
              <MobileLabel>Probability %</MobileLabel>
              {editable ? (
                <Input aria-label={`Probability of ${s.name}`} type="number" min={0} max={100} defaultValue={s.probability} onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (e.target.value !== '' && Number.isInteger(v) && v !== s.probability) save(s, { probability: v });
                }} />
              ) : (
                `${s.probability}%`
              )}
            </span>
            <span role="cell">
              <MobileLabel>Kind</MobileLabel>
              {editable ? (
                <Select aria-label={`Kind of ${s.name}`} value={s.kind} onChange={(e) => save(s, { kind: e.target.value as Stage['kind'] })}>
                  {STAGE_KINDS.map((k) => <option key={k} value={k}>{titleCase(k)}</option>)}
                </Select>
              ) : (
                titleCase(s.kind)
              )}
            </span>
            <span role="cell">
              <MobileLabel>Stale after (days)</MobileLabel>
              {editable ? <DaysInput label={`Stale days of ${s.name}`} value={s.staleAfterDays} onSave={(v) => save(s, { staleAfterDays: v })} /> : (s.staleAfterDays ?? '—')}
            </span>
            <span role="cell">
              <MobileLabel>Rotting after (days idle)</MobileLabel>
              {editable ? <DaysInput label={`Rotting days of ${s.name}`} value={s.rottingDays} onSave={(v) => save(s, { rottingDays: v })} /> : (s.rottingDays ?? '—')}
            </span>
            {editable ? (
              <span role="cell" className="col-span-2 flex justify-end gap-1 sm:col-span-1">
                <Button variant="ghost" size="icon" aria-label={`Move ${s.name} up`} disabled={i === 0 || reorder.isPending} onClick={() => shift(i, -1)}><ArrowUp /></Button>
                <Button variant="ghost" size="icon" aria-label={`Move ${s.name} down`} disabled={i === pipeline.stages.length - 1 || reorder.isPending} onClick={() => shift(i, 1)}><ArrowDown /></Button>
                <Button variant="ghost" size="icon" className="text-red-700" aria-label={`Remove stage ${s.name}`} disabled={pipeline.stages.length <= 1} onClick={() => removeStage(s)}><Trash2 /></Button>
              </span>
            ) : null}
          </div>
        ))}
      </div>
      {editable ? <AddStageForm pipelineId={pipeline.id} /> : null}
      <MoveDealsDialog
        stage={moving?.stage ?? null}
        message={moving?.message ?? ''}
        stages={pipeline.stages.filter((s) => s.id !== moving?.stage.id)}
        pending={remove.isPending}
        onCancel={() => setMoving(null)}
        onConfirm={(moveTo) => moving && removeStage(moving.stage, moveTo)}
      />
    </>
  );
}

const row = 'grid grid-cols-2 items-center gap-x-3 gap-y-2 px-4 sm:grid-cols-[minmax(8rem,1fr)_6rem_7rem_7rem_7rem_7.5rem]';

function MobileLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="mb-0.5 block text-xs text-zinc-500 sm:hidden">
      {children}
    </span>
  );
}

/** A whole number of days, or blank for none; saved when the box is left. */
function DaysInput({ label, value, onSave }: { label: string; value: number | null; onSave: (v: number | null) => void }) {
  return (
    <Input
      aria-label={label}
      type="number"
      min={1}
      placeholder="—"
      defaultValue={value ?? ''}
      onBlur={(e) => {
        const v = e.target.value === '' ? null : Number(e.target.value);
        if (v !== value && (v === null || Number.isInteger(v))) onSave(v);
      }}
    />
  );
}
