// The frame shared by the record list pages (contacts, companies, leads, projects): URL-backed list
// state with the API query built from it, the New button, the search / filter toolbar, and the
// error / empty / table / pagination states around a page's own columns.
import type { UseQueryResult } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import type { RowSelectionState } from '@tanstack/react-table';
import { useEffect, useState, type ReactNode } from 'react';
import { entityOfResource, hasCapability } from '../../contracts/entities';
import { BulkBar } from './bulk-bar';
import { ViewsBar } from './views-bar';
import { API_FILTER_NAMES } from './list-filters';
import { Link, useSearchParams } from 'react-router';
import { canEdit, useMe } from '../lib/me';
import { useCreateParam } from '../lib/create-param';
import type { ListResponse } from '../lib/resource';
import { cn, titleCase } from '../lib/utils';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SearchBox, useListState } from './data-table';
import { DataGrid } from './grid/data-grid';
import type { DataGridState } from './grid/use-data-grid';
import { Button } from './ui/button';
import { Select } from './ui/input';
import { Card, Skeleton } from './ui/misc';


/**
 * useListState plus what every list page derives from it: the API `filter` (set filters only),
 * the list query params, and `sortProps` to spread on each SortHeader.
 */
export function useListPage(defaultSort: string, filterKeys: readonly string[]) {
  const list = useListState(defaultSort, filterKeys);
  const [search] = useSearchParams();
  // ?savedView=<id>: a saved view is applied (the server adds its filter under the page's own). Not ?view=,
  // which some lists use for their named presets (events: upcoming, mine, …).
  const viewId = search.get('savedView') || undefined;
  // unknown values: a page may put ranges ({gte, lte}) in its filter (deals).
  const filter: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(list.filters)) if (v) filter[API_FILTER_NAMES[k] ?? k] = v;
  const q = list.q || undefined;
  /** Changing the search, sort or a filter leaves the saved view (its state stays in the URL); paging keeps it. */
  const update: typeof list.update = (changes, resetOffset) => {
    const leaves = !('savedView' in changes) && Object.keys(changes).some((k) => k !== 'offset' && k !== 'limit');
    list.update(leaves && viewId ? { ...changes, savedView: null } : changes, resetOffset);
  };
  return {
    ...list,
    update,
    clear: () => update({ savedView: null, ...Object.fromEntries(['q', ...filterKeys].map((k) => [k, null])) }),
    filtering: list.filtering || Boolean(viewId),
    filterKeys,
    viewId,
    filter,
    /** Export: the same search, sort and filters as the list, without paging. */
    exportQuery: { q, sort: list.sort, filter, viewId },
    params: { limit: list.limit, offset: list.offset, sort: list.sort, q, filter, viewId },
    sortProps: { sort: list.sort, onSort: (sort: string) => update({ sort }) },
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

/** The record name cell's link (the whole row is a larger mouse target; Enter on the cell follows it). */
export function NameLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} tabIndex={-1} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
      {children}
    </Link>
  );
}

interface ListTableProps<T extends { id: string }> {
  query: UseQueryResult<ListResponse<T>>;
  list: ListPage;
  /** Table name and pagination noun, e.g. "Contacts". */
  label: string;
  /** Shown when search or filters match nothing, e.g. "No contacts match your search or filters." */
  noMatches: string;
  /** The empty state when there are no records at all. */
  empty: ReactNode;
  grid: DataGridState<T>;
  /** Where a row (and its name link) leads. */
  href: (row: T) => string;
  /** Controls at the end of the views bar's row (pages whose toolbar has no room for the Columns menu). */
  toolbarEnd?: ReactNode;
}

/** The saved views bar, then the list (with row selection and the bulk bar for members). */
export function ListTable<T extends { id: string }>(props: ListTableProps<T>) {
  return (
    <>
      <ViewsBar list={props.list} grid={props.grid} trailing={props.toolbarEnd} />
      <ListBody {...props} />
    </>
  );
}

/** Error, empty ("No matches" while filtering), or the grid with clickable rows and pagination. */
function ListBody<T extends { id: string }>({ query, list, label, noMatches, empty, grid, href }: ListTableProps<T>) {
  const [selected, setSelected] = useState<RowSelectionState>({});
  const [all, setAll] = useState(false);
  // A new search, filter, sort or page starts a new selection.
  const paramsKey = JSON.stringify(list.params);
  useEffect(() => {
    setSelected({});
    setAll(false);
  }, [paramsKey]);
  const entity = entityOfResource(grid.resource);
  const ids = Object.keys(selected).filter((id) => selected[id]);
  const pageCount = query.data?.data.length ?? 0;
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
    <Card className={cn('overflow-hidden', query.isPlaceholderData && 'opacity-70 transition-opacity')}>
      {grid.editable && entity && (ids.length > 0 || all) ? (
        <BulkBar
          resource={grid.resource}
          noun={[entity.label.toLowerCase(), entity.plural.toLowerCase()]}
          selection={{ ids, all, filter: list.filter, q: list.params.q, viewId: list.viewId }}
          total={query.data?.total ?? 0}
          pageCount={pageCount}
          columns={grid.columns}
          hasTags={hasCapability(entity, 'tags')}
          hasOwner={grid.columns.some((c) => c.edit?.type === 'owner')}
          onSelectAll={(v) => {
            setAll(v);
            if (!v) setSelected({});
          }}
          onClear={() => {
            setSelected({});
            setAll(false);
          }}
        />
      ) : null}
      {query.data ? (
        <DataGrid
          label={label}
          rows={query.data.data}
          columns={grid.columns}
          prefs={grid.prefs}
          onPrefs={grid.onPrefs}
          sort={list.sort}
          onSort={(sort) => list.update({ sort })}
          href={href}
          editable={grid.editable}
          onSave={grid.onSave}
          selection={grid.editable ? { state: selected, onChange: (next) => { setSelected(next); if (all) setAll(false); } } : undefined}
        />
      ) : (
        <GridSkeleton columns={Math.min(grid.columns.length, 6)} />
      )}
      {query.data ? (
        <Pagination noun={label} offset={list.offset} limit={list.limit} total={query.data.total} estimate={query.data.totalIsEstimate} onChange={(offset) => list.update({ offset })} onLimit={(limit) => list.update({ limit: limit === PAGE_SIZE ? null : limit })} />
      ) : null}
    </Card>
  );
}

function GridSkeleton({ columns }: { columns: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="divide-y divide-zinc-100">
      {Array.from({ length: 8 }, (_, r) => (
        <div key={r} className="flex h-9 items-center gap-6 px-3">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cn('h-4', c === 0 ? 'w-40' : 'w-24')} />
          ))}
        </div>
      ))}
    </div>
  );
}
