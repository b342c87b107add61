// The stages of one pipeline as an editable table: name, probability, kind and stale days save on
// change; up/down reorder; removing a stage that holds deals asks where to move them.
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { STAGE_KINDS, type Pipeline, type Stage } from '../../../contracts/sales';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import { Table, Td, Th } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { titleCase } from '../../lib/utils';
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
      <Table aria-label={`Stages of ${pipeline.name}`}>
        <thead>
          <tr>
            <Th>Stage</Th>
            <Th className="w-28">Probability %</Th>
            <Th className="w-32">Kind</Th>
            <Th className="w-28">Stale after (days)</Th>
            {editable ? <Th className="w-36"><span className="sr-only">Actions</span></Th> : null}
          </tr>
        </thead>
        <tbody>
          {pipeline.stages.map((s, i) => (
            <tr key={`${s.id}-${s.name}-${s.probability}-${s.kind}-${s.staleAfterDays}`}>
              <Td>
                {editable ? (
                  <Input aria-label={`Name of stage ${s.name}`} defaultValue={s.name} onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== s.name && save(s, { name: e.target.value.trim() })} />
                ) : (
                  s.name
                )}
              </Td>
              <Td>
                {editable ? (
                  <Input aria-label={`Probability of ${s.name}`} type="number" min={0} max={100} defaultValue={s.probability} onBlur={(e) => {
                    const v = Number(e.target.value);
                    if (e.target.value !== '' && Number.isInteger(v) && v !== s.probability) save(s, { probability: v });
                  }} />
                ) : (
                  `${s.probability}%`
                )}
              </Td>
              <Td>
                {editable ? (
                  <Select aria-label={`Kind of ${s.name}`} value={s.kind} onChange={(e) => save(s, { kind: e.target.value as Stage['kind'] })}>
                    {STAGE_KINDS.map((k) => <option key={k} value={k}>{titleCase(k)}</option>)}
                  </Select>
                ) : (
                  titleCase(s.kind)
                )}
              </Td>
              <Td>
                {editable ? (
                  <Input aria-label={`Stale days of ${s.name}`} type="number" min={1} placeholder="—" defaultValue={s.staleAfterDays ?? ''} onBlur={(e) => {
                    const v = e.target.value === '' ? null : Number(e.target.value);
                    if (v !== s.staleAfterDays && (v === null || Number.isInteger(v))) save(s, { staleAfterDays: v });
                  }} />
                ) : (
                  (s.staleAfterDays ?? '—')
                )}
              </Td>
              {editable ? (
                <Td>
                  <div className="flex gap-1">
                    <Button variant="ghost" size="icon" aria-label={`Move ${s.name} up`} disabled={i === 0 || reorder.isPending} onClick={() => shift(i, -1)}><ArrowUp /></Button>
                    <Button variant="ghost" size="icon" aria-label={`Move ${s.name} down`} disabled={i === pipeline.stages.length - 1 || reorder.isPending} onClick={() => shift(i, 1)}><ArrowDown /></Button>
                    <Button variant="ghost" size="icon" className="text-red-700" aria-label={`Remove stage ${s.name}`} disabled={pipeline.stages.length <= 1} onClick={() => removeStage(s)}><Trash2 /></Button>
                  </div>
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
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
