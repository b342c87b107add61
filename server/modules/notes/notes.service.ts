import { sql } from 'drizzle-orm';
import { NoteCreateSchema, NoteSchema, NoteUpdateSchema, RELATED_TYPES } from '../../../contracts/notes';
import { notes } from '../../db/schema';
import { crudService, type EntityDef } from '../../lib/crud';
import { checkRelated } from '../../lib/related';

const t = notes;

export const noteEntity: EntityDef = {
  type: 'note',
  resource: 'notes',
  label: 'Note',
  table: t,
  createSchema: NoteCreateSchema,
  updateSchema: NoteUpdateSchema,
  itemSchema: NoteSchema,
  list: {
    defaultSort: '-pinned,-createdAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      pinned: { column: t.pinned, type: 'boolean' },
      relatedType: { column: t.relatedType, type: 'enum', values: RELATED_TYPES },
      relatedId: { column: t.relatedId, type: 'uuid' },
      createdBy: { column: t.createdBy, type: 'text' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.body} ilike ${p}`,
  },
  checkReferences: (tx, ctx, v) => checkRelated(tx, ctx, v),
  // A note shows on the timeline of the record it is on.
  timelineOf: (row) => ({ entityType: row.relatedType as string, entityId: row.relatedId as string, summary: { excerpt: String(row.body).slice(0, 140) } }),
};

export const noteService = crudService(noteEntity);
