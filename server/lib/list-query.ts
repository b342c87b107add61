// Turns the REST list parameters (filter JSON, sort, q, cursor/offset, limit) into tenant-scoped SQL.
// Fields are allow-listed per entity; anything else is a 400 naming the field.
import { Column, and, asc, desc, is, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ListQuery } from '../../contracts/common';
import { badRequest, fieldError } from './errors';

export type FieldType = 'text' | 'number' | 'decimal' | 'date' | 'uuid' | 'enum' | 'tags' | 'boolean';

export interface FieldSpec {
  /** A column, or an expression (custom fields live inside a JSON column). */
  column: PgColumn | SQL;
  type: FieldType;
  values?: readonly string[];
  sortable?: boolean;
  filterable?: boolean;
}

export interface ListSpec {
  fields: Record<string, FieldSpec>;
  /** e.g. '-createdAt' */
  defaultSort: string;
  /** Free-text condition for `q` (already escaped for LIKE). */
  search: (pattern: string) => SQL;
}

const OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'isNull'] as const;
type Op = (typeof OPS)[number];

export interface SortKey {
  field: string;
  column: PgColumn | SQL;
  desc: boolean;
  notNull: boolean;
}

export function parseSort(spec: ListSpec, idColumn: PgColumn, sort?: string): SortKey[] {
  const raw = (sort || spec.defaultSort).split(',').map((s) => s.trim()).filter(Boolean);
  const keys: SortKey[] = [];
  for (const token of raw) {
    const isDesc = token.startsWith('-');
    const field = isDesc ? token.slice(1) : token;
    const f = spec.fields[field];
    if (!f || f.sortable === false || f.type === 'tags') {
      const allowed = Object.entries(spec.fields)
        .filter(([, v]) => v.sortable !== false && v.type !== 'tags')
        .map(([k]) => k);
      throw fieldError('sort', `cannot sort by "${field}"; sortable fields: ${allowed.join(', ')}`);
    }
    keys.push({ field, column: f.column, desc: isDesc, notNull: is(f.column, Column) && f.column.notNull });
  }
  if (!keys.some((k) => k.field === 'id')) keys.push({ field: 'id', column: idColumn, desc: keys[0]?.desc ?? false, notNull: true });
  return keys;
}

// Postgres defaults (ASC NULLS LAST, DESC NULLS FIRST) match a btree scanned either way, so the
// list indexes serve both directions; the cursor logic below treats NULL as the largest value.
export function orderBy(keys: SortKey[]): SQL[] {
  return keys.map((k) => (k.desc ? desc(k.column) : asc(k.column)));
}

export function encodeCursor(keys: SortKey[], row: Record<string, unknown>): string {
  const values = keys.map((k) => {
    // customFields.<key> sorts read inside the record's customFields object.
    const v = k.field.split('.').reduce<unknown>((o, part) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[part] : undefined), row);
    return v instanceof Date ? v.toISOString() : (v ?? null);
  });
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Rows strictly after the cursor row in the sort order: stable under inserts, unlike offsets. */
export function cursorCondition(keys: SortKey[], cursor: string, spec: ListSpec): SQL {
  let values: unknown[];
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('cursor', 'is not a cursor returned by this list');
  }
  if (!Array.isArray(values) || values.length !== keys.length) {
    throw fieldError('cursor', 'does not match this sort order (keep the same sort when paging)');
  }
  const typed = values.map((v, i) => (v === null ? null : coerce(keys[i].field, fieldType(spec, keys[i].field), v, 'cursor')));
  const sameDirection = keys.every((k) => k.desc === keys[0].desc);
  if (sameDirection && keys.every((k, i) => k.notNull && typed[i] !== null)) {
    // Row comparison lets Postgres start the index scan at the cursor instead of filtering from the top.
    const cols = sql.join(keys.map((k) => sql`${k.column}`), sql`, `);
    const vals = sql.join(typed.map((v, i) => sql`${bind(v, keys[i].column)}`), sql`, `);
    return keys[0].desc ? sql`(${cols}) < (${vals})` : sql`(${cols}) > (${vals})`;
  }
  const ors: SQL[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: SQL[] = [];
    for (let j = 0; j < i; j++) parts.push(equalTo(keys[j], typed[j]));
    const after = afterValue(keys[i], typed[i]);
    if (!after) continue;
    parts.push(after);
    ors.push(and(...parts)!);
  }
  return ors.length ? sql`(${sql.join(ors, sql` or `)})` : sql`false`;
}

function bind(v: unknown, column: PgColumn | SQL) {
  // A column encodes the value for its type (dates, …); an expression takes it as it is.
  return is(column, Column) ? sql.param(v, column) : sql`${v}`;
}
function equalTo(k: SortKey, v: unknown): SQL {
  return v === null ? isNull(k.column) : sql`${k.column} = ${bind(v, k.column)}`;
}
function afterValue(k: SortKey, v: unknown): SQL | undefined {
  if (k.desc) return v === null ? sql`${k.column} is not null` : sql`${k.column} < ${bind(v, k.column)}`;
  return v === null ? undefined : sql`(${k.column} > ${bind(v, k.column)} or ${k.column} is null)`;
}

function fieldType(spec: ListSpec, field: string): FieldType {
  return field === 'id' ? 'uuid' : spec.fields[field].type;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function coerce(field: string, type: FieldType, v: unknown, where = 'filter'): unknown {
  const bad = (msg: string) => fieldError(`${where}.${field}`, msg);
  switch (type) {
    case 'number': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad('must be a number');
      return n;
    }
    case 'decimal':
      if ((typeof v !== 'string' && typeof v !== 'number') || !/^-?\d+(\.\d+)?$/.test(String(v))) throw bad('must be a number');
      return String(v);
    case 'date': {
      // Years 0001–9999 only: JavaScript parses "0000-01-01" and "+275760-09-13", PostgreSQL stores neither.
      const d = typeof v === 'string' && /^\d{4}-\d{2}/.test(v) ? new Date(v) : undefined;
      if (!d || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) throw bad('must be an ISO 8601 date between years 0001 and 9999');
      return d;
    }
    case 'uuid':
      if (typeof v !== 'string' || !UUID.test(v)) throw bad('must be a UUID');
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw bad('must be true or false');
      return v;
    default:
      if (typeof v !== 'string') throw bad('must be a string');
      return v;
  }
}

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export function filterConditions(spec: ListSpec, rawFilter?: string): SQL[] {
  if (!rawFilter) return [];
  let filter: unknown;
  try {
    filter = JSON.parse(rawFilter);
  } catch {
    throw fieldError('filter', 'must be a JSON object, e.g. {"status":"customer"}');
  }
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    throw fieldError('filter', 'must be a JSON object, e.g. {"status":"customer"}');
  }
  const out: SQL[] = [];
  for (const [field, cond] of Object.entries(filter)) {
    const f = spec.fields[field];
    if (!f || f.filterable === false) {
      const allowed = Object.entries(spec.fields).filter(([, v]) => v.filterable !== false).map(([k]) => k);
      throw fieldError(`filter.${field}`, `is not a filterable field; use one of: ${allowed.join(', ')}`);
    }
    const ops: [Op, unknown][] =
      cond !== null && typeof cond === 'object' && !Array.isArray(cond)
        ? Object.entries(cond).map(([op, v]) => {
            if (!(OPS as readonly string[]).includes(op)) throw fieldError(`filter.${field}.${op}`, `unknown operator; use one of: ${OPS.join(', ')}`);
            return [op as Op, v];
          })
        : [[cond === null ? 'isNull' : 'eq', cond === null ? true : cond]];
    for (const [op, v] of ops) out.push(condition(field, f, op, v));
  }
  return out;
}

function condition(field: string, f: FieldSpec, op: Op, v: unknown): SQL {
  const col = f.column;
  const one = (x: unknown) => {
    const c = coerce(field, f.type === 'tags' ? 'text' : f.type, x);
    if (f.type === 'enum' && f.values && !f.values.includes(c as string)) {
      throw fieldError(`filter.${field}`, `must be one of: ${f.values.join(', ')}`);
    }
    return c;
  };
  if (op === 'isNull') {
    if (typeof v !== 'boolean') throw fieldError(`filter.${field}.isNull`, 'must be true or false');
    if (f.type === 'tags') return v ? sql`cardinality(${col}) = 0` : sql`cardinality(${col}) > 0`;
    return v ? sql`${col} is null` : sql`${col} is not null`;
  }
  if (f.type === 'tags') {
    // tags: eq/contains = has the tag; in = has any of the tags; ne = lacks the tag
    if (op === 'in') return sql`${col} && ${toTextArray(field, v, one)}`;
    if (op === 'eq' || op === 'contains') return sql`${col} @> array[${one(v)}]::text[]`;
    if (op === 'ne') return sql`not (${col} @> array[${one(v)}]::text[])`;
    throw fieldError(`filter.${field}.${op}`, 'tags support eq, ne, in, contains and isNull');
  }
  switch (op) {
    case 'eq':
      return sql`${col} = ${bind(one(v), col)}`;
    case 'ne':
      return sql`${col} is distinct from ${bind(one(v), col)}`;
    case 'lt':
      return sql`${col} < ${bind(one(v), col)}`;
    case 'lte':
      return sql`${col} <= ${bind(one(v), col)}`;
    case 'gt':
      return sql`${col} > ${bind(one(v), col)}`;
    case 'gte':
      return sql`${col} >= ${bind(one(v), col)}`;
    case 'in': {
      if (!Array.isArray(v) || v.length === 0 || v.length > 500) throw fieldError(`filter.${field}.in`, 'must be a non-empty array (at most 500 values)');
      return sql`${col} in (${sql.join(v.map((x) => sql`${bind(one(x), col)}`), sql`, `)})`;
    }
    case 'contains':
      if (f.type !== 'text' && f.type !== 'enum') throw fieldError(`filter.${field}.contains`, 'works only on text fields');
      return sql`${col} ilike ${likePattern(String(one(v)))}`;
  }
}

function toTextArray(field: string, v: unknown, one: (x: unknown) => unknown): SQL {
  if (!Array.isArray(v) || v.length === 0) throw fieldError(`filter.${field}.in`, 'must be a non-empty array');
  return sql`array[${sql.join(v.map((x) => sql`${one(x)}`), sql`, `)}]::text[]`;
}

export function assertPaging(q: ListQuery) {
  if (q.cursor && q.offset !== undefined) throw badRequest('Use either cursor or offset, not both', [{ path: 'cursor', message: 'cannot be combined with offset' }]);
}
