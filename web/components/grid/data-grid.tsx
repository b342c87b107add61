// The list pages' table, on TanStack Table (columns: visibility, order, sizing/resizing) and
// TanStack Virtual (only the rows on screen are drawn on long pages). Compact rows, a sticky header,
// one tab stop with arrow-key movement between cells (ARIA grid), and cells that edit in place.
import {
  columnOrderingFeature, columnResizingFeature, columnSizingFeature, columnVisibilityFeature, rowSelectionFeature, tableFeatures, useTable,
  type ColumnDef, type ColumnOrderState, type ColumnSizingState, type RowSelectionState, type Updater, type ColumnVisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { cn } from '../../lib/utils';
import { CellEditorInput } from './cell-editor';
import type { GridPrefs } from './grid-prefs';
import type { GridColumn } from './grid-types';

const features = tableFeatures({ columnVisibilityFeature, columnOrderingFeature, columnSizingFeature, columnResizingFeature, rowSelectionFeature });
/** Rows are drawn only near the viewport past this many. */
const VIRTUAL_FROM = 60;
const ROW_HEIGHT = 36;

const apply = <S,>(u: Updater<S>, prev: S): S => (typeof u === 'function' ? (u as (p: S) => S)(prev) : u);

export interface DataGridProps<T extends { id: string }> {
  label: string;
  rows: T[] | undefined;
  columns: GridColumn<T>[];
  prefs: GridPrefs;
  onPrefs: (change: (p: GridPrefs) => GridPrefs) => void;
  sort: string;
  onSort: (sort: string) => void;
  href: (row: T) => string;
  /** Members edit; viewers read. */
  editable: boolean;
  onSave: (row: T, column: GridColumn<T>, value: string) => void;
  /** Row checkboxes (bulk actions): the selected row ids, TanStack Table's row selection state. */
  selection?: { state: RowSelectionState; onChange: (next: RowSelectionState) => void };
}

export function visibilityOf<T>(columns: GridColumn<T>[], prefs: GridPrefs): ColumnVisibilityState {
  return Object.fromEntries(columns.map((c) => [c.id, c.pinned || (c.hidden ? prefs.shown.includes(c.id) : !prefs.hidden.includes(c.id))]));
}

export function orderOf<T>(columns: GridColumn<T>[], prefs: GridPrefs): ColumnOrderState {
  const ids = columns.map((c) => c.id);
  const pinned = columns.filter((c) => c.pinned).map((c) => c.id);
  const saved = prefs.order.filter((id) => ids.includes(id) && !pinned.includes(id));
  return [...pinned, ...saved, ...ids.filter((id) => !pinned.includes(id) && !saved.includes(id))];
}

export function DataGrid<T extends { id: string }>({ label, rows, columns, prefs, onPrefs, sort, onSort, href, editable, onSave, selection }: DataGridProps<T>) {
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ rowId: string; colId: string } | null>(null);
  const [focusWanted, setFocusWanted] = useState(false);

  const defs = useMemo<ColumnDef<typeof features, T>[]>(
    () => columns.map((c) => ({ id: c.id, header: c.header, size: c.size ?? 160, minSize: 60, maxSize: 800, enableResizing: true, accessorFn: (row: T) => row.id })),
    [columns],
  );
  const columnVisibility = useMemo(() => visibilityOf(columns, prefs), [columns, prefs]);
  const columnOrder = useMemo(() => orderOf(columns, prefs), [columns, prefs]);
  // While a column is dragged its widths are a draft; they are saved (once) when the drag ends.
  const [draft, setDraft] = useState<ColumnSizingState | null>(null);
  const columnSizing = draft ?? prefs.sizes;
  const data = useMemo(() => rows ?? [], [rows]);

  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: (row: T) => row.id,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnOrder, columnSizing, rowSelection: selection?.state ?? {} },
    enableRowSelection: Boolean(selection),
    onRowSelectionChange: (u: Updater<RowSelectionState>) => selection?.onChange(apply(u, selection.state)),
    onColumnSizingChange: (u: Updater<ColumnSizingState>) => setDraft((prev) => apply(u, prev ?? prefs.sizes)),
    onColumnVisibilityChange: () => undefined,
    onColumnOrderChange: () => undefined,
  });

  const resizing = Boolean(table.state.columnResizing?.isResizingColumn);
  useEffect(() => {
    if (resizing || !draft) return;
    onPrefs((p) => (sameSizes(p.sizes, draft) ? p : { ...p, sizes: draft }));
    setDraft(null);
  }, [resizing, draft, onPrefs]);

  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  // TanStack Table applies the order and visibility; the page's column specs render the cells.
  const leaves = table.getVisibleLeafColumns();
  const visible = leaves.flatMap((l) => byId.get(l.id) ?? []);
  const sizeOf = new Map(leaves.map((l) => [l.id, l.getSize()]));
  const virtual = data.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({ count: data.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10, enabled: virtual });
  const items = virtual ? virtualizer.getVirtualItems() : data.map((_, index) => ({ index, start: index * ROW_HEIGHT, end: (index + 1) * ROW_HEIGHT }));
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  const r = Math.min(active.r, Math.max(0, data.length - 1));
  const c = Math.min(active.c, Math.max(0, visible.length - 1));
  useEffect(() => {
    if (!focusWanted) return;
    setFocusWanted(false);
    if (virtual) virtualizer.scrollToIndex(r, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`)?.focus());
  }, [focusWanted, r, c, virtual, virtualizer]);

  const moveTo = (nr: number, nc: number) => {
    setActive({ r: Math.max(0, Math.min(nr, data.length - 1)), c: Math.max(0, Math.min(nc, visible.length - 1)) });
    setFocusWanted(true);
  };
  const canEditCell = (col: GridColumn<T> | undefined) => Boolean(editable && col?.edit);

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    if (editing) return;
    const row = data[r];
    const col = visible[c];
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(r + 1, c),
      ArrowUp: () => moveTo(r - 1, c),
      ArrowRight: () => moveTo(r, c + 1),
      ArrowLeft: () => moveTo(r, c - 1),
      Home: () => moveTo(e.ctrlKey ? 0 : r, 0),
      End: () => moveTo(e.ctrlKey ? data.length - 1 : r, visible.length - 1),
      PageDown: () => moveTo(r + 10, c),
      PageUp: () => moveTo(r - 10, c),
      Enter: () => {
        if (!row) return;
        if (canEditCell(col) && col) setEditing({ rowId: row.id, colId: col.id });
        else navigate(href(row));
      },
      F2: () => row && col && canEditCell(col) && setEditing({ rowId: row.id, colId: col.id }),
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  }

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const headerById = new Map(headers.map((h) => [h.column.id, h]));
  const SELECT_WIDTH = 36;
  const width = table.getTotalSize() + (selection ? SELECT_WIDTH : 0);
  const rowById = (id: string) => table.getRowModel().rowsById[id];

  return (
    // relative: absolutely positioned content (sr-only labels) scrolls with the table instead of
    // widening the page past a phone's screen. The grid scrolls inside its card both ways, so the
    // header can stick and the page itself never scrolls sideways.
    <div ref={scrollRef} className="relative max-h-[calc(100dvh-14rem)] overflow-auto overscroll-x-contain">
      <table role="grid" aria-label={label} aria-rowcount={data.length + 1} className="table-fixed border-separate border-spacing-0 text-left text-sm" style={{ width, minWidth: '100%' }}>
        <colgroup>
          {selection ? <col style={{ width: SELECT_WIDTH }} /> : null}
          {visible.map((col) => (
            <col key={col.id} style={{ width: sizeOf.get(col.id) }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-20">
          <tr>
            {selection ? (
              <th scope="col" className="sticky left-0 z-10 h-8 border-b border-zinc-200 bg-zinc-50 px-0 text-center">
                <input
                  type="checkbox"
                  className="size-4 align-middle"
                  aria-label="Select all on this page"
                  checked={table.getIsAllRowsSelected()}
                  ref={(el) => {
                    if (el) el.indeterminate = !table.getIsAllRowsSelected() && table.getIsSomeRowsSelected();
                  }}
                  onChange={(e) => table.toggleAllRowsSelected(e.target.checked)}
                />
              </th>
            ) : null}
            {visible.map((col, ci) => {
              const h = headerById.get(col.id);
              return (
                <HeaderCell key={col.id} col={col} sort={sort} onSort={onSort} first={ci === 0} offset={Boolean(selection)}>
                  {h && h.column.getCanResize() ? (
                    <span
                      aria-hidden="true"
                      onDoubleClick={() => h.column.resetSize()}
                      onMouseDown={h.getResizeHandler()}
                      onTouchStart={h.getResizeHandler()}
                      className={cn('absolute right-0 top-0 h-full w-1.5 cursor-col-resize touch-none select-none hover:bg-indigo-400', h.column.getIsResizing() && 'bg-indigo-500')}
                    />
                  ) : null}
                </HeaderCell>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
          {items.map(({ index }) => {
            const row = data[index];
            if (!row) return null;
            return (
              <tr key={row.id} aria-rowindex={index + 2} aria-selected={selection ? Boolean(selection.state[row.id]) : undefined} data-row-id={row.id} className="group cursor-pointer" style={{ height: ROW_HEIGHT }} onClick={() => navigate(href(row))}>
                {selection ? (
                  <td className="sticky left-0 z-10 h-9 border-b border-zinc-100 bg-white px-0 text-center group-hover:bg-zinc-50" onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" className="size-4 align-middle" aria-label="Select row" checked={Boolean(selection.state[row.id])} onChange={(e) => rowById(row.id)?.toggleSelected(e.target.checked)} />
                  </td>
                ) : null}
                {visible.map((col, ci) => {
                  const isEditing = editing?.rowId === row.id && editing.colId === col.id;
                  const editableCell = canEditCell(col);
                  return (
                    <td
                      key={col.id}
                      data-cell={`${index}:${ci}`}
                      data-col={col.id}
                      tabIndex={index === r && ci === c ? 0 : -1}
                      aria-readonly={editableCell ? undefined : true}
                      onFocus={() => (index !== r || ci !== c) && setActive({ r: index, c: ci })}
                      onClick={(e) => {
                        if (!editableCell) return;
                        e.stopPropagation();
                        setActive({ r: index, c: ci });
                        setEditing({ rowId: row.id, colId: col.id });
                      }}
                      className={cn(
                        'h-9 truncate border-b border-zinc-100 bg-white px-3 py-0 align-middle text-zinc-700 outline-none group-hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-600',
                        ci === 0 && cn('sticky z-10 font-medium text-zinc-900', selection ? 'left-9' : 'left-0'),
                        col.align === 'right' && 'text-right tabular-nums',
                        editableCell && 'cursor-text hover:ring-1 hover:ring-inset hover:ring-zinc-300',
                        isEditing && 'px-1',
                      )}
                    >
                      {isEditing && col.edit ? (
                        <CellEditorInput
                          editor={col.edit}
                          row={row}
                          onCancel={() => {
                            setEditing(null);
                            setFocusWanted(true);
                          }}
                          onCommit={(value) => {
                            setEditing(null);
                            setFocusWanted(true);
                            if (value !== col.edit?.value(row)) onSave(row, col, value);
                          }}
                        />
                      ) : (
                        col.cell(row)
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell<T>({ col, sort, onSort, first, offset, children }: { col: GridColumn<T>; sort: string; onSort: (s: string) => void; first: boolean; offset?: boolean; children: ReactNode }) {
  const field = col.sort;
  const state = field ? (sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none') : undefined;
  const Icon = state === 'ascending' ? ArrowUp : state === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <th
      scope="col"
      aria-sort={state}
      className={cn('relative h-8 truncate border-b border-zinc-200 bg-zinc-50 px-3 py-0 text-xs font-semibold uppercase tracking-wide text-zinc-500', first && cn('sticky z-10', offset ? 'left-9' : 'left-0'), col.align === 'right' && 'text-right')}
    >
      {field ? (
        <button type="button" onClick={() => onSort(state === 'ascending' ? `-${field}` : field)} className="inline-flex max-w-full items-center gap-1 rounded uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <span className="truncate">{col.header}</span>
          <Icon className={cn('size-3.5 shrink-0', state === 'none' && 'opacity-40')} aria-hidden="true" />
        </button>
      ) : (
        col.header
      )}
      {children}
    </th>
  );
}

function sameSizes(a: Record<string, number>, b: Record<string, number>) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
