import pino, { type Logger } from 'pino';

export function createLogger(level: string) {
  // Never log secrets: headers and bodies are not logged; these paths are redacted if a caller slips.
  return withSafeErrors(pino({ level, redact: ['*.authorization', '*.cookie', '*.password', '*.apiKey', '*.key', '*.secret'] }));
}

/** Logs `err` through safeError, whoever built the logger (tests hand createApp their own). */
export function withSafeErrors(log: Logger): Logger {
  return log.child({}, { serializers: { err: safeError } });
}

// A failed query's error carries its bound parameters (record text, key hashes, emails) in
// Drizzle's message ("Failed query: …\nparams: …"), in `params`, and in PostgreSQL's `detail`
// ("Key (email)=(ada@…) already exists"). The log keeps what helps debugging — the SQL text with
// its $1 placeholders, the SQLSTATE, the constraint — and drops every value.
const PG_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;

function redactMessage(message: string): string {
  return message
    .replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]')
    // "invalid input syntax for type uuid: "…"", "invalid input value for enum x: "…"".
    .replace(/(for (?:type|enum) [^:]+: )"[\s\S]*"$/, '$1"[redacted]"');
}

export function safeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 4) return err instanceof Error ? { type: err.name } : err;
  const e = err as Error & Record<string, unknown>;
  const message = redactMessage(e.message);
  const out: Record<string, unknown> = { type: e.name, message };
  if (typeof e.stack === 'string') {
    // The stack starts with "Name: message"; keep only the frames.
    const frames = e.stack.indexOf('\n    at ');
    out.stack = `${e.name}: ${message}${frames === -1 ? '' : e.stack.slice(frames)}`;
  }
  if (typeof e.query === 'string') out.query = e.query;
  for (const f of PG_FIELDS) if (typeof e[f] === 'string') out[f] = e[f];
  if (e.cause !== undefined) out.cause = safeError(e.cause, depth + 1);
  return out;
}

export type { Logger } from 'pino';
