// CSV import: upload (multipart), dry-run preview, background run with polled progress, recent imports.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, toApiError } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';
import { queryClient } from '../../lib/query-client';
import { IMPORT_RESOURCES, type ImportResource } from '../../../contracts/entities';
import type { ImportJob, ImportPreview, RejectedRow, UploadedImport } from '../../../contracts/responses';

export { IMPORT_RESOURCES, type ImportResource };
export type { ImportJob, ImportPreview, RejectedRow, UploadedImport };
export type DuplicateMode = 'skip' | 'update';
export type Mapping = Record<string, string | null>;

export interface ImportSettings {
  mapping: Mapping;
  duplicates: DuplicateMode;
}

const keys = {
  list: ['imports', 'list'] as const,
  one: (id: string) => ['imports', 'one', id] as const,
};

export function isImportResource(v: string | undefined): v is ImportResource {
  return (IMPORT_RESOURCES as readonly string[]).includes(v ?? '');
}

async function upload({ file, resource }: { file: File; resource: ImportResource }) {
  const body = new FormData();
  body.set('file', file);
  body.set('resource', resource);
  let res: Response;
  try {
    res = await fetch('/api/v1/imports', { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' }, body });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  return ((await res.json()) as { data: UploadedImport }).data;
}

export function useUploadImport() {
  return useMutation({ mutationFn: upload, onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.list }) });
}

/** The dry run of the current settings; a POST, but it writes nothing, so it is cached like a read. */
export function useImportPreview(id: string | null, settings: ImportSettings, enabled: boolean) {
  return useQuery<ImportPreview>({
    queryKey: ['imports', 'preview', id, settings],
    enabled: Boolean(id) && enabled,
    queryFn: ({ signal }) => api<{ data: ImportPreview }>(`/imports/${id}/preview`, { method: 'POST', body: settings, signal }).then((r) => r.data),
    // Keep the last counts on screen while a changed setting is checked again.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useRunImport() {
  return useMutation({
    mutationFn: ({ id, settings }: { id: string; settings: ImportSettings }) =>
      api<{ data: ImportJob }>(`/imports/${id}/run`, { method: 'POST', body: settings }).then((r) => r.data),
  });
}

/** Polls every 500 ms while the import runs; the finished import refreshes the lists it wrote to. */
export function useImportProgress(id: string | null) {
  return useQuery({
    queryKey: keys.one(id ?? ''),
    enabled: Boolean(id),
    queryFn: async ({ signal }) => {
      const job = (await api<{ data: ImportJob }>(`/imports/${id}`, { signal })).data;
      if (job.status === 'completed' || job.status === 'failed') {
        void invalidateCrm();
        void queryClient.invalidateQueries({ queryKey: keys.list });
      }
      return job;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'completed' || q.state.data.status === 'failed') ? false : 500),
  });
}

export function useRecentImports() {
  return useQuery({ queryKey: keys.list, queryFn: ({ signal }) => api<{ data: ImportJob[] }>('/imports', { signal }).then((r) => r.data) });
}

export const rejectedHref = (id: string) => `/api/v1/imports/${id}/rejected`;
