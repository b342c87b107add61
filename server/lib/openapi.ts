// OpenAPI building blocks shared by every route file: the error responses (one shape, DESIGN.md §2),
// a JSON response, a JSON request body and the data envelopes. The schemas themselves live in contracts/.
import { z } from '@hono/zod-openapi';
import { ErrorSchema, preconditionFailedEnvelope } from '../../contracts/common';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

export const errorResponses = {
  400: error('Invalid input (details carry field paths)'),
  401: error('Not signed in / bad API key'),
  403: error('Role too low'),
  404: error('Not found in your organization'),
  409: error('Conflicts with an existing record'),
  413: error('Too large'),
  429: error('Too many requests'),
};

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A required JSON request body, optionally with an example for the reference docs. */
export const jsonBody = <T extends z.ZodType>(schema: T, example?: unknown) => ({
  body: { content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } }, required: true },
});

/** The ETag response header of a record (lib/etag.ts). */
export const etagHeader = { ETag: { description: 'The record\'s version as a strong entity tag, e.g. "3": send it as If-Match to update only that version', schema: { type: 'string' as const } } };

/** A JSON response that also carries the record's ETag. */
export const jsonWithEtag = <T extends z.ZodType>(schema: T, description: string) => ({ ...jsonResponse(schema, description), headers: etagHeader });

/** The optional If-Match request header of a record write. */
export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'The ETag you read (e.g. "3"), or several, or *. When given and the record has changed since, nothing is saved: 412 with the current record. Without it the write applies to whatever version is current.', example: '"3"' }),
});

/** The 412 of a write with a stale If-Match, carrying the current record. */
export const preconditionFailed = <T extends z.ZodType>(item: T) => ({
  description: 'If-Match does not match the current version: nothing was saved; details.current is the record now, details.etag its ETag',
  content: { 'application/json': { schema: preconditionFailedEnvelope(item) } },
  headers: etagHeader,
});
