// Cross-site request forgery: a browser attaches the session cookie to requests any page makes, so
// an unsafe request that rides on the cookie must come from our own origin. Browsers send Origin on
// every cross-origin request and on same-origin POST/PUT/PATCH/DELETE; Referer is the fallback when a
// privacy setting strips Origin. Bearer-key calls carry their credential explicitly and are exempt.
import type { MiddlewareHandler } from 'hono';
import { forbidden } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export function csrfGuard(appUrl: string): MiddlewareHandler {
  const ours = new URL(appUrl).origin;
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    if (/^bearer\s/i.test(c.req.header('authorization') ?? '')) return next();
    // No cookie, no ambient credential to forge: authentication answers 401.
    if (!c.req.header('cookie')) return next();
    const origin = c.req.header('origin');
    const from = origin !== undefined ? originOf(origin) : originOf(c.req.header('referer'));
    if (from !== ours) {
      throw forbidden(`Cross-site request refused: a request signed in with a cookie must come from ${ours}. API clients send an API key instead.`, 'csrf_origin_mismatch');
    }
    await next();
  };
}
