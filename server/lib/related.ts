// Tasks, notes, attachments and events point at any record with relatedType + relatedId. The record
// must exist in the caller's organization and be of a type that takes notes (contracts/entities.ts).
// The table comes from the entity definitions made so far (lib/crud.ts), not from the registry: the
// registry imports the services that call this, and a static import back would be a cycle.
import { RELATED_TYPES } from '../../contracts/entities';
import type { DbOrTx } from '../db/client';
import type { ServiceContext } from './context';
import { liveIds, tableOf } from './crud';
import { fieldError } from './errors';

export async function checkRelated(db: DbOrTx, ctx: ServiceContext, values: Record<string, unknown>, existing?: Record<string, unknown>) {
  if (!('relatedType' in values) && !('relatedId' in values)) return;
  const type = ('relatedType' in values ? values.relatedType : existing?.relatedType) as string | null | undefined;
  const id = ('relatedId' in values ? values.relatedId : existing?.relatedId) as string | null | undefined;
  if (!type && !id) return;
  if (!type || !id) throw fieldError(type ? 'relatedId' : 'relatedType', 'relatedType and relatedId go together');
  const table = (RELATED_TYPES as readonly string[]).includes(type) ? tableOf(type) : undefined;
  if (!table) throw fieldError('relatedType', `must be one of: ${RELATED_TYPES.join(', ')}`);
  if (!(await liveIds(db, ctx, table, [id])).has(id)) throw fieldError('relatedId', `no such ${type} in this organization`);
}

/** A short human title for any record row. */
export function recordTitle(row: Record<string, unknown>): string {
  const firstLine = typeof row.body === 'string' ? row.body.split('\n')[0].slice(0, 80) : undefined;
  const t = row.fullName || row.name || row.title || firstLine || row.email || row.id;
  return String(t);
}
