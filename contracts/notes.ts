import { z } from 'zod';
import { VersionSchema } from './common';
import { RELATED_TYPES } from './tasks';

export { RELATED_TYPES };

const noteFields = {
  body: z.string().trim().min(1, 'A note needs some text').max(100_000).describe('Markdown text of the note'),
  pinned: z.boolean().describe('Pinned notes show first'),
  relatedType: z.enum(RELATED_TYPES).describe('Type of the record the note is on'),
  relatedId: z.uuid().describe('Id of the record the note is on'),
};

export const NoteUpdateSchema = z.strictObject({ body: noteFields.body, pinned: noteFields.pinned }).partial();
export const NoteCreateSchema = z.strictObject({ ...noteFields, pinned: noteFields.pinned.default(false) });

export const NoteSchema = z.object({
  id: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  relatedType: z.enum(RELATED_TYPES),
  relatedId: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Note = z.infer<typeof NoteSchema>;
