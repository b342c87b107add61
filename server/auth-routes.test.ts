// Issue 8.3: no side door around our roles through Better Auth's own endpoints. Every endpoint
// Better Auth mounts is found by enumerating auth.api (a plugin's new endpoint is covered without
// touching this file) and is either disabled (404), public by design, for any signed-in user about
// themselves, or gated by our role ladder — tested here for anonymous, viewer, member, admin,
// deactivated and foreign-organization callers.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../contracts/common';
import { Client, testApp, uniqueEmail, type Res, type TestApp } from '../test/app';
import { addMember, orgWithRoles, ownerWithOrg, PASSWORD, signUp } from '../test/factories';
import { AUTH_ENDPOINTS } from './lib/auth-gate';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});

describe("Better Auth's api-key endpoints", () => {
  test('a viewer cannot make a key through /api/auth/api-key/create', async () => {
    const { viewer, admin } = await orgWithRoles(app);
    const res = await viewer.post('/api/auth/api-key/create', { name: 'viewer side door' });
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(JSON.stringify(res.body ?? '')).not.toMatch(/mrd_/);
    expect((await admin.get('/api/v1/api-keys')).body.data.map((k: { name: string }) => k.name)).not.toContain('viewer side door');
  });

  test("another org's owner cannot plant a key in this org with metadata.organizationId", async () => {
    const { admin, orgId } = await orgWithRoles(app);
    const { owner: foreign } = await ownerWithOrg(app);
    const res = await foreign.post('/api/auth/api-key/create', { name: 'planted', metadata: { organizationId: orgId } });
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect((await admin.get('/api/v1/api-keys')).body.data.map((k: { name: string }) => k.name)).not.toContain('planted');
  });

  test('update, delete, get and list of the plugin are not reachable over HTTP either', async () => {
    const { admin } = await orgWithRoles(app);
    const made = (await admin.post('/api/v1/api-keys', { name: 'real key' })).body.data;
    for (const [method, path, body] of [
      ['POST', '/api/auth/api-key/update', { keyId: made.id, name: 'renamed', enabled: true }],
      ['POST', '/api/auth/api-key/delete', { keyId: made.id }],
      ['GET', `/api/auth/api-key/get?id=${made.id}`, undefined],
      ['GET', '/api/auth/api-key/list', undefined],
    ] as const) {
      expect((await admin.request(method, path, body)).status, path).toBe(404);
    }
    expect((await admin.get('/api/v1/api-keys')).body.data.find((k: { id: string }) => k.id === made.id)?.name).toBe('real key');
  });

  test("the list shows only keys made by this org's members for this org, and only those authenticate", async () => {
    const { admin, orgId } = await orgWithRoles(app);
    const { owner: foreign } = await ownerWithOrg(app);
    // A key planted before the side door was closed: bound to this org, made by an outsider.
    const planted = await app.auth.api.createApiKey({ body: { name: 'legacy plant', userId: foreign.userId, metadata: { organizationId: orgId } } });
    const listed = (await admin.get('/api/v1/api-keys')).body.data.map((k: { id: string }) => k.id);
    expect(listed).not.toContain(planted.id);
    expect((await admin.delete(`/api/v1/api-keys/${planted.id}`)).status).toBe(404);
    const bot = new Client(app);
    bot.bearer = planted.key;
    expect((await bot.get('/api/v1/contacts')).status).toBe(403);
  });
});

interface Mounted {
  path: string;
  method: 'GET' | 'POST';
}
const RANK: Role[] = ['viewer', 'member', 'admin', 'owner'];
/** Paths whose call ends the caller's own session: run after the others, in this order. */
const ENDS_SESSION = ['/revoke-other-sessions', '/revoke-sessions', '/sign-out'];
const order = (path: string) => ENDS_SESSION.indexOf(path) + 1;

describe('every mounted /api/auth endpoint', () => {
  let mounted: Mounted[];
  let org: Awaited<ReturnType<typeof orgWithRoles>>;
  let deactivated: Client;
  let foreign: Client;
  beforeAll(async () => {
    mounted = Object.values(app.auth.api as Record<string, { path?: string; options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: boolean } } }>)
      .filter((e) => e.path && !e.options?.metadata?.SERVER_ONLY)
      .map((e) => ({ path: e.path!, method: ([e.options?.method].flat()[0] ?? 'GET') as Mounted['method'] }))
      .sort((a, b) => order(a.path) - order(b.path));
    org = await orgWithRoles(app);
    // A deactivated *owner*: refused for deactivation, not for lack of role, on every endpoint.
    const coOwner = await addMember(org.orgId, 'owner', app);
    const rows = (await org.owner.get('/api/v1/members')).body.data as { id: string; userId: string }[];
    expect((await org.owner.post(`/api/v1/members/${rows.find((m) => m.userId === coOwner.userId)!.id}/deactivate`)).status).toBe(200);
    deactivated = new Client(app);
    expect((await deactivated.post('/api/auth/sign-in/email', { email: coOwner.email, password: PASSWORD })).status).toBe(200);
    foreign = (await ownerWithOrg(app)).owner;
  });

  const url = (path: string) => `/api/auth${path.replace(/:[a-zA-Z]+/g, 'x')}`;
  /** A call naming our organization (body for POST, query for GET), or with `extra` fields only. */
  const call = (c: Client, e: Mounted, named: boolean, extra: Record<string, unknown> = {}): Promise<Res> => {
    const params = { ...(named ? { organizationId: org.orgId } : {}), ...extra };
    if (e.method === 'GET') {
      const q = new URLSearchParams(params as Record<string, string>).toString();
      return c.get(q ? `${url(e.path)}?${q}` : url(e.path));
    }
    return c.post(url(e.path), params);
  };
  const policies = (access: string) => mounted.filter((e) => AUTH_ENDPOINTS[e.path]?.access === access);

  test('the policy table lists exactly the endpoints Better Auth mounts', () => {
    const paths = [...new Set(mounted.map((e) => e.path))].sort();
    expect(paths.length).toBeGreaterThan(40);
    expect(paths).toEqual(Object.keys(AUTH_ENDPOINTS).sort());
  });

  test('disabled ones answer 404 to anyone', async () => {
    const off = policies('disabled');
    expect(off.map((e) => e.path)).toEqual(expect.arrayContaining(['/api-key/create', '/api-key/update', '/api-key/delete', '/api-key/list', '/api-key/get']));
    for (const e of off) {
      for (const who of [new Client(app), org.owner]) {
        const res = await call(who, e, true, { name: 'x', keyId: 'x', email: uniqueEmail() });
        expect(res.status, `${e.method} ${e.path}`).toBe(404);
      }
    }
  });

  test('public ones are reachable without a session (Better Auth answers, not our gate)', async () => {
    const open = policies('public');
    expect(open.map((e) => e.path).sort()).toEqual(['/get-session', '/request-password-reset', '/reset-password', '/reset-password/:token', '/sign-in/email', '/sign-out', '/sign-up/email']);
    for (const e of open) {
      const res = await call(new Client(app), e, false);
      expect([401, 403, 404, 429], `${e.method} ${e.path}: ${res.status}`).not.toContain(res.status);
      expect(res.status, `${e.method} ${e.path}`).toBeLessThan(500);
    }
  });

  test('session ones need a session, and then Better Auth answers', async () => {
    const own = policies('session');
    expect(own.length).toBeGreaterThan(8);
    for (const e of own) {
      const anonymous = await call(new Client(app), e, false);
      expect(anonymous.status, `${e.method} ${e.path}`).toBe(401);
    }
    const someone = await signUp(app, 'No Org Yet');
    for (const e of own) {
      const res = await call(someone, e, false);
      expect([401, 403, 404], `${e.method} ${e.path}: ${res.status} ${JSON.stringify(res.body)}`).not.toContain(res.status);
    }
  });

  test('organization ones follow our ladder: anonymous 401; foreign, deactivated and lower roles 403; the role named passes', async () => {
    const gated = policies('org');
    expect(gated.length).toBeGreaterThan(14);
    const byRole = { viewer: org.viewer, member: org.member, admin: org.admin, owner: org.owner } as const;
    for (const e of gated) {
      const policy = AUTH_ENDPOINTS[e.path] as { role: Role };
      const where = `${e.method} ${e.path} (needs ${policy.role})`;
      expect((await call(new Client(app), e, true)).status, `${where}: anonymous`).toBe(401);
      const alien = await call(foreign, e, true);
      expect(alien.status, `${where}: foreign owner ${JSON.stringify(alien.body)}`).toBe(403);
      const gone = await call(deactivated, e, true);
      expect(gone.status, `${where}: deactivated ${JSON.stringify(gone.body)}`).toBe(403);
      expect(gone.body.code).toBe('DEACTIVATED');
      for (const role of RANK.slice(0, RANK.indexOf(policy.role))) {
        const res = await call(byRole[role], e, true);
        expect(res.status, `${where}: ${role}`).toBe(403);
      }
      // The role named gets past our gate; an incomplete body then stops at Better Auth's validation.
      const ok = await call(byRole[policy.role], e, false);
      expect([401, 403, 404], `${where}: ${policy.role} ${ok.status} ${JSON.stringify(ok.body)}`).not.toContain(ok.status);
    }
  });
});
