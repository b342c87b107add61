// Shapes shared by every resource: errors, list envelopes, list query parameters.
import { z } from 'zod';
import { parseAmount } from './money';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const IdParamSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

export const LIST_LIMIT_DEFAULT = 25;
export const LIST_LIMIT_MAX = 200;

export const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  offset: z.coerce.number().int().min(0).optional(),
  cursor: z.string().max(2000).optional(),
  sort: z.string().max(200).optional().describe('Comma-separated fields; prefix with - for descending, e.g. `name,-createdAt`'),
  q: z.string().max(200).optional().describe('Free-text search'),
  filter: z
    .string()
    .max(4000)
    .optional()
    .describe('JSON object: {"field": value | {"eq"|"ne"|"lt"|"lte"|"gt"|"gte"|"in"|"contains"|"isNull": …}}'),
  includeDeleted: z.enum(['true', 'false']).optional().describe('Include soft-deleted records (trash view)'),
  view: z.string().max(50).optional().describe('A named preset of the resource, e.g. tasks: mine, open, overdue, today, week'),
  viewId: z.uuid({ message: 'must be a UUID' }).optional().describe('A saved view of this resource (GET /views): its filter, search and sort apply; `filter` fields, `q` and `sort` given here take precedence'),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    total: z.number().int(),
    totalIsEstimate: z.boolean().optional(),
    nextCursor: z.string().nullable(),
  });
}

export function dataEnvelope<T extends z.ZodType>(item: T) {
  return z.object({ data: item });
}

/** A record's version: every write adds one. Its ETag is the version in quotes; send that as If-Match. */
export const VersionSchema = z.number().int().min(1).describe('Bumped by every change; the ETag header is this number in quotes (e.g. "3"): send it back as If-Match');

/** The 412 of a write whose If-Match no longer matches: nothing was saved; the record as it is now. */
export function preconditionFailedEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    error: z.object({
      code: z.literal('precondition_failed'),
      message: z.string(),
      details: z.object({
        current: item.describe('The record as it is now, saved by someone else since the If-Match version'),
        etag: z.string().describe('Its ETag: send this as If-Match to overwrite it deliberately'),
      }),
    }),
  });
}

/** Exact decimal as a string ("1234.50"); numbers are accepted and converted without float maths on output. */
export const DecimalSchema = z
  .union([z.string(), z.number()])
  .transform((v) => {
    const s = String(v).trim();
    if (/^-?\d+(\.\d+)?$/.test(s)) return s;
    // Amounts as people write them ("7,500", "20k", "1.2m", "3.000,50"), read by the one parser;
    // one that names a currency ("$7,500") is refused: the record's currency field says that.
    const parsed = parseAmount(s);
    return parsed && !parsed.currency ? parsed.amount : s;
  })
  .pipe(z.string().regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'must be an amount like 7500, 7,500.50, 20k or 1.2m (at most 2 decimals, no currency sign)'));

// Years PostgreSQL stores and people mean: 0001–9999. (ISO "0000" is 1 BC, which date columns
// refuse, and JavaScript's extended years such as +275760 are not dates anyone schedules.)
const sensibleYear = (v: string) => {
  const y = Number(v.slice(0, 4));
  return /^\d{4}-/.test(v) && y >= 1;
};
/** A calendar date, YYYY-MM-DD, year 0001–9999. */
export const isoDate = (message = 'must be a date like 2026-12-31') => z.iso.date({ message }).refine(sensibleYear, { message });
/** An ISO 8601 date-time with offset, year 0001–9999. */
export const isoDateTime = (message = 'must be an ISO 8601 date-time') => z.iso.datetime({ offset: true, message }).refine(sensibleYear, { message });

/** A web link: http or https only (a `javascript:` or `data:` link would run in whoever clicks it). */
export const httpUrl = (message = 'must be an http(s) URL like https://acme.com') => z.url({ protocol: /^https?$/, message }).max(500);

export const TagsSchema = z.array(z.string().trim().min(1).max(50)).max(50);

export const ActivitySchema = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  actorType: z.enum(['user', 'api_key', 'assistant', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable().optional(),
  onBehalfOf: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type Activity = z.infer<typeof ActivitySchema>;
