// The saved views of a list (Issue 15.3): pick one (its filter, search, sort and columns apply),
// save the list as it is now under a name (private, or shared with the organization), rename or
// delete the one picked. The view's id stays in the URL (?savedView=), so a reload keeps it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Bookmark, Pencil, Save, Trash2 } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { SavedView } from '../../contracts/views';
import { api, errorMessage, qs } from '../lib/api';
import { canEdit, isAdmin, useMe } from '../lib/me';
import { queryClient } from '../lib/query-client';
import type { CrmResource } from '../lib/resource';
import { orderOf, visibilityOf } from './grid/data-grid';
import type { GridPrefs } from './grid/grid-prefs';
import type { GridColumn } from './grid/grid-types';
import { urlFilterName } from './list-filters';
import type { ListPage } from './list-page';
import { Button } from './ui/button';
import { ConfirmDialog, Dialog } from './ui/dialog';
import { Field } from './ui/field';
import { Input, Select } from './ui/input';

interface GridLike<T> {
  resource: CrmResource;
  columns: GridColumn<T>[];
  prefs: GridPrefs;
  onPrefs: (change: (p: GridPrefs) => GridPrefs) => void;
}

const viewsKey = (resource: string) => ['views', 'list', { resource }] as const;

export function useSavedViews(resource: string) {
  return useQuery({
    queryKey: viewsKey(resource),
    queryFn: ({ signal }) => api<{ data: SavedView[] }>(`/views${qs({ filter: JSON.stringify({ resource }), sort: 'name', limit: 200 })}`, { signal }).then((r) => r.data),
  });
}

/** `trailing`: the page's own controls for this row (e.g. the Columns menu), pushed to its end. */
export function ViewsBar<T>({ list, grid, trailing }: { list: ListPage; grid: GridLike<T>; trailing?: ReactNode }) {
  const me = useMe();
  const views = useSavedViews(grid.resource);
  const [saving, setSaving] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const active = views.data?.find((v) => v.id === list.viewId);
  const mayChange = active && canEdit(me.role) && (active.createdBy === me.user.id || isAdmin(me.role));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['views'] });

  function apply(view: SavedView | undefined) {
    if (!view) {
      list.clear();
      return;
    }
    const changes: Record<string, string | null> = { savedView: view.id, q: view.q, sort: view.sort };
    // The page's own filter controls show what the view filters on; the server applies the whole filter.
    for (const key of list.filterKeys) {
      const v = Object.entries(view.filter).find(([k]) => urlFilterName(k) === key)?.[1];
      changes[key] = typeof v === 'string' || typeof v === 'number' ? String(v) : null;
    }
    list.update(changes);
    if (view.columns.length) {
      const ids = grid.columns.map((c) => c.id);
      const shown = view.columns.filter((id) => ids.includes(id));
      grid.onPrefs((p) => ({ ...p, order: shown, shown, hidden: ids.filter((id) => !shown.includes(id)) }));
    }
  }

  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/views/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(`View “${active?.name}” deleted`);
      setDeleting(false);
      list.update({ savedView: null });
      return refresh();
    },
    onError: (e) => toast.error(`Could not delete the view: ${errorMessage(e)}`),
  });

  /** The columns shown now, in their order: what "Save view" keeps. */
  const visible = () => {
    const vis = visibilityOf(grid.columns, grid.prefs);
    return orderOf(grid.columns, grid.prefs).filter((id) => vis[id]);
  };

  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label="Saved views">
      <Bookmark className="hidden size-4 text-zinc-400 sm:block" aria-hidden="true" />
      <Select aria-label="Saved view" className="w-full min-w-0 sm:w-64" value={active?.id ?? ''} onChange={(e) => apply(views.data?.find((v) => v.id === e.target.value))}>
        <option value="">{list.viewId && !active && views.isPending ? 'Loading view…' : 'All records (no view)'}</option>
        {views.data?.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.visibility === 'shared' ? ' · shared' : ''}
          </option>
        ))}
      </Select>
      {canEdit(me.role) ? (
        <Button variant="secondary" size="sm" onClick={() => setSaving(true)}>
          <Save aria-hidden="true" /> Save view
        </Button>
      ) : null}
      {mayChange ? (
        <>
          {/* Icons only on a phone, so the picker keeps the room for the view's name. */}
          <Button variant="ghost" size="sm" aria-label="Rename view" onClick={() => setRenaming(true)}>
            <Pencil aria-hidden="true" /> <span className="hidden sm:inline">Rename</span>
          </Button>
          <Button variant="ghost" size="sm" aria-label="Delete view" onClick={() => setDeleting(true)}>
            <Trash2 aria-hidden="true" /> <span className="hidden sm:inline">Delete view</span>
          </Button>
        </>
      ) : null}
      {trailing ? <span className="ml-auto">{trailing}</span> : null}
      {saving ? (
        <ViewDialog
          title="Save view"
          initial={{ name: '', shared: false }}
          withSharing
          onClose={() => setSaving(false)}
          submit={async ({ name, shared }) => {
            const body = { name, resource: grid.resource, filter: list.filter, q: list.q || null, sort: list.sort, columns: visible(), layout: 'table', visibility: shared ? 'shared' : 'private' };
            const made = await api<{ data: SavedView }>('/views', { method: 'POST', body }).then((r) => r.data);
            await refresh();
            list.update({ savedView: made.id }, false);
            toast.success(`View “${made.name}” saved`);
          }}
        />
      ) : null}
      {renaming && active ? (
        <ViewDialog
          title="Rename view"
          initial={{ name: active.name, shared: active.visibility === 'shared' }}
          onClose={() => setRenaming(false)}
          submit={async ({ name }) => {
            await api(`/views/${active.id}`, { method: 'PATCH', body: { name }, headers: { 'If-Match': `"${active.version}"` } });
            await refresh();
            toast.success(`View renamed to “${name}”`);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this view?"
        description={`“${active?.name ?? ''}” will be removed${active?.visibility === 'shared' ? ' for everyone in the organization' : ''}. The records it shows are not touched.`}
        confirmLabel="Delete view"
        pending={remove.isPending}
        onConfirm={() => active && remove.mutate(active.id)}
      />
    </div>
  );
}

function ViewDialog({ title, initial, withSharing, onClose, submit }: { title: string; initial: { name: string; shared: boolean }; withSharing?: boolean; onClose: () => void; submit: (v: { name: string; shared: boolean }) => Promise<void> }) {
  const [name, setName] = useState(initial.name);
  const [shared, setShared] = useState(initial.shared);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Give the view a name');
    setPending(true);
    try {
      await submit({ name: name.trim(), shared });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title} description={withSharing ? 'Keeps the search, filters, sort and columns shown now.' : undefined}>
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Name" error={error ?? undefined}>
          <Input autoFocus value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </Field>
        {withSharing ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} className="size-4" />
            Share with everyone in the organization
          </label>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
