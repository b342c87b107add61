// The frame shared by the record list pages (contacts, companies, leads, projects): URL-backed list
// state with the API query built from it, the New button, the search / filter toolbar, and the
// error / empty / table / pagination states around a page's own columns.
import type { UseQueryResult } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { canEdit, useMe } from '../features/auth/session';
import { useCreateParam } from '../lib/create-param';
import type { ListResponse } from '../lib/resource';
import { titleCase } from '../lib/utils';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SearchBox, TableSkeleton, useListState } from './data-table';
import { Button } from './ui/button';
import { Select } from './ui/input';
import { Card, Table, Td } from './ui/misc';

/** URL filter names that the API knows by another name (?tag= is the API's `tags` filter). */
const API_FILTER_NAMES: Record<string, string> = { tag: 'tags' };

/**
 * useListState plus what every list page derives from it: the API `filter` (set filters only),
 * the list query params, and `sortProps` to spread on each SortHeader.
 */
export function useListPage(defaultSort: string, filterKeys: readonly string[]) {
  const list = useListState(defaultSort, filterKeys);
  const filter: Record<string, string> = {};
  for (const [k, v] of Object.entries(list.filters)) if (v) filter[API_FILTER_NAMES[k] ?? k] = v;
  const q = list.q || undefined;
  return {
    ...list,
    filter,
    /** Export: the same search, sort and filters as the list, without paging. */
    exportQuery: { q, sort: list.sort, filter },
    params: { limit: PAGE_SIZE, offset: list.offset, sort: list.sort, q, filter },
    sortProps: { sort: list.sort, onSort: (sort: string) => list.update({ sort }) },
  };
}

export type ListPage = ReturnType<typeof useListPage>;

/** The ?new=1 create dialog state and its "New …" button (null for members who cannot edit). */
export function useNewRecord(label: string) {
  const me = useMe();
  const [creating, setCreating] = useCreateParam();
  const newButton = canEdit(me.role) ? (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" /> {label}
    </Button>
  ) : null;
  return { creating, setCreating, newButton };
}

/** Search box, the page's filters, and Clear filters while any is set. */
export function ListToolbar({ list, searchLabel, children }: { list: ListPage; searchLabel: string; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center">
      <SearchBox label={searchLabel} value={list.q} onChange={(q) => list.update({ q })} />
      {children}
      {list.filtering ? (
        <Button variant="ghost" onClick={list.clear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** "All statuses" select bound to the ?status= filter. */
export function StatusFilter<T extends string>({ list, values, label = titleCase, className }: { list: ListPage; values: readonly T[]; label?: (value: T) => string; className: string }) {
  return (
    <Select aria-label="Filter by status" className={className} value={list.filters.status} onChange={(e) => list.update({ status: e.target.value })}>
      <option value="">All statuses</option>
      {values.map((s) => (
        <option key={s} value={s}>
          {label(s)}
        </option>
      ))}
    </Select>
  );
}

/** The record name cell: the keyboard-reachable link (the whole row is a larger mouse target). */
export function NameCell({ to, children, after }: { to: string; children: ReactNode; /** Below the name, e.g. tag chips. */ after?: ReactNode }) {
  return (
    <Td className="font-medium">
      <Link to={to} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
        {children}
      </Link>
      {after}
    </Td>
  );
}

interface ListTableProps<T> {
  query: UseQueryResult<ListResponse<T>>;
  list: ListPage;
  /** Table name and pagination noun, e.g. "Contacts". */
  label: string;
  /** Shown when search or filters match nothing, e.g. "No contacts match your search or filters." */
  noMatches: string;
  /** The empty state when there are no records at all. */
  empty: ReactNode;
  /** Header cells. */
  head: ReactNode;
  /** Number of columns, for the loading skeleton. */
  columns: number;
  /** Where a row (and its name link) leads. */
  href: (row: T) => string;
  /** The cells of one row. */
  children: (row: T) => ReactNode;
}

/** Error, empty ("No matches" while filtering), or the table with clickable rows and pagination. */
export function ListTable<T extends { id: string }>({ query, list, label, noMatches, empty, head, columns, href, children }: ListTableProps<T>) {
  const navigate = useNavigate();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data && query.data.total === 0) {
    return (
      <Card>
        {list.filtering ? (
          <EmptyState
            title="No matches"
            message={noMatches}
            action={
              <Button variant="secondary" onClick={list.clear}>
                Clear filters
              </Button>
            }
          />
        ) : (
          empty
        )}
      </Card>
    );
  }
  return (
    <Card className={query.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}>
      <Table aria-label={label}>
        <thead>
          <tr>{head}</tr>
        </thead>
        {query.data ? (
          <tbody>
            {query.data.data.map((row) => (
              <tr key={row.id} className="cursor-pointer hover:bg-zinc-50" onClick={() => navigate(href(row))}>
                {children(row)}
              </tr>
            ))}
          </tbody>
        ) : (
          <TableSkeleton columns={columns} />
        )}
      </Table>
      {query.data ? (
        <Pagination noun={label} offset={list.offset} limit={PAGE_SIZE} total={query.data.total} estimate={query.data.totalIsEstimate} onChange={(offset) => list.update({ offset })} />
      ) : null}
    </Card>
  );
}
