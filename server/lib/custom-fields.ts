// Custom field values: checked against the organization's definitions on every write path (REST,
// assistant, MCP, import all pass through the CRUD service), and exposed to list filters and sorts
// as customFields.<key>.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { DecimalSchema, httpUrl } from '../../contracts/common';
import type { CustomFieldType } from '../../contracts/custom-fields';
import type { Db, Tx } from '../db/client';
import { customFieldDefinitions } from '../db/schema';
import type { ServiceContext } from './context';
import { badRequest, type FieldIssue } from './errors';
import type { FieldSpec } from './list-query';

export type Definition = typeof customFieldDefinitions.$inferSelect;

export async function definitionsFor(db: Db | Tx, orgId: string, entity: string, includeArchived = false): Promise<Definition[]> {
  return db
    .select()
    .from(customFieldDefinitions)
    .where(and(eq(customFieldDefinitions.organizationId, orgId), eq(customFieldDefinitions.entity, entity), includeArchived ? undefined : isNull(customFieldDefinitions.archivedAt)))
    .orderBy(asc(customFieldDefinitions.position), asc(customFieldDefinitions.createdAt));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const checks: Record<CustomFieldType, (v: unknown, d: Definition) => { value: unknown } | { error: string }> = {
  text: (v) => (typeof v === 'string' && v.length <= 1000 ? { value: v.trim() } : { error: 'must be text (up to 1000 characters)' }),
  long_text: (v) => (typeof v === 'string' && v.length <= 20000 ? { value: v } : { error: 'must be text (up to 20000 characters)' }),
  number: (v) => (typeof v === 'number' && Number.isFinite(v) ? { value: v } : { error: 'must be a number' }),
  currency: (v) => {
    // The same reading as every amount field ("7,500", "20k"), kept exact as text (no float).
    const r = typeof v === 'number' || typeof v === 'string' ? DecimalSchema.safeParse(v) : null;
    if (!r?.success) return { error: 'must be an amount like 7500, 7,500.50 or 20k (at most 2 decimals)' };
    const negative = r.data.startsWith('-');
    const [int, frac = ''] = (negative ? r.data.slice(1) : r.data).split('.');
    const value = `${BigInt(int).toString()}.${frac.padEnd(2, '0')}`;
    return { value: negative && /[1-9]/.test(value) ? `-${value}` : value };
  },
  date: (v) => (typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? { value: v } : { error: 'must be a date like 2026-12-31' }),
  boolean: (v) => (typeof v === 'boolean' ? { value: v } : { error: 'must be true or false' }),
  select: (v, d) => (typeof v === 'string' && (d.options ?? []).includes(v) ? { value: v } : { error: `must be one of: ${(d.options ?? []).join(', ')}` }),
  multi_select: (v, d) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string' && (d.options ?? []).includes(x))
      ? { value: [...new Set(v as string[])] }
      : { error: `must be a list of: ${(d.options ?? []).join(', ')}` },
  url: (v) => (httpUrl().safeParse(v).success ? { value: v } : { error: 'must be an http(s) URL' }),
  email: (v) => (typeof v === 'string' && z.email().safeParse(v.trim()).success ? { value: v.trim().toLowerCase() } : { error: 'must be an email address' }),
};

/**
 * The record's custom field values after this write: `given` applied over `existing` (null clears
 * a field), each value checked against its definition, required ones present. Throws a 400 with
 * customFields.<key> paths.
 */
export async function resolveCustomFields(
  tx: Tx,
  ctx: ServiceContext,
  entity: string,
  given: Record<string, unknown> | undefined,
  existing: Record<string, unknown> | undefined,
  /** Already loaded (bulk writes load them once per batch). */
  loaded?: Definition[],
): Promise<Record<string, unknown> | undefined> {
  const creating = existing === undefined;
  if (!creating && given === undefined) return undefined; // a patch that leaves custom fields alone
  const defs = loaded ?? (await definitionsFor(tx, ctx.orgId, entity));
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, unknown> = { ...(existing ?? {}) };
  const errors: FieldIssue[] = [];
  for (const [key, value] of Object.entries(given ?? {})) {
    const d = byKey.get(key);
    if (!d) {
      errors.push({ path: `customFields.${key}`, message: 'is not a custom field of this record type' });
      continue;
    }
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      delete out[key];
      continue;
    }
    const r = checks[d.type as CustomFieldType](value, d);
    if ('error' in r) errors.push({ path: `customFields.${key}`, message: `${d.label} ${r.error}` });
    else out[key] = r.value;
  }
  for (const d of defs) {
    if (d.required && (out[d.key] === undefined || out[d.key] === null)) errors.push({ path: `customFields.${d.key}`, message: `${d.label} is required` });
  }
  if (errors.length) throw badRequest(`Invalid custom fields — ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  return out;
}

/** customFields.<key> as list fields (filter and sort), typed by each definition. */
export async function customFieldSpecs(db: Db, orgId: string, entity: string, column: SQL | unknown): Promise<Record<string, FieldSpec>> {
  const defs = await definitionsFor(db, orgId, entity);
  const col = column as SQL;
  const out: Record<string, FieldSpec> = {};
  for (const d of defs) {
    const text = sql`(${col} ->> ${d.key})`;
    const spec: FieldSpec =
      d.type === 'number' ? { column: sql`(${col} ->> ${d.key})::numeric`, type: 'number' }
      : d.type === 'currency' ? { column: sql`(${col} ->> ${d.key})::numeric`, type: 'decimal' }
      : d.type === 'boolean' ? { column: sql`(${col} ->> ${d.key})::boolean`, type: 'boolean' }
      : d.type === 'multi_select' ? { column: sql`array(select jsonb_array_elements_text(coalesce(${col} -> ${d.key}, '[]'::jsonb)))`, type: 'tags' }
      : d.type === 'select' ? { column: text, type: 'enum', values: d.options ?? [] }
      : { column: text, type: 'text' };
    out[`customFields.${d.key}`] = spec;
  }
  return out;
}
