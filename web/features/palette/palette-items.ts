// What the command palette lists: search hits (debounced GET /search) grouped by record type, then
// commands — go to a page, create a record (the list page's ?new=1 dialog), log a call / email /
// meeting on the record on screen (or on one picked from the search), ask the assistant.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, qs } from '../../lib/api';
import { markdownToPlain } from '../../lib/format';

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  snippet: string;
  why: string;
  score: number;
  url: string;
}

export type PaletteAction =
  | { kind: 'go'; url: string }
  | { kind: 'log'; type: LogType; target?: LogTarget }
  | { kind: 'pick-log'; type: LogType }
  | { kind: 'assistant' };

export type LogType = 'call' | 'email' | 'meeting';
export type LoggableType = 'contact' | 'company' | 'deal' | 'lead' | 'project';
export interface LogTarget {
  relatedType: LoggableType;
  relatedId: string;
  name: string;
}

export interface PaletteItem {
  key: string;
  group: string;
  label: string;
  snippet?: string;
  /** Extra words the command also answers to ("settings" finds "Go to settings"). */
  keywords?: string[];
  action: PaletteAction;
  /** A search hit rather than a command. */
  hit?: SearchHit;
}

const TYPE_ORDER = ['contact', 'company', 'deal', 'lead', 'project', 'task', 'note'] as const;
const TYPE_LABEL: Record<string, string> = { contact: 'Contacts', company: 'Companies', deal: 'Deals', lead: 'Leads', project: 'Projects', task: 'Tasks', note: 'Notes' };
export const LOGGABLE: readonly string[] = ['contact', 'company', 'deal', 'lead', 'project'];

const go = (group: string, label: string, url: string, keywords: string[] = []): PaletteItem => ({ key: `go:${group}:${url}`, group, label, keywords, action: { kind: 'go', url } });

export const QUICK_CREATE: PaletteItem[] = [
  ['New contact', '/contacts', ['person', 'add']],
  ['New company', '/companies', ['organization', 'account', 'add']],
  ['New deal', '/deals', ['opportunity', 'add']],
  ['New lead', '/leads', ['prospect', 'add']],
  ['New project', '/projects', ['add']],
  ['New task', '/tasks', ['todo', 'reminder', 'add']],
  ['New event', '/events', ['meeting', 'calendar', 'add']],
].map(([label, path, keywords]) => go('Create', label as string, `${path as string}?new=1`, keywords as string[]));

export const NAVIGATION: PaletteItem[] = [
  go('Go to', 'Go to dashboard', '/', ['home', 'reports']),
  go('Go to', 'Go to deals', '/deals', ['pipeline', 'board']),
  go('Go to', 'Go to contacts', '/contacts', ['people']),
  go('Go to', 'Go to companies', '/companies', ['accounts']),
  go('Go to', 'Go to leads', '/leads'),
  go('Go to', 'Go to projects', '/projects'),
  go('Go to', 'Go to tasks', '/tasks', ['todo']),
  go('Go to', 'Go to calendar', '/calendar', ['schedule', 'agenda', 'month', 'week']),
  go('Go to', 'Go to events', '/events', ['meetings']),
  go('Go to', 'Go to settings', '/settings', ['preferences', 'admin']),
  go('Go to', 'Go to pipeline settings', '/settings/pipelines', ['stages', 'rotting']),
  go('Go to', 'Go to members', '/settings/members', ['team', 'invite', 'users']),
];

const LOG_LABEL: Record<LogType, string> = { call: 'Log a call', email: 'Log an email', meeting: 'Log a meeting' };

/** The record on screen (a contact's page, a deal's…), which "Log a call" is about. */
export function logCommands(current: LogTarget | null): PaletteItem[] {
  return (['call', 'email', 'meeting'] as const).map((type) =>
    current
      ? { key: `log:${type}`, group: 'Commands', label: `${LOG_LABEL[type]} with ${current.name}`, keywords: ['log', type], action: { kind: 'log', type, target: current } }
      : { key: `log:${type}`, group: 'Commands', label: `${LOG_LABEL[type]}…`, keywords: ['log', type, 'record'], action: { kind: 'pick-log', type } },
  );
}

export const ASSISTANT: PaletteItem = { key: 'assistant', group: 'Commands', label: 'Ask the assistant', keywords: ['ai', 'chat', 'help'], action: { kind: 'assistant' } };

function useDebounced(value: string, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Every word of the query starts a word of the label or its keywords. */
export function matches(item: PaletteItem, needle: string) {
  const words = needle.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [item.label, ...(item.keywords ?? [])].join(' ').toLowerCase().split(/[\s…]+/);
  return words.every((w) => hay.some((h) => h.startsWith(w)));
}

export function useSearchHits(text: string, types: readonly string[] = TYPE_ORDER) {
  const q = useDebounced(text.trim(), 200);
  const search = useQuery<SearchHit[]>({
    queryKey: ['search', q, types.join(',')],
    queryFn: ({ signal }) => api<{ data: SearchHit[] }>(`/search${qs({ q, types: types.join(','), limit: 20 })}`, { signal }).then((r) => r.data),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const hits: SearchHit[] = q && search.data ? search.data : [];
  const items = TYPE_ORDER.flatMap((type) =>
    hits.filter((h) => h.type === type).map((h): PaletteItem => ({ key: `${h.type}:${h.id}`, group: TYPE_LABEL[type] ?? type, label: markdownToPlain(h.title) || 'Untitled', snippet: h.snippet, action: { kind: 'go', url: h.url }, hit: h })),
  );
  return {
    items,
    searching: text.trim().length > 0 && (search.isFetching || q !== text.trim()),
    error: search.error,
    noHits: Boolean(q) && q === text.trim() && search.isSuccess && !search.isPlaceholderData && hits.length === 0,
  };
}
