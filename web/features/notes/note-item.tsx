// One note: markdown, when and who, and pin / edit / delete (with a confirmation).
import { Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Note } from '../../../contracts/notes';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Textarea } from '../../components/ui/input';
import { Badge } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { NoteMarkdown } from './note-markdown';
import { useDeleteNote, useUpdateNote } from './notes.queries';

export function NoteItem({ note, editable }: { note: Note; editable: boolean }) {
  const update = useUpdateNote();
  const remove = useDeleteNote();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [confirming, setConfirming] = useState(false);

  async function save() {
    if (!draft.trim()) return;
    try {
      await update.mutateAsync({ id: note.id, body: { body: draft } });
      setEditing(false);
      toast.success('Note saved');
    } catch (e) {
      toast.error(errorMessage(e));
    }
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
            <Button variant="ghost" size="icon" className="size-7" aria-label="Edit note" title="Edit" onClick={() => { setDraft(note.body); setEditing(true); }}>
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
            <Button size="sm" onClick={save} disabled={update.isPending || !draft.trim()}>Save note</Button>
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
