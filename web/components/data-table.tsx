// Building blocks of the list pages: URL-backed list state, debounced search, sortable headers,
// pagination, and the loading / empty / error states.
import { AlertTriangle, ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight, Search, SearchX } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../lib/api';
import { cn } from '../lib/utils';
import { Button } from './ui/button';
import { Input } from './ui/input';
import { Card, Skeleton, Td, Th } from './ui/misc';

export const PAGE_SIZE = 25;
/** Page sizes offered under a list; past 60 rows the grid draws only what is on screen. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/**
 * List state lives in the URL (?q=&sort=&offset=&status=…) so a filtered view can be bookmarked,
 * shared, and survives the back button from a detail page.
 */
export function useListState(defaultSort: string, filterKeys: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const asked = Number(params.get('limit'));
  const limit = (PAGE_SIZES as readonly number[]).includes(asked) ? asked : PAGE_SIZE;
  const filters = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Record<string, string>;

  function update(changes: Record<string, string | number | null>, resetOffset = true) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '' || (k === 'offset' && v === 0)) next.delete(k);
          else next.set(k, String(v));
        }
        if (resetOffset && !('offset' in changes)) next.delete('offset');
        return next;
      },
      { replace: true },
    );
  }

  const filtering = q !== '' || Object.values(filters).some((v) => v !== '');
  const clear = () => update(Object.fromEntries(['q', ...filterKeys].map((k) => [k, null])));
  return { q, sort, offset, limit, filters, filtering, update, clear };
}

export function SearchBox({ value, onChange, label }: { value: string; onChange: (q: string) => void; label: string }) {
  const [text, setText] = useState(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // The URL may change under us (Clear filters, back button); follow it.
  useEffect(() => setText(value), [value]);
  // Debounced: one request after the user pauses typing, not one per keystroke.
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => onChangeRef.current(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text, value]);
  return (
    <div className="relative w-full sm:w-72">
      <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />
      <Input type="search" aria-label={label} placeholder={`${label}…`} value={text} onChange={(e) => setText(e.target.value)} className="pl-9" />
    </div>
  );
}

export function SortHeader({ field, label, sort, onSort, className }: { field: string; label: string; sort: string; onSort: (s: string) => void; className?: string }) {
  const active = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const Icon = active === 'ascending' ? ArrowUp : active === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <Th aria-sort={active} className={className}>
      <button
        type="button"
        onClick={() => onSort(active === 'ascending' ? `-${field}` : field)}
        className="inline-flex items-center gap-1 rounded uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {label}
        <Icon className={cn('size-3.5', active === 'none' && 'opacity-40')} aria-hidden="true" />
      </button>
    </Th>
  );
}

export function Pagination({ offset, limit, total, estimate, onChange, onLimit, noun }: { offset: number; limit: number; total: number; estimate?: boolean; onChange: (offset: number) => void; onLimit?: (limit: number) => void; noun: string }) {
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav aria-label={`${noun} pages`} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-zinc-200 px-4 py-2 text-sm text-zinc-600">
      <p aria-live="polite">
        {from}–{to} of {estimate ? '~' : ''}
        {total.toLocaleString()}
      </p>
      <div className="flex items-center gap-2">
        {onLimit ? (
          <label className="flex items-center gap-1.5 text-xs text-zinc-600">
            Rows
            <select aria-label="Rows per page" className="h-8 rounded-md border border-zinc-300 bg-white px-1.5 text-sm" value={limit} onChange={(e) => onLimit(Number(e.target.value))}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          <ChevronLeft aria-hidden="true" /> Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
          Next <ChevronRight aria-hidden="true" />
        </Button>
      </div>
    </nav>
  );
}

export function TableSkeleton({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return (
    <tbody aria-busy="true">
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r}>
          {Array.from({ length: columns }, (_, c) => (
            <Td key={c}>
              <Skeleton className={cn('h-4', c === 0 ? 'w-40' : 'w-24')} />
            </Td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

export function EmptyState({ icon, title, message, action }: { icon?: ReactNode; title: string; message?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 [&_svg]:size-6">{icon ?? <SearchX aria-hidden="true" />}</div>
      <h2 className="text-base font-semibold">{title}</h2>
      {message ? <p className="max-w-sm text-sm text-zinc-500">{message}</p> : null}
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Card role="alert" className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <AlertTriangle className="size-6 text-red-600" aria-hidden="true" />
      <h2 className="font-semibold">Could not load this</h2>
      <p className="max-w-md text-sm text-zinc-600">{errorMessage(error)}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </Card>
  );
}
