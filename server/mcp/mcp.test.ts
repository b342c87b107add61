// The MCP server with the SDK's own client over real HTTP: list tools, create a contact, see it
// through REST; a viewer's key is refused on a write; destructive tools wait for approval.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../test/app';
import { orgWithRoles } from '../../test/factories';

let server: ServerType;
let baseUrl: string;
let org: Awaited<ReturnType<typeof orgWithRoles>>;

beforeAll(async () => {
  const app = await testApp();
  server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  org = await orgWithRoles(app);
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      // The MCP client keeps connections alive; close them so the server can stop.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
);

async function keyFor(client: typeof org.admin, name: string) {
  const res = await client.post('/api/v1/api-keys', { name });
  expect(res.status).toBe(201);
  return res.body.data.key as string;
}

async function connect(key: string) {
  const client = new McpClient({ name: 'meridian-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
  await client.connect(transport);
  return client;
}

const text = (r: Record<string, unknown>) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('');

describe('MCP server', () => {
  test('lists the registry, creates a contact that REST then shows, parks a delete for approval', async () => {
    const mcp = await connect(await keyFor(org.admin, 'mcp'));
    const { tools } = await mcp.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['list_contacts', 'get_contact', 'create_contact', 'update_contact', 'delete_contact', 'list_companies', 'create_company', 'search']) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('delete_contact')!.annotations).toMatchObject({ destructiveHint: true });
    const emailProp = (byName.get('create_contact')!.inputSchema.properties as Record<string, { description?: string }>).email;
    expect(emailProp.description).toMatch(/Email address/);

    const created = await mcp.callTool({ name: 'create_contact', arguments: { firstName: 'Katherine', lastName: 'Johnson', email: 'kj@nasa.test' } });
    expect(created.isError).toBeFalsy();
    const contact = JSON.parse(text(created));
    const viaRest = await org.admin.get(`/api/v1/contacts/${contact.id}`);
    expect(viaRest.status).toBe(200);
    expect(viaRest.body.data.fullName).toBe('Katherine Johnson');
    const [activity] = (await org.admin.get(`/api/v1/contacts/${contact.id}/activities`)).body.data;
    expect(activity).toMatchObject({ actorType: 'api_key', actorId: org.admin.userId });

    const invalid = await mcp.callTool({ name: 'create_contact', arguments: { email: 'not-an-email' } });
    expect(invalid.isError).toBe(true);

    const del = await mcp.callTool({ name: 'delete_contact', arguments: { id: contact.id } });
    expect(JSON.parse(text(del))).toMatchObject({ status: 'pending_approval', summary: 'Delete contact Katherine Johnson' });
    expect((await org.admin.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
    const pending = (await org.admin.get('/api/v1/assistant/approvals?status=pending')).body.data;
    expect(pending.find((a: { source: string }) => a.source === 'mcp')).toBeTruthy();
    await mcp.close();
  });

  test("a viewer's key reads but is refused on a write", async () => {
    // Keys are made by admins; a viewer's key is one whose creator is now a viewer.
    const demoted = org.admin;
    const key = await keyFor(demoted, 'soon a viewer');
    const rows = (await org.owner.get('/api/v1/members')).body.data;
    const me = rows.find((m: { userId: string }) => m.userId === demoted.userId);
    expect((await org.owner.patch(`/api/v1/members/${me.id}`, { role: 'viewer' })).status).toBe(200);
    try {
      const mcp = await connect(key);
      const read = await mcp.callTool({ name: 'list_contacts', arguments: {} });
      expect(read.isError).toBeFalsy();
      const write = await mcp.callTool({ name: 'create_contact', arguments: { firstName: 'Not', lastName: 'Allowed' } });
      expect(write.isError).toBe(true);
      expect(text(write)).toMatch(/Refused: your role \(viewer\) cannot use create_contact/);
      expect((await org.owner.get('/api/v1/contacts?q=Allowed')).body.total).toBe(0);
      await mcp.close();
    } finally {
      await org.owner.patch(`/api/v1/members/${me.id}`, { role: 'admin' });
    }
  });

  test('without a key /mcp is 401', async () => {
    const res = await fetch(`${baseUrl}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(res.status).toBe(401);
  });
});
