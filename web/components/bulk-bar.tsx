// The bulk bar of a list (Issue 15.4): what is selected (the page's rows, or "all N matching"), and
// the actions — assign owner, add/remove a tag, set a field, delete (after a confirmation naming the
// count). Small batches answer at once; larger ones run in the background and their progress shows
// in a toast. Either way the result toast has Undo, which reverts the whole batch.
import { Tag, Trash2, UserRound, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { BulkJob, BulkResult, BulkUndoResult } from '../../contracts/bulk';
import { api, errorMessage } from '../lib/api';
import { useMembers } from '../lib/members';
import { invalidateCrm, type CrmResource } from '../lib/resource';
import { plural } from '../lib/format';
import type { GridColumn } from './grid/grid-types';
import { Button } from './ui/button';
import { ConfirmDialog, Dialog } from './ui/dialog';
import { Field } from './ui/field';
import { Input, Select } from './ui/input';

type Action = 'update' | 'assign' | 'tag' | 'untag' | 'delete';
export interface BulkSelection {
  /** Rows ticked on this page. */
  ids: string[];
  /** "Select all N matching": the list's filter instead of ids. */
  all: boolean;
  filter: Record<string, unknown>;
  q?: string;
  viewId?: string;
}

interface Props<T> {
  resource: CrmResource;
  /** "contact" / "contacts" for messages. */
  noun: [string, string];
  selection: BulkSelection;
  total: number;
  pageCount: number;
  columns: GridColumn<T>[];
  hasTags: boolean;
  hasOwner: boolean;
  onSelectAll: (all: boolean) => void;
  onClear: () => void;
}

const POLL_MS = 1000;
const verbs: Record<Action, string> = { update: 'Updated', assign: 'Assigned', tag: 'Tagged', untag: 'Untagged', delete: 'Deleted' };

export function BulkBar<T>({ resource, noun, selection, total, pageCount, columns, hasTags, hasOwner, onSelectAll, onClear }: Props<T>) {
  const members = useMembers();
  const [dialog, setDialog] = useState<null | 'assign' | 'tag' | 'untag' | 'field' | 'delete'>(null);
  const [busy, setBusy] = useState(false);
  const count = selection.all ? total : selection.ids.length;
  const what = plural(count, noun[0], noun[1]);
  const editable = columns.filter((c) => c.edit && c.edit.type !== 'owner');

  async function undo(batchId: string) {
    try {
      const r = await api<{ data: BulkUndoResult }>(`/bulk-jobs/${batchId}/undo`, { method: 'POST' }).then((x) => x.data);
      await invalidateCrm();
      if (r.failed.length) toast.warning(`Undid ${r.undone} of ${r.total}; ${r.failed.length} changed since and were left as they are`);
      else toast.success(`Undone: ${plural(r.undone, noun[0], noun[1])} back as before`);
    } catch (e) {
      toast.error(`Could not undo: ${errorMessage(e)}`);
    }
  }

  function done(action: Action, batchId: string, succeeded: number, failed: { id: string; error: string }[]) {
    const msg = `${verbs[action]} ${plural(succeeded, noun[0], noun[1])}`;
    const extra = failed.length ? ` · ${failed.length} not changed (${failed[0].error}${failed.length > 1 ? ', …' : ''})` : '';
    (failed.length ? toast.warning : toast.success)(msg + extra, { duration: 10_000, action: succeeded ? { label: 'Undo', onClick: () => void undo(batchId) } : undefined });
  }

  /** Follows a background batch in one toast until it finishes. */
  async function follow(action: Action, jobId: string, totalCount: number) {
    const id = toast.loading(`${verbs[action]} 0 of ${totalCount}…`);
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      try {
        const job = await api<{ data: BulkJob }>(`/bulk-jobs/${jobId}`).then((r) => r.data);
        if (job.status === 'completed' || job.status === 'failed') {
          toast.dismiss(id);
          await invalidateCrm();
          if (job.status === 'failed') toast.error(`The batch stopped: ${job.error ?? 'unknown error'}`);
          else done(action, job.batchId, job.succeeded, job.failures);
          return;
        }
        toast.loading(`${verbs[action]} ${job.done} of ${job.total}…`, { id, description: <progress className="w-full" max={job.total} value={job.done} aria-label="Progress" /> });
      } catch (e) {
        toast.error(`Lost track of the batch: ${errorMessage(e)}`, { id });
        return;
      }
    }
  }

  async function run(action: Action, values?: Record<string, unknown>) {
    setBusy(true);
    try {
      const target = selection.all ? { filter: selection.filter, ...(selection.q ? { q: selection.q } : {}), ...(selection.viewId ? { viewId: selection.viewId } : {}) } : { ids: selection.ids };
      const res = await api<{ data: BulkResult | { jobId: string; batchId: string; total: number; status: string } }>(`/${resource}/bulk`, { method: 'POST', body: { ...target, action, ...(values ? { values } : {}) } });
      setDialog(null);
      onClear();
      if ('jobId' in res.data) void follow(action, res.data.jobId, res.data.total);
      else {
        await invalidateCrm();
        done(action, res.data.batchId, res.data.succeeded, res.data.failed);
      }
    } catch (e) {
      toast.error(`Could not change ${what}: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 border-b border-indigo-100 bg-indigo-50 px-3 py-2 text-sm">
      <span className="font-medium text-indigo-900" aria-live="polite">
        {what} selected
      </span>
      {!selection.all && selection.ids.length === pageCount && total > pageCount ? (
        <Button variant="ghost" size="sm" onClick={() => onSelectAll(true)}>
          Select all {total} matching
        </Button>
      ) : null}
      {selection.all ? (
        <Button variant="ghost" size="sm" onClick={() => onSelectAll(false)}>
          Only this page
        </Button>
      ) : null}
      <span className="flex flex-wrap gap-2 sm:ml-auto">
        {hasOwner ? (
          <Button variant="secondary" size="sm" onClick={() => setDialog('assign')}>
            <UserRound aria-hidden="true" /> Assign
          </Button>
        ) : null}
        {hasTags ? (
          <>
            <Button variant="secondary" size="sm" onClick={() => setDialog('tag')}>
              <Tag aria-hidden="true" /> Add tag
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setDialog('untag')}>
              Remove tag
            </Button>
          </>
        ) : null}
        {editable.length ? (
          <Button variant="secondary" size="sm" onClick={() => setDialog('field')}>
            Set field
          </Button>
        ) : null}
        <Button variant="destructive" size="sm" onClick={() => setDialog('delete')}>
          <Trash2 aria-hidden="true" /> Delete
        </Button>
        <Button variant="ghost" size="sm" onClick={onClear} aria-label="Clear selection">
          <X aria-hidden="true" />
        </Button>
      </span>

      {dialog === 'assign' ? (
        <ValueDialog title={`Assign ${what}`} label="Owner" busy={busy} onClose={() => setDialog(null)} options={[{ value: '', label: 'Nobody' }, ...(members.data ?? []).filter((m) => !m.deactivatedAt).map((m) => ({ value: m.userId, label: m.name }))]} onSubmit={(v) => run('assign', { ownerId: v || null })} />
      ) : null}
      {dialog === 'tag' || dialog === 'untag' ? (
        <ValueDialog title={dialog === 'tag' ? `Add a tag to ${what}` : `Remove a tag from ${what}`} label="Tag" busy={busy} onClose={() => setDialog(null)} onSubmit={(v) => run(dialog, { tags: [v] })} />
      ) : null}
      {dialog === 'field' ? <FieldDialog columns={editable} what={what} busy={busy} onClose={() => setDialog(null)} onSubmit={(values) => run('update', values)} /> : null}
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(o) => setDialog(o ? 'delete' : null)}
        title={`Delete ${what}?`}
        description={`${what} will be moved to the trash. You can undo this right after, or restore them one by one later.`}
        confirmLabel={`Delete ${what}`}
        pending={busy}
        onConfirm={() => void run('delete')}
      />
    </div>
  );
}

function ValueDialog({ title, label, options, busy, onClose, onSubmit }: { title: string; label: string; options?: { value: string; label: string }[]; busy: boolean; onClose: () => void; onSubmit: (value: string) => void }) {
  const [value, setValue] = useState(options?.[0]?.value ?? '');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!options && !value.trim()) return setError(`Type a ${label.toLowerCase()}`);
    onSubmit(value.trim());
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title}>
      <form onSubmit={submit} className="space-y-4">
        <Field label={label} error={error}>
          {options ? (
            <Select value={value} onChange={(e) => setValue(e.target.value)}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : (
            <Input autoFocus value={value} maxLength={64} onChange={(e) => setValue(e.target.value)} />
          )}
        </Field>
        <DialogButtons busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function FieldDialog<T>({ columns, what, busy, onClose, onSubmit }: { columns: GridColumn<T>[]; what: string; busy: boolean; onClose: () => void; onSubmit: (values: Record<string, unknown>) => void }) {
  const [colId, setColId] = useState(columns[0].id);
  const col = columns.find((c) => c.id === colId) ?? columns[0];
  const editor = col.edit!;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      // The column's own inline editor turns the text into the PATCH body (same rules as a cell edit).
      onSubmit(editor.body(value, {} as T));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'invalid value');
    }
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Set a field on ${what}`}>
      <form onSubmit={submit} className="space-y-4">
        <Field label="Field">
          <Select
            value={colId}
            onChange={(e) => {
              setColId(e.target.value);
              setValue('');
              setError(undefined);
            }}
          >
            {columns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.header}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="New value" error={error}>
          {editor.options ? (
            <Select value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">Choose…</option>
              {editor.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : (
            <Input type={editor.type === 'date' ? 'date' : 'text'} value={value} onChange={(e) => setValue(e.target.value)} />
          )}
        </Field>
        <DialogButtons busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function DialogButtons({ busy, onClose }: { busy: boolean; onClose: () => void }) {
  return (
    <div className="flex justify-end gap-2">
      <Button type="button" variant="secondary" onClick={onClose}>
        Cancel
      </Button>
      <Button type="submit" disabled={busy}>
        Apply
      </Button>
    </div>
  );
}
