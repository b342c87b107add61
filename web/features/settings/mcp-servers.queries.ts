import { useMutation, useQuery } from '@tanstack/react-query';
import type { McpServer } from '../../../contracts/mcp-servers';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

const key = ['mcp-servers'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: key });
const base = '/integrations/mcp-servers';

export function useMcpServers() {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api<{ data: McpServer[] }>(base, { signal }).then((r) => r.data) });
}

export function useCreateMcpServer() {
  return useMutation({
    mutationFn: (input: { name: string; url: string; auth?: 'none' | 'bearer'; token?: string }) => api<{ data: McpServer }>(base, { method: 'POST', body: input }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useUpdateMcpServer() {
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; enabled?: boolean; url?: string; token?: string }) => api<{ data: McpServer }>(`${base}/${id}`, { method: 'PATCH', body: input }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useRefreshMcpServer() {
  return useMutation({ mutationFn: (id: string) => api<{ data: McpServer }>(`${base}/${id}/refresh`, { method: 'POST', body: {} }).then((r) => r.data), onSuccess: refresh });
}

export function useUpdateMcpTool() {
  return useMutation({
    mutationFn: ({ id, tool, ...input }: { id: string; tool: string; enabled?: boolean; needsApproval?: boolean }) =>
      api<{ data: McpServer }>(`${base}/${id}/tools/${encodeURIComponent(tool)}`, { method: 'PATCH', body: input }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useDeleteMcpServer() {
  return useMutation({ mutationFn: (id: string) => api<void>(`${base}/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}
