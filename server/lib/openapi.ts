// OpenAPI building blocks shared by every route file: the error responses (one shape, DESIGN.md §2),
// a JSON response, a JSON request body and the data envelopes. The schemas themselves live in contracts/.
import type { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../contracts/common';

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
