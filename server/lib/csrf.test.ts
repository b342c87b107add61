// Issue 8.5 reproduction: a page on another localhost port restored a deleted contact with the
// member's cookie. Unsafe cookie calls must come from APP_URL; bearer-key calls are unaffected.
import { beforeAll, describe, expect, test } from 'vitest';
import { APP_URL, Client, testApp } from '../../test/app';
import { orgWithRoles } from '../../test/factories';

// The worker's database is created (and migrated) once, in the hook's longer timeout.
beforeAll(() => testApp(), 120_000);

const EVIL = 'http://localhost:4000';

describe('CSRF', () => {
  test('a page on another localhost port cannot restore a deleted contact with the cookie', async () => {
    const { member } = await orgWithRoles();
    const id = (await member.post('/api/v1/contacts', { firstName: 'Deleted', lastName: 'Person' })).body.data.id;
    expect((await member.delete(`/api/v1/contacts/${id}`)).status).toBe(204);

    // What the other page's fetch/form sends: the cookie comes along, Origin says who asked.
    const forged = await member.request('POST', `/api/v1/contacts/${id}/restore`, undefined, { origin: EVIL });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf_origin_mismatch');
    // Origin stripped: the Referer decides; neither: refused too; "null" (sandboxed frame) too.
    expect((await member.request('POST', `/api/v1/contacts/${id}/restore`, undefined, { origin: '', referer: `${EVIL}/page.html` })).status).toBe(403);
    expect((await member.request('POST', `/api/v1/contacts/${id}/restore`, undefined, { origin: '' })).status).toBe(403);
    expect((await member.request('POST', `/api/v1/contacts/${id}/restore`, undefined, { origin: 'null' })).status).toBe(403);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await member.request(method, `/api/v1/contacts/${id}`, { firstName: 'X' }, { origin: EVIL })).status, method).toBe(403);
    }
    expect((await member.get(`/api/v1/contacts/${id}`)).status).toBe(404);

    // The app itself (Origin, or only a same-origin Referer) works; reads are never blocked.
    expect((await member.request('GET', `/api/v1/contacts?includeDeleted=true`, undefined, { origin: EVIL })).status).toBe(200);
    expect((await member.request('POST', `/api/v1/contacts/${id}/restore`, undefined, { origin: '', referer: `${APP_URL}/contacts` })).status).toBe(200);
    expect((await member.get(`/api/v1/contacts/${id}`)).body.data.firstName).toBe('Deleted');
  });

  test('/mcp with a cookie from another origin is refused; bearer keys are unaffected', async () => {
    const app = await testApp();
    const { admin } = await orgWithRoles();
    const rpc = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const mcpHeaders = { origin: EVIL, accept: 'application/json, text/event-stream' };
    expect((await admin.request('POST', '/mcp', rpc, mcpHeaders)).status).toBe(403);

    const key = (await admin.post('/api/v1/api-keys', { name: 'zap' })).body.data.key as string;
    const bot = new Client(app);
    bot.bearer = key;
    // No Origin at all (a server-side client), or a foreign one: the key is the credential.
    expect((await bot.post('/api/v1/contacts', { firstName: 'Via', lastName: 'Key' })).status).toBe(201);
    expect((await bot.request('POST', '/api/v1/contacts', { firstName: 'Via', lastName: 'Key' }, { origin: EVIL })).status).toBe(201);
    expect((await bot.request('POST', '/mcp', rpc, mcpHeaders)).status).toBe(200);
  });
});
