// Field-level permissions (Issue 14.3): per organization, record type, field and role, a field is
// hidden (left out of every response: lists, get, writes' answers, exports, the assistant's tools,
// MCP, webhook bodies — all of which are built by the one presenter in lib/crud.ts) or read-only
// (a write that changes it is a 403 naming the field). Owners are never restricted. Fields are the
// record's own names (`amount`) or a custom field as `customFields.<key>`.
//
// The rules are read on every response, so they are cached per organization on each node; a change
// NOTIFYs `field_permissions` with the organization's id (trigger in migration 0031) and every node
// drops its copy at once. Without the LISTEN (scripts) entries expire after a few seconds anyway.
import { eq } from 'drizzle-orm';
import type { FieldAccess } from '../../contracts/permissions';
import type { Role } from '../../contracts/common';
import type { Database, DbOrTx } from '../db/client';
import { listenTo } from '../db/listen';
import { fieldPermissions } from '../db/schema';
import { AppError } from './errors';
import type { Logger } from './logger';

export const FIELD_PERMISSIONS_CHANNEL = 'field_permissions';
/** type → field → role → access (only restricted fields are present). */
export type FieldRules = Record<string, Record<string, Partial<Record<Role, Exclude<FieldAccess, 'visible'>>>>>;

const TTL_MS = 5_000;
const cache = new Map<string, { rules: FieldRules; until: number }>();
let watching = false;

/** Every node listens once (createApp): a change in any node's database write reaches all. */
export function watchFieldPermissions(database: Database, log: Logger) {
  const listener = listenTo(database, FIELD_PERMISSIONS_CHANNEL, (orgId) => cache.delete(orgId), log, () => cache.clear());
  void listener.ready().then(() => (watching = true), () => undefined);
  return async () => {
    watching = false;
    await listener.close();
  };
}

export function forgetFieldRules(orgId: string) {
  cache.delete(orgId);
}

export async function fieldRules(db: DbOrTx, orgId: string): Promise<FieldRules> {
  const hit = cache.get(orgId);
  if (hit && (watching || hit.until > Date.now())) return hit.rules;
  const rows = await db.select().from(fieldPermissions).where(eq(fieldPermissions.organizationId, orgId));
  const rules: FieldRules = {};
  for (const r of rows) ((rules[r.recordType] ??= {})[r.field] ??= {})[r.role as Role] = r.access as 'hidden' | 'read_only';
  if (cache.size > 10_000) cache.clear();
  cache.set(orgId, { rules, until: Date.now() + TTL_MS });
  return rules;
}

/** The fields of `type` the role may not see, and those it may not change (hidden ones included). */
export function restrictedFields(rules: FieldRules, type: string, role: Role): { hidden: string[]; readOnly: string[] } {
  const hidden: string[] = [];
  const readOnly: string[] = [];
  if (role === 'owner') return { hidden, readOnly };
  for (const [field, byRole] of Object.entries(rules[type] ?? {})) {
    const access = byRole[role];
    if (access === 'hidden') hidden.push(field);
    if (access === 'hidden' || access === 'read_only') readOnly.push(field);
  }
  return { hidden, readOnly };
}

/** The row without the hidden fields (a custom field is removed from customFields). */
export function withoutHidden<T extends Record<string, unknown>>(row: T, hidden: string[]): T {
  if (hidden.length === 0) return row;
  const out: Record<string, unknown> = { ...row };
  for (const field of hidden) {
    if (field.startsWith('customFields.')) {
      const custom = out.customFields;
      if (custom && typeof custom === 'object') {
        const { [field.slice('customFields.'.length)]: _gone, ...rest } = custom as Record<string, unknown>;
        out.customFields = rest;
      }
    } else delete out[field];
  }
  return out as T;
}

const valueOf = (values: Record<string, unknown>, field: string) =>
  field.startsWith('customFields.') ? (values.customFields as Record<string, unknown> | undefined)?.[field.slice('customFields.'.length)] : values[field];
const has = (values: Record<string, unknown>, field: string) =>
  field.startsWith('customFields.') ? Boolean(values.customFields && typeof values.customFields === 'object' && field.slice(13) in (values.customFields as object)) : field in values;
const NUMERIC = /^-?\d+(\.\d+)?$/;
/** Equal as stored: "9000" and "9000.00" are one amount, a Date and its ISO string one time. */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'number' || (typeof v === 'string' && NUMERIC.test(v)) ? Number(v) : (v ?? null));
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * A write that sets a field the role may not change is a 403 naming it. `existing` (updates): a
 * field sent with the value it already has is no change, so a form that sends every field still saves.
 */
export function assertWritable(readOnly: string[], values: Record<string, unknown>, existing?: Record<string, unknown>) {
  const refused = readOnly.filter((f) => has(values, f) && !(existing && same(valueOf(values, f), valueOf(existing, f))));
  if (refused.length === 0) return;
  throw new AppError(
    403,
    'field_read_only',
    `Your role may not change ${refused.map((f) => `"${f}"`).join(', ')} (Settings → Permissions)`,
    refused.map((path) => ({ path, message: 'is read-only for your role' })),
  );
}
