// Optional error reporting to Sentry (SENTRY_DSN). Without a DSN nothing is loaded or sent. With
// one, @sentry/node is loaded on first use and initialised once per process (Sentry's client is
// process-global), and every 5xx the app answers is reported. Events carry no request data (no
// headers, cookies, bodies or query strings: the same rule as our logs), only method and path.
import type { Env } from '../env';

export type ErrorReporter = {
  report(err: unknown, context: { reqId?: string; method?: string; route?: string; status?: number }): void;
  /** Sends what is queued (at shutdown). */
  flush(timeoutMs?: number): Promise<void>;
};

type SentryModule = typeof import('@sentry/node');
let loaded: { dsn: string; sentry: Promise<SentryModule> } | undefined;

function sentryFor(env: Pick<Env, 'SENTRY_DSN' | 'SENTRY_ENVIRONMENT' | 'SENTRY_RELEASE' | 'NODE_ENV'>): Promise<SentryModule> {
  const dsn = env.SENTRY_DSN!;
  if (loaded?.dsn === dsn) return loaded.sentry;
  const sentry = import('@sentry/node').then((Sentry) => {
    Sentry.init({
      dsn,
      environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
      release: env.SENTRY_RELEASE,
      beforeSend(event) {
        if (event.request) event.request = { method: event.request.method, url: event.request.url?.replace(/[?#].*$/, '') };
        return event;
      },
    });
    return Sentry;
  });
  loaded = { dsn, sentry };
  return sentry;
}

export function errorReporter(env: Pick<Env, 'SENTRY_DSN' | 'SENTRY_ENVIRONMENT' | 'SENTRY_RELEASE' | 'NODE_ENV'>): ErrorReporter | undefined {
  if (!env.SENTRY_DSN) return undefined;
  const sentry = sentryFor(env);
  return {
    report(err, { reqId, method, route, status }) {
      void sentry.then((Sentry) =>
        Sentry.withScope((scope) => {
          if (reqId) scope.setTag('request_id', reqId);
          if (method) scope.setTag('method', method);
          if (route) scope.setTag('route', route);
          if (status) scope.setTag('status_code', String(status));
          Sentry.captureException(err);
        }),
      );
    },
    async flush(timeoutMs = 2000) {
      await (await sentry).flush(timeoutMs);
    },
  };
}
