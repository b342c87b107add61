// "Columns": show or hide each column and move it left or right; remembered per user and list.
import { ArrowDown, ArrowUp, Columns3 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { buttonVariants } from '../ui/button';
import { orderOf, visibilityOf } from './data-grid';
import type { GridPrefs } from './grid-prefs';
import type { GridColumn } from './grid-types';

const item = 'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-800 outline-none data-[highlighted]:bg-zinc-100';
const iconButton = 'inline-flex size-6 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-30';

export function ColumnsMenu<T>({ columns, prefs, onPrefs }: { columns: GridColumn<T>[]; prefs: GridPrefs; onPrefs: (change: (p: GridPrefs) => GridPrefs) => void }) {
  const visibility = visibilityOf(columns, prefs);
  const order = orderOf(columns, prefs);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const movable = order.filter((id) => !byId.get(id)?.pinned);

  const toggle = (col: GridColumn<T>) =>
    onPrefs((p) => {
      const on = !visibility[col.id];
      const without = (list: string[]) => list.filter((id) => id !== col.id);
      return col.hidden ? { ...p, shown: on ? [...without(p.shown), col.id] : without(p.shown) } : { ...p, hidden: on ? without(p.hidden) : [...without(p.hidden), col.id] };
    });
  const move = (id: string, by: -1 | 1) =>
    onPrefs((p) => {
      const list = [...movable];
      const i = list.indexOf(id);
      const j = i + by;
      if (i < 0 || j < 0 || j >= list.length) return p;
      [list[i], list[j]] = [list[j]!, list[i]!];
      return { ...p, order: list };
    });

  return (
    <DropdownMenu.Root
      // Not modal: a modal menu marks the rest of the page aria-hidden while it stays focusable (axe: aria-hidden-focus); this one still takes focus and closes on Escape or a click outside.
      modal={false}
    >
      <DropdownMenu.Trigger className={buttonVariants({ variant: 'secondary' })}>
        <Columns3 aria-hidden="true" /> Columns
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 max-h-[70vh] min-w-60 overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium uppercase tracking-wide text-zinc-500">Show columns</DropdownMenu.Label>
          {movable.map((id, i) => {
            const col = byId.get(id);
            if (!col) return null;
            return (
              <div key={id} className="flex items-center gap-1">
                <DropdownMenu.CheckboxItem className={`${item} flex-1`} checked={visibility[id]} onCheckedChange={() => toggle(col)} onSelect={(e) => e.preventDefault()}>
                  <span className="flex size-4 items-center justify-center rounded border border-zinc-300 text-indigo-700">
                    <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                  </span>
                  {col.header}
                </DropdownMenu.CheckboxItem>
                <button type="button" className={iconButton} aria-label={`Move ${col.header} left`} disabled={i === 0} onClick={() => move(id, -1)}>
                  <ArrowUp className="size-3.5" aria-hidden="true" />
                </button>
                <button type="button" className={iconButton} aria-label={`Move ${col.header} right`} disabled={i === movable.length - 1} onClick={() => move(id, 1)}>
                  <ArrowDown className="size-3.5" aria-hidden="true" />
                </button>
              </div>
            );
          })}
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
          <DropdownMenu.Item className={item} onSelect={() => onPrefs(() => ({ hidden: [], shown: [], order: [], sizes: {} }))}>
            Reset columns
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
