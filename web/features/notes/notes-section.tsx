// The Notes card of a record page: write markdown (Ctrl/⌘+Enter saves), then the record's notes,
// pinned first. Drop <NotesSection relatedType="contact" relatedId={id} /> into any detail page.
import { StickyNote } from 'lucide-react';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import type { Note } from '../../../contracts/notes';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Textarea } from '../../components/ui/input';
import { Card, Skeleton } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { canEdit, useMe } from '../auth/session';
import { NoteItem } from './note-item';
import { useCreateNote, useRecordNotes } from './notes.queries';

export function NotesSection({ relatedType, relatedId, className }: { relatedType: Note['relatedType']; relatedId: string; className?: string }) {
  const me = useMe();
  const editable = canEdit(me.role);
  const notes = useRecordNotes({ relatedType, relatedId });
  const create = useCreateNote();
  const [body, setBody] = useState('');
  const headingId = useId();
  const hintId = useId();

  async function add() {
    if (!body.trim() || create.isPending) return;
    try {
      await create.mutateAsync({ body, relatedType, relatedId });
      setBody('');
      toast.success('Note added');
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  return (
    <Card className={className ?? 'mt-6 p-6'} aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-4 text-base font-semibold">Notes</h2>
      {editable ? (
        <form
          className="mb-4 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Textarea
            aria-label="New note"
            aria-describedby={hintId}
            rows={3}
            placeholder="Write a note… Markdown works."
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void add();
              }
            }}
          />
          <div className="flex items-center justify-between gap-2">
            <p id={hintId} className="text-xs text-zinc-500">Markdown supported. Ctrl+Enter (⌘+Enter) to save.</p>
            <Button type="submit" size="sm" disabled={create.isPending || !body.trim()}>
              {create.isPending ? 'Adding…' : 'Add note'}
            </Button>
          </div>
        </form>
      ) : null}
      {notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => notes.refetch()} />
      ) : notes.isPending ? (
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </div>
      ) : notes.data.data.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <StickyNote className="size-4" aria-hidden="true" /> No notes yet.
        </p>
      ) : (
        <ul aria-label="Notes" className="space-y-3">
          {notes.data.data.map((n) => <NoteItem key={n.id} note={n} editable={editable} />)}
        </ul>
      )}
    </Card>
  );
}
