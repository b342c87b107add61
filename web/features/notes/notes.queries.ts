import type { z } from 'zod';
import type { Note, NoteCreateSchema, NoteUpdateSchema } from '../../../contracts/notes';
import { resourceHooks } from '../../lib/resource';

export type NoteCreate = z.input<typeof NoteCreateSchema>;
export type NoteUpdate = z.input<typeof NoteUpdateSchema>;
export type NoteTarget = Pick<Note, 'relatedType' | 'relatedId'>;

export const noteQueries = resourceHooks<Note, NoteCreate, NoteUpdate>('notes');
export const { useCreate: useCreateNote, useUpdate: useUpdateNote, useDelete: useDeleteNote } = noteQueries;

/** A record's notes, pinned first, newest first (the server's order). */
export function useRecordNotes(target: NoteTarget) {
  return noteQueries.useList({ limit: 200, filter: { relatedType: target.relatedType, relatedId: target.relatedId } });
}
