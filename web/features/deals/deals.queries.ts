// Deals: the generic record hooks, pipelines, the board (every deal of a pipeline, paged by cursor)
// and board moves with an optimistic update that the caller applies synchronously on drop.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DealCreateSchema, DealUpdateSchema, Pipeline, Stage } from '../../../contracts/sales';
import type { Deal } from '../../../contracts/sales';
import { api, qs } from '../../lib/api';
import { centsToDecimal, toCents } from '../../lib/money';
import { queryClient } from '../../lib/query-client';
import { invalidateCrm, resourceHooks, type ListResponse } from '../../lib/resource';

export type DealCreate = z.input<typeof DealCreateSchema>;
export type DealUpdate = z.input<typeof DealUpdateSchema>;

export const dealQueries = resourceHooks<Deal, DealCreate, DealUpdate>('deals');
export const {
  useList: useDeals,
  useOne: useDeal,
  useActivities: useDealActivities,
  useCreate: useCreateDeal,
  useUpdate: useUpdateDeal,
  useDelete: useDeleteDeal,
  useRestore: useRestoreDeal,
} = dealQueries;

export const pipelinesKey = ['pipelines'] as const;

export function usePipelines() {
  return useQuery({ queryKey: pipelinesKey, queryFn: ({ signal }) => api<{ data: Pipeline[] }>('/pipelines', { signal }).then((r) => r.data) });
}

export interface BoardQuery {
  pipelineId: string;
  q?: string;
  filter: Record<string, unknown>;
}

export const boardKey = (p: BoardQuery) => ['deals', 'board', p] as const;

/** Every deal of the pipeline in board order; 200 a page, following the cursor. */
export function useBoard(p: BoardQuery, enabled: boolean) {
  return useQuery({
    queryKey: boardKey(p),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const filter = JSON.stringify({ ...p.filter, pipelineId: p.pipelineId });
      const rows: Deal[] = [];
      let cursor: string | null = null;
      do {
        const page: ListResponse<Deal> = await api<ListResponse<Deal>>(`/deals${qs({ filter, limit: 200, sort: 'position', q: p.q, cursor })}`, { signal });
        rows.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return rows;
    },
  });
}

/** The board after a move: the deal leaves its column and enters the target one at `position`. */
export function movedBoard(deals: Deal[], dealId: string, stage: Stage, position: number, reason?: string): Deal[] {
  const moving = deals.find((d) => d.id === dealId);
  if (!moving) return deals;
  const probability = moving.probability ?? stage.probability;
  const updated: Deal = {
    ...moving,
    stageId: stage.id,
    stage: { id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability },
    effectiveProbability: probability,
    weightedAmount: moving.amount === null ? null : centsToDecimal((toCents(moving.amount) * BigInt(probability)) / 100n),
    lostReason: reason ?? moving.lostReason,
  };
  const rest = deals.filter((d) => d.id !== dealId);
  const column = rest.filter((d) => d.stageId === stage.id);
  const before = column[position];
  if (before) {
    const at = rest.indexOf(before);
    return [...rest.slice(0, at), updated, ...rest.slice(at)];
  }
  const last = column[column.length - 1];
  const at = last ? rest.indexOf(last) + 1 : rest.length;
  return [...rest.slice(0, at), updated, ...rest.slice(at)];
}

export interface MoveVars {
  id: string;
  stageId: string;
  position: number;
  reason?: string;
  /** The board as it was before the optimistic update, to roll back to. */
  snapshot: Deal[] | undefined;
  key: ReturnType<typeof boardKey>;
}

export function useMoveDeal() {
  return useMutation({
    mutationFn: ({ id, stageId, position, reason }: MoveVars) => api<{ data: Deal }>(`/deals/${id}/move`, { method: 'POST', body: { stageId, position, reason } }).then((r) => r.data),
    onError: (_e, vars) => {
      if (vars.snapshot) queryClient.setQueryData(vars.key, vars.snapshot);
    },
    onSettled: () => invalidateCrm(),
  });
}
