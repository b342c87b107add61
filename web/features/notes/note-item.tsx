// One note: markdown, when and who, and pin / edit / delete (with a confirmation).
import { Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Note } from '../../../contracts/notes';
import { EditConflict, type EditConflictState } from '../../components/edit-conflict';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Textarea } from '../../components/ui/input';
import { Badge } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { NoteMarkdown } from './note-markdown';
import { useDeleteNote, useUpdateNote } from './notes.queries';

export function NoteItem({ note, editable }: { note: Note; editable: boolean }) {
  const update = useUpdateNote();
  const remove = useDeleteNote();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [confirming, setConfirming] = useState(false);
  // The note as it was when editing began: its version goes out as If-Match, so someone else's
  // edit in between is shown (EditConflict) instead of overwritten.
  const [base, setBase] = useState<Note>(note);
  const [conflict, setConflict] = useState<EditConflictState | null>(null);

  function startEditing() {
    setDraft(note.body);
    setBase(note);
    setConflict(null);
    setEditing(true);
  }

  async function save(over: Note = base) {
    if (!draft.trim()) return;
    try {
      await update.mutateAsync({ id: note.id, body: { body: draft }, version: over.version });
      setEditing(false);
      setConflict(null);
      toast.success('Note saved');
    } catch (e) {
      if (e instanceof ApiError && e.status === 412 && e.current) setConflict({ current: e.current, loaded: over, mine: { body: draft } });
      else toast.error(errorMessage(e));
    }
  }

  function reloadTheirs() {
    if (!conflict) return;
    const current = conflict.current as unknown as Note;
    setBase(current);
    setDraft(current.body);
    setConflict(null);
  }

  function overwrite() {
    if (!conflict) return;
    const current = conflict.current as unknown as Note;
    setBase(current);
    void save(current);
  }

  async function togglePin() {
    try {
      await update.mutateAsync({ id: note.id, body: { pinned: !note.pinned } });
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  return (
    <li className="rounded-md border border-zinc-200 p-3" aria-label={note.pinned ? 'Pinned note' : 'Note'}>
      <div className="mb-1 flex items-center gap-2 text-xs text-zinc-500">
        {note.pinned ? <Badge tone="prospect"><Pin className="mr-1 size-3" aria-hidden="true" />Pinned</Badge> : null}
        <span>{formatDateTime(note.createdAt)}</span>
        {editable && !editing ? (
          <span className="ml-auto flex gap-1">
            <Button variant="ghost" size="icon" className="size-7" aria-label={note.pinned ? 'Unpin note' : 'Pin note'} title={note.pinned ? 'Unpin' : 'Pin'} onClick={togglePin} disabled={update.isPending}>
              {note.pinned ? <PinOff /> : <Pin />}
            </Button>
            <Button variant="ghost" size="icon" className="size-7" aria-label="Edit note" title="Edit" onClick={startEditing}>
              <Pencil />
            </Button>
            <Button variant="ghost" size="icon" className="size-7 text-red-700 hover:bg-red-50" aria-label="Delete note" title="Delete" onClick={() => setConfirming(true)}>
              <Trash2 />
            </Button>
          </span>
        ) : null}
      </div>
      {editing ? (
        <div className="space-y-2">
          <EditConflict conflict={conflict} resource="notes" labels={{ body: 'Note' }} onReload={reloadTheirs} onOverwrite={overwrite} busy={update.isPending} />
          <Textarea
            autoFocus
            aria-label="Edit note"
            rows={4}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save(); }
              if (e.key === 'Escape') { e.stopPropagation(); setEditing(false); }
            }}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" size="sm" onClick={() => setEditing(false)}>Cancel</Button>
            <Button size="sm" onClick={() => void save()} disabled={update.isPending || !draft.trim()}>Save note</Button>
          </div>
        </div>
      ) : (
        <NoteMarkdown text={note.body} />
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Delete this note?"
        description="The note is removed from this record and from search."
        confirmLabel="Delete note"
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(note.id, {
            onSuccess: () => { setConfirming(false); toast.success('Note deleted'); },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </li>
  );
}
