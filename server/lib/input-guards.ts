// Input no handler should ever see: NUL bytes (PostgreSQL text cannot hold U+0000, so they used to
// surface as 500s from deep inside a query) and multipart bodies that cannot be parsed. One
// middleware in front of every route, one form reader for every upload.
import type { Context, MiddlewareHandler } from 'hono';
import { badRequest, fieldError } from './errors';

/** The path of the first string (or key) holding U+0000, or undefined. */
export function findNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(root)' : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return p;
    const hit = findNul(v, p, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

const nulError = (path: string) => fieldError(path, 'must not contain NUL (U+0000) characters');

/** 400 for a NUL byte in the URL (path or query). Cheap: runs first, on every request. */
export function rejectNulInUrl(): MiddlewareHandler {
  return async (c, next) => {
    // URLs carry NUL only percent-encoded (%00); a literal one cannot reach us through the parser.
    const url = c.req.url;
    if (/%00/i.test(url)) {
      const query = url.indexOf('?');
      throw nulError(query !== -1 && /%00/i.test(url.slice(query)) ? 'query' : 'path');
    }
    await next();
  };
}

/**
 * 400 for a NUL byte in any string or key of a JSON body. Mount it after the body limit (it reads
 * the body). It reads a clone, so handlers that take the raw request (Better Auth, MCP) still get it whole.
 */
export function rejectNulInJson(): MiddlewareHandler {
  return async (c, next) => {
    if (/\bjson\b/i.test(c.req.header('content-type') ?? '') && c.req.raw.body) {
      const text = await c.req.raw.clone().text();
      // Cheap test first: JSON can only express U+0000 as an escape (or a raw byte, which is invalid JSON).
      if (/\\u0000|\u0000/i.test(text)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw badRequest('Malformed JSON body');
        }
        const at = findNul(parsed);
        if (at) throw nulError(at);
      }
    }
    await next();
  };
}

/** The multipart form of an upload, or a 400 saying why it could not be read (no boundary, garbled). */
export async function readForm(c: Context, fileField = 'file'): Promise<Record<string, string | File>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(type)) {
    throw badRequest('Upload the file as multipart/form-data (with a boundary)', [{ path: fileField, message: 'required' }]);
  }
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw badRequest('The multipart body could not be read', [{ path: fileField, message: 'required' }]);
  }
  const out: Record<string, string | File> = {};
  for (const [k, v] of Object.entries(form)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one === undefined) continue;
    const text = typeof one === 'string' ? one : one.name;
    if (text.includes('\u0000') || k.includes('\u0000')) throw nulError(k);
    out[k] = one;
  }
  return out;
}
