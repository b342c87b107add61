import { sql } from 'drizzle-orm';
import { NoteCreateSchema, NoteSchema, NoteUpdateSchema, RELATED_TYPES } from '../../../contracts/notes';
import { notes } from '../../db/schema';
import { crudService, defineEntity } from '../../lib/crud';
import { checkRelated } from '../../lib/related';

const t = notes;

export const noteEntity = defineEntity('note', {
  table: t,
  createSchema: NoteCreateSchema,
  updateSchema: NoteUpdateSchema,
  itemSchema: NoteSchema,
  example: { body: 'Met at the trade fair; **wants a demo** in January.', relatedType: 'contact', relatedId: '00000000-0000-4000-8000-000000000001' },
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
  // A new note also shows on the timeline of the record it is on.
  afterWrite: (_w, { action, row, change }) =>
    action !== 'created'
      ? [change]
      : [change, { entityType: row.relatedType as string, entityId: row.relatedId as string, action: 'note_added', after: { id: row.id, excerpt: String(row.body).slice(0, 140) } }],
});

export const noteService = crudService(noteEntity);
