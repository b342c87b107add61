// Checks that ids a record points at belong to the caller's organization. A foreign or missing id
// is a 400 on that field: it must not reveal whether the id exists in another organization.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { companies, member } from '../db/schema';
import type { ServiceContext } from './context';
import { fieldError, type FieldIssue } from './errors';
import { readable } from './visibility';

export async function checkOwner(tx: Tx, ctx: ServiceContext, ownerId: unknown, field = 'ownerId') {
  if (typeof ownerId !== 'string') return;
  const [m] = await tx
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, ctx.orgId), eq(member.userId, ownerId)))
    .limit(1);
  if (!m) throw fieldError(field, 'is not a member of this organization');
}

export async function checkCompany(tx: Tx, ctx: ServiceContext, companyId: unknown) {
  if (typeof companyId !== 'string') return;
  const [c] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.organizationId, ctx.orgId), eq(companies.id, companyId), isNull(companies.deletedAt), readable(ctx, 'company')))
    .limit(1);
  if (!c) throw fieldError('companyId', 'no such company in this organization');
}


/** People need something to call them by: a name, or failing that one of `alternatives`. */
export function requireNameOr(record: Record<string, unknown>, alternatives: string[], message: string) {
  const named = [record.firstName, record.lastName].some((v) => typeof v === 'string' && v.trim() !== '');
  if (!named && !alternatives.some((k) => record[k])) throw fieldError('firstName', message);
}

/** Company and owner references of many records, checked with one query each. */
export async function checkCompanyAndOwnerMany(tx: Tx, ctx: ServiceContext, rows: Record<string, unknown>[]): Promise<Map<number, FieldIssue[]>> {
  const ids = (k: string) => [...new Set(rows.map((r) => r[k]).filter((x): x is string => typeof x === 'string'))];
  const companyIds = ids('companyId');
  const ownerIds = ids('ownerId');
  const [cos, owners] = await Promise.all([
    companyIds.length
      ? tx.select({ id: companies.id }).from(companies).where(and(eq(companies.organizationId, ctx.orgId), inArray(companies.id, companyIds), isNull(companies.deletedAt), readable(ctx, 'company')))
      : Promise.resolve([]),
    ownerIds.length ? tx.select({ id: member.userId }).from(member).where(and(eq(member.organizationId, ctx.orgId), inArray(member.userId, ownerIds))) : Promise.resolve([]),
  ]);
  const okCompany = new Set(cos.map((c) => c.id));
  const okOwner = new Set(owners.map((o) => o.id));
  const problems = new Map<number, FieldIssue[]>();
  rows.forEach((r, i) => {
    const issues: FieldIssue[] = [];
    if (typeof r.companyId === 'string' && !okCompany.has(r.companyId)) issues.push({ path: 'companyId', message: 'no such company in this organization' });
    if (typeof r.ownerId === 'string' && !okOwner.has(r.ownerId)) issues.push({ path: 'ownerId', message: 'is not a member of this organization' });
    if (issues.length) problems.set(i, issues);
  });
  return problems;
}

/** {id, name} of the companies these rows point at (companyId), in one query: for list responses. */
export async function companiesOf(db: Db, ctx: ServiceContext, rows: Record<string, unknown>[]): Promise<Map<string, { id: string; name: string }>> {
  const ids = [...new Set(rows.map((r) => r.companyId).filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.organizationId, ctx.orgId), inArray(companies.id, ids), readable(ctx, 'company')));
  return new Map(found.map((c) => [c.id, c]));
}
