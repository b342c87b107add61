// One error shape for every response: { error: { code, message, details? } }. Anything unexpected
// becomes a 500 with a generic message; stack traces and SQL stay in the log.
import { HTTPException } from 'hono/http-exception';
import { ZodError, type z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 429 | 500 | 502 | 503 | 504,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: FieldIssue[]) => new AppError(400, 'validation_error', message, details);
export const fieldError = (path: string, message: string) => badRequest(`${path}: ${message}`, [{ path, message }]);
export const unauthorized = (message = 'Sign in or send an API key to use this endpoint') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message: string, code = 'forbidden') => new AppError(403, code, message);
export const notFound = (what = 'Record') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: FieldIssue[]) => new AppError(409, 'conflict', message, details);

export function zodIssues(err: ZodError, prefix?: string): FieldIssue[] {
  return err.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    return { path: path || '(root)', message: i.message };
  });
}

/** Validates service input against its contract: the parsed value, or a 400 with field paths. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error);
  return r.data;
}

export function fromZod(err: ZodError, prefix?: string): AppError {
  const details = zodIssues(err, prefix);
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return badRequest(`Invalid input — ${summary}`, details);
}

/** Unique constraints whose violation is a user-facing 409, by constraint name. */
const uniqueMessages = new Map<string, FieldIssue>();
export function registerUniqueMessage(constraint: string, issue: FieldIssue) {
  uniqueMessages.set(constraint, issue);
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
}
function pgError(err: unknown): PgErrorLike | undefined {
  // Drizzle wraps driver errors (DrizzleQueryError.cause); walk the chain to the driver's error.
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as PgErrorLike).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgErrorLike;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZod(err);
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError(413, 'payload_too_large', 'Request body is too large');
    if (err.status === 401) return unauthorized();
    return badRequest(err.message || 'Malformed request');
  }
  if (err instanceof SyntaxError) return badRequest('Malformed JSON body');
  const pg = pgError(err);
  if (pg?.code === '23505') {
    const issue = pg.constraint ? uniqueMessages.get(pg.constraint) : undefined;
    return conflict(issue?.message ?? 'A record with these values already exists', issue ? [issue] : undefined);
  }
  if (pg?.code === '23503') return badRequest('A referenced record does not exist');
  // Backstops for values the validators should already have refused: bad format, out-of-range
  // numbers and dates (22008), text PostgreSQL cannot hold (NUL: 22021, 22P05), too long (22001).
  if (pg?.code && ['22P02', '22007', '22003', '22008', '22021', '22P05', '22001'].includes(pg.code)) return badRequest('A value has the wrong format or is out of range');
  // Better Auth's own API errors (called from our routes) keep their 4xx status and message.
  const api = err as { name?: string; statusCode?: number; body?: { message?: string; code?: string } };
  if (api?.name === 'APIError' && typeof api.statusCode === 'number' && api.statusCode >= 400 && api.statusCode < 500) {
    const status = ([400, 401, 403, 404, 409, 413, 422, 429] as const).find((s) => s === api.statusCode) ?? 400;
    return new AppError(status, api.body?.code?.toLowerCase() ?? 'bad_request', api.body?.message ?? 'The request was refused');
  }
  return new AppError(500, 'internal_error', 'Something went wrong on our side; it has been logged.');
}

export function errorBody(e: AppError) {
  return { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
}

/** "10 MB", "512 KB": for messages about size limits. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
