// What the command palette lists: search hits (debounced GET /search) grouped by record type,
// then the Quick create actions, which open each list page's create dialog through ?new=1.
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

export interface PaletteItem {
  key: string;
  group: string;
  label: string;
  snippet?: string;
  url: string;
}

const TYPE_ORDER = ['contact', 'company', 'deal', 'lead', 'project', 'task', 'note'] as const;
const TYPE_LABEL: Record<string, string> = { contact: 'Contacts', company: 'Companies', deal: 'Deals', lead: 'Leads', project: 'Projects', task: 'Tasks', note: 'Notes' };

export const QUICK_CREATE: PaletteItem[] = [
  ['New contact', '/contacts'],
  ['New company', '/companies'],
  ['New deal', '/deals'],
  ['New lead', '/leads'],
  ['New project', '/projects'],
  ['New task', '/tasks'],
].map(([label = '', path = '']) => ({ key: `create:${path}`, group: 'Quick create', label, url: `${path}?new=1` }));

function useDebounced(value: string, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function usePaletteItems(text: string) {
  const q = useDebounced(text.trim(), 200);
  const search = useQuery<SearchHit[]>({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api<{ data: SearchHit[] }>(`/search${qs({ q, types: TYPE_ORDER.join(','), limit: 20 })}`, { signal }).then((r) => r.data),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const hits: SearchHit[] = q && search.data ? search.data : [];
  const grouped = TYPE_ORDER.flatMap((type) =>
    hits.filter((h) => h.type === type).map((h): PaletteItem => ({ key: `${h.type}:${h.id}`, group: TYPE_LABEL[type] ?? type, label: markdownToPlain(h.title) || 'Untitled', snippet: h.snippet, url: h.url })),
  );
  const needle = text.trim().toLowerCase();
  const actions = QUICK_CREATE.filter((a) => !needle || a.label.toLowerCase().includes(needle));
  return {
    items: [...grouped, ...actions],
    searching: text.trim().length > 0 && (search.isFetching || q !== text.trim()),
    error: search.error,
    noHits: Boolean(q) && q === text.trim() && search.isSuccess && !search.isPlaceholderData && hits.length === 0,
  };
}
