// Issue 8.2: deactivation holds everywhere. A deactivated admin who signs in again gets 403 on every
// /api/auth/organization/* call for that organization, on /api/v1 and on /mcp, and their API keys
// stop working at once. Nothing they try changes anything.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, testApp, uniqueEmail, type TestApp } from '../test/app';
import { orgWithRoles, PASSWORD } from '../test/factories';

let app: TestApp;
let server: ServerType;
let baseUrl: string;
beforeAll(async () => {
  app = await testApp();
  server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
);

async function mcpTools(key: string) {
  const client = new McpClient({ name: 'deactivation-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools.length;
  } finally {
    await client.close();
  }
}

/** An org with every role; its admin made an API key and was then deactivated, and has signed in again. */
async function deactivatedAdmin() {
  const org = await orgWithRoles(app);
  const key = (await org.admin.post('/api/v1/api-keys', { name: 'admin script' })).body.data.key as string;
  expect(await mcpTools(key)).toBeGreaterThan(5);
  const pending = await org.owner.post('/api/auth/organization/invite-member', { email: uniqueEmail('pending'), role: 'member', organizationId: org.orgId });
  expect(pending.status).toBe(200);
  const members = (await org.owner.get('/api/v1/members')).body.data as { id: string; userId: string; role: string }[];
  const row = (userId: string) => members.find((m) => m.userId === userId)!;
  expect((await org.owner.post(`/api/v1/members/${row(org.admin.userId).id}/deactivate`)).status).toBe(200);

  const again = new Client(app);
  expect((await again.post('/api/auth/sign-in/email', { email: org.admin.email, password: PASSWORD })).status).toBe(200);
  return { ...org, key, again, row, invitationId: pending.body.id as string };
}

describe('a deactivated member', () => {
  test('gets 403 on every /api/auth/organization/* call for that organization, and nothing changes', async () => {
    const { orgId, again, row, admin, viewer, member, owner, invitationId } = await deactivatedAdmin();
    const before = (await owner.get('/api/v1/members')).body.data;
    const invitationsBefore = (await owner.get('/api/v1/invitations')).body.data;
    const q = `organizationId=${orgId}`;
    const calls: [string, string, unknown?][] = [
      ['POST', '/api/auth/organization/set-active', { organizationId: orgId }],
      ['GET', `/api/auth/organization/get-full-organization?${q}`],
      ['GET', `/api/auth/organization/get-organization?${q}`],
      ['GET', `/api/auth/organization/list-members?${q}`],
      ['GET', `/api/auth/organization/list-invitations?${q}`],
      ['POST', '/api/auth/organization/invite-member', { email: uniqueEmail('by-deactivated'), role: 'admin', organizationId: orgId }],
      ['POST', '/api/auth/organization/update-member-role', { memberId: row(viewer.userId).id, role: 'admin', organizationId: orgId }],
      ['POST', '/api/auth/organization/remove-member', { memberIdOrEmail: row(member.userId).id, organizationId: orgId }],
      ['POST', '/api/auth/organization/cancel-invitation', { invitationId }],
      ['POST', '/api/auth/organization/update', { organizationId: orgId, data: { name: 'Taken over' } }],
      ['POST', '/api/auth/organization/leave', { organizationId: orgId }],
      ['POST', '/api/auth/organization/has-permission', { organizationId: orgId, permissions: { member: ['create'] } }],
    ];
    for (const [method, path, body] of calls) {
      const res = await again.request(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(403);
    }

    // Even a session that still points at the organization (one made before the deactivation) gets nothing.
    await app.database.query(`update session set active_organization_id = $1 where user_id = $2`, [orgId, admin.userId]);
    for (const path of ['/api/auth/organization/get-full-organization', '/api/auth/organization/list-members', '/api/auth/organization/get-active-member', '/api/auth/organization/get-active-member-role', '/api/auth/organization/list-invitations']) {
      const res = await again.get(path);
      expect(res.status, `${path} (active organization): ${JSON.stringify(res.body)}`).toBe(403);
    }
    expect((await again.post('/api/auth/organization/invite-member', { email: uniqueEmail('by-active'), role: 'admin' })).status).toBe(403);

    expect((await owner.get('/api/v1/members')).body.data).toEqual(before);
    expect((await owner.get('/api/v1/invitations')).body.data).toEqual(invitationsBefore);
    expect((await owner.get('/api/v1/me')).body.data.organization.name).not.toBe('Taken over');
  });

  test('gets 403 on /api/v1 and /mcp, and their API key stops working at once', async () => {
    const { again, key } = await deactivatedAdmin();
    const me = await again.get('/api/v1/me');
    expect(me.status).toBe(403);
    expect(me.body.error.code).toBe('deactivated');

    const bot = new Client(app);
    bot.bearer = key;
    const viaKey = await bot.get('/api/v1/contacts');
    expect(viaKey.status).toBe(403);
    expect(viaKey.body.error.code).toBe('deactivated');
    expect((await bot.post('/api/v1/contacts', { firstName: 'Not', lastName: 'Allowed' })).status).toBe(403);

    await expect(mcpTools(key)).rejects.toThrow(/403|deactivated/);
    const raw = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(raw.status).toBe(403);
  });

  test('is let back in by reactivation (sessions and keys work again)', async () => {
    const { orgId, again, key, owner, admin, row } = await deactivatedAdmin();
    expect((await owner.post(`/api/v1/members/${row(admin.userId).id}/reactivate`)).status).toBe(200);
    expect((await again.post('/api/auth/organization/set-active', { organizationId: orgId })).status).toBe(200);
    expect((await again.get(`/api/auth/organization/list-members?organizationId=${orgId}`)).status).toBe(200);
    expect(await mcpTools(key)).toBeGreaterThan(5);
  });
});
