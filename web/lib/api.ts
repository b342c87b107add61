// The one way the web app talks to /api/v1: JSON in and out, cookie auth, and every failure
// turned into an ApiError carrying the server's { code, message, details }.

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    /** On a 412 (stale If-Match): the record as it is now, saved by someone else. */
    readonly current?: Record<string, unknown> & { id: string; version: number },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isFieldIssue(v: unknown): v is FieldIssue {
  return typeof v === 'object' && v !== null && typeof (v as FieldIssue).path === 'string' && typeof (v as FieldIssue).message === 'string';
}

/** The server's error body as an ApiError (also used by callers that send non-JSON bodies). */
export async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : `http_${res.status}`;
  const message = typeof err?.message === 'string' ? err.message : res.statusText || 'Request failed';
  const details = Array.isArray(err?.details) ? err.details.filter(isFieldIssue) : [];
  const current = res.status === 412 ? (err?.details as { current?: ApiError['current'] } | undefined)?.current : undefined;
  return new ApiError(res.status, code, message, details, current);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(path: string, init: { method?: Method; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function errorMessage(e: unknown) {
  if (e instanceof Error) return e.message;
  return 'Something went wrong';
}
