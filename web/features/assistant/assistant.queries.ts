// The assistant's REST side: conversations, approvals and AI settings (organization and personal).
// The chat itself streams through useChat (see chat-view.tsx), not through these hooks.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { UIMessage } from 'ai';
import type { z } from 'zod';
import type { AI_PROVIDERS, AiSettingsInput, AiSettingsSchema, ApprovalSchema } from '../../../contracts/assistant';
import type { AiTestResult, Conversation, ConversationSummary, StoredMessage } from '../../../contracts/responses';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';

export type AiProvider = (typeof AI_PROVIDERS)[number];
export type AiSettings = z.infer<typeof AiSettingsSchema>;
export type Approval = z.infer<typeof ApprovalSchema>;

export type { Conversation, ConversationSummary, StoredMessage };
export type StoredToolCall = StoredMessage['toolCalls'][number];

/** What the server puts on the `start` and `finish` chunks of a streamed reply. */
export interface ChatMetadata {
  conversationId?: string;
  model?: string;
  pendingApprovals?: Pick<Approval, 'id' | 'toolName' | 'summary' | 'status'>[];
}
export type ChatMessage = UIMessage<ChatMetadata>;

export type TestResult = AiTestResult;

export const assistantKeys = {
  conversations: ['assistant', 'conversations'] as const,
  conversation: (id: string) => ['assistant', 'conversation', id] as const,
  approvals: (status?: string) => ['assistant', 'approvals', status ?? 'all'] as const,
  myAi: ['assistant', 'me-ai'] as const,
  orgAi: ['assistant', 'org-ai'] as const,
};

export function useConversations() {
  return useQuery({
    queryKey: assistantKeys.conversations,
    queryFn: ({ signal }) => api<{ data: ConversationSummary[] }>('/assistant/conversations', { signal }).then((r) => r.data),
  });
}

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: assistantKeys.conversation(id ?? ''),
    queryFn: ({ signal }) => api<{ data: Conversation }>(`/assistant/conversations/${id}`, { signal }).then((r) => r.data),
    enabled: Boolean(id),
    // A conversation is loaded once into the chat; the chat then owns its messages.
    staleTime: 0,
    gcTime: 0,
  });
}

/** The user's approvals; `pending` for the ones still waiting, none for all (to know how each ended). */
export function useApprovals(status?: 'pending') {
  return useQuery({
    queryKey: assistantKeys.approvals(status),
    queryFn: ({ signal }) => api<{ data: Approval[] }>(`/assistant/approvals${status ? `?status=${status}` : ''}`, { signal }).then((r) => r.data),
  });
}

/** After the assistant (or an approval) may have written records, every CRM view refreshes. */
export function refreshAfterAssistant() {
  void queryClient.invalidateQueries({ queryKey: ['assistant', 'approvals'] });
  void queryClient.invalidateQueries({ queryKey: assistantKeys.conversations });
  void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'contacts' || q.queryKey[0] === 'companies' });
}

export function useDecideApproval() {
  return useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      api<{ data: Approval }>(`/assistant/approvals/${id}`, { method: 'POST', body: { approve } }).then((r) => r.data),
    onSettled: refreshAfterAssistant,
  });
}

export function useMyAi() {
  return useQuery({ queryKey: assistantKeys.myAi, queryFn: ({ signal }) => api<{ data: AiSettings }>('/me/ai', { signal }).then((r) => r.data) });
}

export function useOrgAi(enabled: boolean) {
  return useQuery({ queryKey: assistantKeys.orgAi, queryFn: ({ signal }) => api<{ data: AiSettings }>('/settings/ai', { signal }).then((r) => r.data), enabled });
}

const refreshAi = () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'assistant' && (q.queryKey[1] === 'me-ai' || q.queryKey[1] === 'org-ai') });

/** Scope `organization` is PUT /settings/ai (admins); `user` is the personal override PUT /me/ai. */
export function useSaveAi(scope: 'organization' | 'user') {
  return useMutation({
    mutationFn: (body: AiSettingsInput) => api<{ data: AiSettings }>(scope === 'organization' ? '/settings/ai' : '/me/ai', { method: 'PUT', body }).then((r) => r.data),
    onSuccess: refreshAi,
  });
}

export function useClearMyAi() {
  return useMutation({ mutationFn: () => api<void>('/me/ai', { method: 'DELETE' }), onSuccess: refreshAi });
}

export function useTestAi(scope: 'organization' | 'user') {
  return useMutation({
    mutationFn: (body: Partial<AiSettingsInput>) =>
      api<{ data: TestResult }>(scope === 'organization' ? '/settings/ai/test' : '/me/ai/test', { method: 'POST', body }).then((r) => r.data),
  });
}
