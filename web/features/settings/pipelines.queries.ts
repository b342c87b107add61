// Pipeline and stage administration; every change refreshes pipelines, the board and the reports.
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Pipeline, StageInputSchema, StageUpdateSchema } from '../../../contracts/sales';
import { api, qs } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { invalidateCrm } from '../../lib/resource';
import { pipelinesKey } from '../deals/deals.queries';

export type StageInput = z.input<typeof StageInputSchema> & { position?: number };
export type StageUpdate = z.input<typeof StageUpdateSchema>;

function refresh(p?: Pipeline) {
  if (p) queryClient.setQueryData<Pipeline[]>(pipelinesKey, (all) => all?.map((x) => (x.id === p.id ? p : x)));
  return Promise.all([queryClient.invalidateQueries({ queryKey: pipelinesKey }), invalidateCrm()]);
}

const mutation = <V,>(fn: (v: V) => Promise<Pipeline | void>) => () => useMutation({ mutationFn: fn, onSuccess: (p) => refresh(p ?? undefined) });
const unwrap = (r: { data: Pipeline }) => r.data;

export const useCreatePipeline = mutation((name: string) => api<{ data: Pipeline }>('/pipelines', { method: 'POST', body: { name } }).then(unwrap));
export const useRenamePipeline = mutation(({ id, name }: { id: string; name: string }) => api<{ data: Pipeline }>(`/pipelines/${id}`, { method: 'PATCH', body: { name } }).then(unwrap));
export const useDeletePipeline = mutation((id: string) => api<void>(`/pipelines/${id}`, { method: 'DELETE' }));
export const useAddStage = mutation(({ id, stage }: { id: string; stage: StageInput }) => api<{ data: Pipeline }>(`/pipelines/${id}/stages`, { method: 'POST', body: stage }).then(unwrap));
export const useUpdateStage = mutation(({ id, stageId, body }: { id: string; stageId: string; body: StageUpdate }) =>
  api<{ data: Pipeline }>(`/pipelines/${id}/stages/${stageId}`, { method: 'PATCH', body }).then(unwrap),
);
export const useReorderStages = mutation(({ id, stageIds }: { id: string; stageIds: string[] }) => api<{ data: Pipeline }>(`/pipelines/${id}/stages/reorder`, { method: 'POST', body: { stageIds } }).then(unwrap));
export const useRemoveStage = mutation(({ id, stageId, moveTo }: { id: string; stageId: string; moveTo?: string }) =>
  api<{ data: Pipeline } | undefined>(`/pipelines/${id}/stages/${stageId}${qs({ moveTo })}`, { method: 'DELETE' }).then((r) => r?.data),
);
