// The frame shared by record detail pages (companies, contacts, leads, deals, projects): back link,
// loading / error states, the Edit and Delete header actions with a confirmed delete that offers
// Undo, titled section cards, long-text blocks and the timeline card.
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { ArrowLeft, Pencil, Trash2 } from 'lucide-react';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from './data-table';
import { useDeleteWithUndo } from './record';
import { Timeline } from './timeline';
import { Button } from './ui/button';
import { ConfirmDialog } from './ui/dialog';
import { Card, Skeleton } from './ui/misc';

interface RecordPageProps<T> {
  query: UseQueryResult<T>;
  /** The list the back link returns to, e.g. "/contacts", and its visible name. */
  listPath: string;
  listLabel: string;
  /** The page once the record has loaded. */
  children: (record: T) => ReactNode;
}

/** Back link above the record, or above its error / loading skeleton. */
export function RecordPage<T>({ query, listPath, listLabel, children }: RecordPageProps<T>) {
  const back = (
    <Link to={listPath} className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft className="size-4" aria-hidden="true" /> {listLabel}
    </Link>
  );
  if (query.isError) return <>{back}<ErrorState error={query.error} onRetry={() => query.refetch()} /></>;
  if (query.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  return (
    <>
      {back}
      {children(query.data)}
    </>
  );
}

/** Open state of the edit dialog and the delete confirmation, and the delete itself (with Undo). */
export function useRecordActions<TRestored>(opts: {
  remove: UseMutationResult<void, Error, string>;
  restore: UseMutationResult<TRestored, Error, string>;
  listPath: string;
  label: (id: string) => string;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const deleteWithUndo = useDeleteWithUndo(opts);
  return {
    editing,
    setEditing,
    confirming,
    setConfirming,
    deleting: opts.remove.isPending,
    confirmDelete: async (id: string) => {
      if (await deleteWithUndo(id)) setConfirming(false);
    },
  };
}
export type RecordActions = ReturnType<typeof useRecordActions>;

/** The Edit and Delete buttons of a record page header. */
export function EditDeleteButtons({ actions }: { actions: RecordActions }) {
  return (
    <>
      <Button variant="secondary" onClick={() => actions.setEditing(true)}>
        <Pencil aria-hidden="true" /> Edit
      </Button>
      <Button variant="secondary" className="text-red-700 hover:bg-red-50" onClick={() => actions.setConfirming(true)}>
        <Trash2 aria-hidden="true" /> Delete
      </Button>
    </>
  );
}

interface DeleteRecordDialogProps {
  actions: RecordActions;
  id: string;
  name: string;
  description: string;
  confirmLabel: string;
}

/** "Delete {name}?" confirmation; confirming deletes, returns to the list and offers Undo. */
export function DeleteRecordDialog({ actions, id, name, description, confirmLabel }: DeleteRecordDialogProps) {
  return (
    <ConfirmDialog
      open={actions.confirming}
      onOpenChange={actions.setConfirming}
      title={`Delete ${name}?`}
      description={description}
      confirmLabel={confirmLabel}
      pending={actions.deleting}
      onConfirm={() => actions.confirmDelete(id)}
    />
  );
}

/** A card titled by an h2 that also names it (aria-labelledby). */
export function RecordSection({ id, title, className, children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <Card className={className} aria-labelledby={id}>
      <h2 id={id} className="mb-4 text-base font-semibold">{title}</h2>
      {children}
    </Card>
  );
}

/** A labelled block of free text (about, notes, description); nothing when the text is empty. */
export function LongText({ title, text }: { title: string; text: string | null | undefined }) {
  if (!text) return null;
  return (
    <div className="mt-6">
      <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">{title}</h3>
      <p className="mt-1 whitespace-pre-wrap text-sm text-zinc-800">{text}</p>
    </div>
  );
}

/** The record's timeline in the side column; `actions` (e.g. Log call) sit above the entries. */
export function TimelineCard({ noun, activities, actions }: { noun: ComponentProps<typeof Timeline>['noun']; activities: UseQueryResult<NonNullable<ComponentProps<typeof Timeline>['activities']>>; actions?: ReactNode }) {
  return (
    <RecordSection id={`${noun}-timeline`} title="Timeline" className="p-6 lg:self-start">
      {actions ? <div className="-mt-1 mb-4 flex flex-wrap gap-2">{actions}</div> : null}
      <Timeline activities={activities.data} isPending={activities.isPending} error={activities.error} noun={noun} />
    </RecordSection>
  );
}
