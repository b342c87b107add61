// Tasks and notes point at any record with relatedType + relatedId. The record must exist in the
// caller's organization and be of a type this CRM has (deals, leads and projects join as they land).
import type { Tx } from '../db/client';
import type { ServiceContext } from './context';
import { fieldError } from './errors';

export async function checkRelated(tx: Tx, ctx: ServiceContext, values: Record<string, unknown>, existing?: Record<string, unknown>) {
  if (!('relatedType' in values) && !('relatedId' in values)) return;
  const type = ('relatedType' in values ? values.relatedType : existing?.relatedType) as string | null | undefined;
  const id = ('relatedId' in values ? values.relatedId : existing?.relatedId) as string | null | undefined;
  if (!type && !id) return;
  if (!type || !id) throw fieldError(type ? 'relatedId' : 'relatedType', 'relatedType and relatedId go together');
  // Imported when needed: the registry imports the services that call this (a static import would be a cycle).
  const { serviceForType } = await import('../modules/registry');
  const service = serviceForType(type);
  if (!service) throw fieldError('relatedType', `there are no ${type} records in this CRM yet`);
  if (!(await service.existing(tx, ctx, [id])).has(id)) throw fieldError('relatedId', `no such ${type} in this organization`);
}
