// Rendering the web's real components in jsdom (files that say `// @vitest-environment jsdom`):
// the app's own query client and router, the signed-in member, and the network edge — `fetch` —
// answered by the test's routes in the API's own wire format ({ data }, { error: { code, message,
// details } }). A request no route answers fails the test (it is listed in `unhandled`).
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, vi } from 'vitest';
import type { Me } from '../contracts/responses';
import { MeContext } from '../web/lib/me';
import { queryClient } from '../web/lib/query-client';

export interface Sent {
  method: string;
  /** Path under /api/v1, with its query string. */
  path: string;
  url: URL;
  body: unknown;
  headers: Record<string, string>;
}

type Reply = { status?: number; body?: unknown };
type Route = { method: string; path: string | RegExp; reply: (req: Sent) => Reply | Promise<Reply> };

export function fakeApi() {
  const routes: Route[] = [];
  const sent: Sent[] = [];
  const unhandled: string[] = [];
  const on = (method: string, path: string | RegExp, reply: Route['reply'] | Reply) => {
    // The newest route for a request wins, so a test can change an answer midway.
    routes.unshift({ method, path, reply: typeof reply === 'function' ? reply : () => reply });
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '') + url.search;
    const req: Sent = { method, path, url, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined, headers: Object.fromEntries(Object.entries(init.headers ?? {})) };
    sent.push(req);
    const route = routes.find((r) => r.method === method && (typeof r.path === 'string' ? r.path === url.pathname.replace(/^\/api\/v1/, '') : r.path.test(path)));
    if (!route) {
      unhandled.push(`${method} ${path}`);
      return Response.json({ error: { code: 'not_found', message: `no test route for ${method} ${path}` } }, { status: 404 });
    }
    const { status = 200, body } = await route.reply(req);
    return status === 204 ? new Response(null, { status }) : Response.json(body ?? null, { status });
  });
  vi.stubGlobal('fetch', fetch);
  return { on, sent, unhandled, fetch, requests: (method: string, pathname: string) => sent.filter((s) => s.method === method && s.url.pathname === `/api/v1${pathname}`) };
}

export const me: Me = {
  user: { id: 'user-1', name: 'Ada Admin', email: 'ada@example.com' },
  organization: { id: 'org-1', name: 'Acme', slug: 'acme', currency: 'USD' },
  role: 'admin',
  via: 'user',
  features: { email: false },
  preferences: { theme: 'system' },
};

export const members = [{ id: 'member-1', userId: 'user-1', name: 'Ada Admin', email: 'ada@example.com', role: 'admin', deactivatedAt: null, lockedUntil: null, createdAt: '2026-01-01T00:00:00.000Z' }];

let lastLocation = '';

function LocationProbe() {
  const l = useLocation();
  lastLocation = l.pathname + l.search;
  return null;
}

/** Renders `element` at `url` under the member `as`, with the app's query client. */
export function renderPage(element: ReactNode, { url = '/', path = '*', as = me }: { url?: string; path?: string; as?: Me } = {}) {
  const router = createMemoryRouter(
    [
      {
        path,
        element: (
          <MeContext value={as}>
            {element}
            <LocationProbe />
          </MeContext>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, location: () => new URL(lastLocation, 'http://localhost') };
}

/** Call once at the top of a test file: each test starts from an empty cache, DOM and storage. */
export function setupWebTests() {
  // findBy*/waitFor poll until this; the suite shares two cores with others, so not the default 1 s.
  configure({ asyncUtilTimeout: 15_000 });
  afterEach(() => {
    cleanup();
    queryClient.clear();
    vi.unstubAllGlobals();
    localStorage.clear();
  });
}

/** The text a control's aria-describedby points at (its error or hint), as a screen reader reads it. */
export function descriptionOf(el: HTMLElement): string {
  const ids = el.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids.map((id) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}
