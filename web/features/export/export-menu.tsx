// "Export" on a list page: CSV or Excel of the rows matching the list's current search, sort,
// filters and view, as a plain download link (the server answers with an attachment).
import { Download } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import type { EntityResource } from '../../../contracts/entities';
import { qs } from '../../lib/api';
import { buttonVariants } from '../../components/ui/button';

/** A catalogue resource with the `export` capability (the server mounts /{resource}/export for those). */
export type ExportResource = EntityResource;

export interface ExportQuery {
  q?: string;
  sort?: string;
  view?: string;
  /** A saved view applied to the list (its filter goes with the export too). */
  viewId?: string;
  filter?: Record<string, unknown>;
}

export function exportHref(resource: ExportResource, format: 'csv' | 'xlsx', query: ExportQuery) {
  const filter = query.filter && Object.keys(query.filter).length > 0 ? JSON.stringify(query.filter) : undefined;
  return `/api/v1/${resource}/export${qs({ format, q: query.q, sort: query.sort, view: query.view, viewId: query.viewId, filter })}`;
}

const item = 'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-800 outline-none data-[highlighted]:bg-zinc-100';

export function ExportMenu({ resource, query }: { resource: ExportResource; query: ExportQuery }) {
  return (
    <DropdownMenu.Root
      // Not modal: a modal menu marks the rest of the page aria-hidden while it stays focusable (axe: aria-hidden-focus); this one still takes focus and closes on Escape or a click outside.
      modal={false}
    >
      <DropdownMenu.Trigger className={buttonVariants({ variant: 'secondary' })}>
        <Download aria-hidden="true" /> Export
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Item asChild className={item}>
            <a href={exportHref(resource, 'csv', query)} download>
              CSV (.csv)
            </a>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={item}>
            <a href={exportHref(resource, 'xlsx', query)} download>
              Excel (.xlsx)
            </a>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
