// TanStack Query hooks shared by every CRM entity (list, one, timeline, create, update, delete,
// restore), built from the resource name — the web twin of the server's generic CRUD routes.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Activity } from '../../contracts/common';
import { ENTITY_RESOURCES, type EntityResource } from '../../contracts/entities';
import { api, ApiError, qs } from './api';
import { queryClient } from './query-client';

export interface ListParams {
  limit?: number;
  offset?: number;
  sort?: string;
  q?: string;
  filter?: Record<string, unknown>;
  /** A named preset of the resource (tasks: mine, open, overdue, today, week). */
  view?: string;
  /** A saved view (GET /views): its filter, search and sort apply under the params' own. */
  viewId?: string;
}

export interface ListResponse<T> {
  data: T[];
  total: number;
  totalIsEstimate?: boolean;
  nextCursor: string | null;
}

/** A record type's REST resource, from the catalogue (contracts/entities.ts). */
export type CrmResource = EntityResource;

/** Query-key roots of everything a CRM write can change (lists, records, timelines, board, reports, the calendar feed). */
const CRM_ROOTS = new Set<unknown>([...ENTITY_RESOURCES, 'reports', 'calendar']);

function hasKeys(o: Record<string, unknown> | undefined): o is Record<string, unknown> {
  return Boolean(o && Object.keys(o).length > 0);
}

/**
 * Records show each other (contacts show company names, deals show companies, reports sum deals),
 * so a write to one refreshes them all. `exceptId` skips a just-deleted record, whose page would
 * otherwise refetch into a 404 on its way out.
 */
export function invalidateCrm(exceptId?: string) {
  return queryClient.invalidateQueries({
    predicate: (q) => CRM_ROOTS.has(q.queryKey[0]) && !(exceptId && q.queryKey[2] === exceptId),
  });
}

export function resourceHooks<T extends { id: string }, TCreate, TUpdate = Partial<TCreate>>(resource: CrmResource) {
  const keys = {
    all: [resource] as const,
    list: (p: ListParams) => [resource, 'list', p] as const,
    one: (id: string) => [resource, 'one', id] as const,
    activities: (id: string) => [resource, 'activities', id] as const,
  };

  return {
    keys,
    useList(params: ListParams, options: { enabled?: boolean } = {}) {
      return useQuery({
        queryKey: keys.list(params),
        queryFn: ({ signal }) =>
          api<ListResponse<T>>(
            `/${resource}${qs({
              limit: params.limit,
              offset: params.offset,
              sort: params.sort,
              q: params.q,
              view: params.view,
              viewId: params.viewId,
              filter: hasKeys(params.filter) ? JSON.stringify(params.filter) : undefined,
            })}`,
            { signal },
          ),
        // Keep the previous page on screen while the next one loads (no flashing skeleton on paging).
        placeholderData: keepPreviousData,
        enabled: options.enabled,
      });
    },
    useOne(id: string) {
      return useQuery({
        queryKey: keys.one(id),
        queryFn: ({ signal }) => api<{ data: T }>(`/${resource}/${id}`, { signal }).then((r) => r.data),
      });
    },
    useActivities(id: string) {
      return useQuery({
        queryKey: keys.activities(id),
        queryFn: ({ signal }) => api<{ data: Activity[] }>(`/${resource}/${id}/activities`, { signal }).then((r) => r.data),
      });
    },
    useCreate() {
      return useMutation({
        mutationFn: (body: TCreate) => api<{ data: T }>(`/${resource}`, { method: 'POST', body }).then((r) => r.data),
        onSuccess: () => invalidateCrm(),
      });
    },
    /**
     * PATCH. With `version` (the one the form loaded) it sends If-Match, so a record someone else
     * saved meanwhile is not overwritten: 412, an ApiError carrying `current` (also put in the cache,
     * so the page shows their version). Without it the change applies to whatever is current.
     */
    useUpdate() {
      return useMutation({
        mutationFn: ({ id, body, version }: { id: string; body: TUpdate; version?: number }) =>
          api<{ data: T }>(`/${resource}/${id}`, { method: 'PATCH', body, headers: version === undefined ? undefined : { 'If-Match': `"${version}"` } }).then((r) => r.data),
        onSuccess: (row) => {
          queryClient.setQueryData(keys.one(row.id), row);
          return invalidateCrm();
        },
        onError: (e, { id }) => {
          if (e instanceof ApiError && e.current) queryClient.setQueryData(keys.one(id), e.current);
        },
      });
    },
    useDelete() {
      return useMutation({
        mutationFn: (id: string) => api<void>(`/${resource}/${id}`, { method: 'DELETE' }),
        onSuccess: (_, id) => invalidateCrm(id),
      });
    },
    useRestore() {
      return useMutation({
        mutationFn: (id: string) => api<{ data: T }>(`/${resource}/${id}/restore`, { method: 'POST' }).then((r) => r.data),
        onSuccess: () => invalidateCrm(),
      });
    },
  };
}
