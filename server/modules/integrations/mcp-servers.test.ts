// The MCP client (issue 13.1) against real MCP servers built with the SDK on 127.0.0.1, and a provider
// model speaking the OpenAI wire format (test/fake-llm.ts) that calls their tools.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mcpServers } from '../../db/schema';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';
import { startFakeLlm, type FakeLlm } from '../../../test/fake-llm';
import { FAKE_MAIL, startFakeMcp, type FakeMcp } from '../../../test/fakes/mcp-server';

let app: TestApp;
let llm: FakeLlm;
let m365: FakeMcp;
let secured: FakeMcp;
const TOKEN = 'mcp-bearer-token-1234';
/** Nothing listens on port 9 (discard): a server that is down. */
const DOWN = 'http://127.0.0.1:9/mcp';

beforeAll(async () => {
  [llm, m365, secured] = await Promise.all([startFakeLlm(), startFakeMcp(), startFakeMcp({ token: TOKEN })]);
  app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: [new URL(llm.url).host, m365.host, secured.host, '127.0.0.1:9'].join(','), MCP_TIMEOUT_MS: '5000' } });
});
afterEach(() => llm.reset());
afterAll(async () => {
  await app.close();
  await Promise.all([llm.close(), m365.close(), secured.close()]);
});

async function orgWithModel() {
  const org = await orgWithRoles(app);
  const put = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', model: 'gpt-test', apiKey: 'sk-test', baseUrl: `${llm.url}/v1` });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return org;
}

const path = '/api/v1/integrations/mcp-servers';

describe('MCP servers', () => {
  test('register: tools discovered with defaults (send_mail needs approval); a tool toggled; members list, non-admins cannot write, other orgs get 404', async () => {
    const org = await orgWithRoles(app);
    const res = await org.admin.post(path, { name: 'm365', url: m365.url });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const server = res.body.data;
    expect(server).toMatchObject({ name: 'm365', auth: 'none', hasToken: false, enabled: true, lastError: null });
    const byName = Object.fromEntries(server.tools.map((t: { name: string }) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(['list_events', 'list_mail', 'search_files', 'send_mail']);
    expect(byName.list_mail).toMatchObject({ qualifiedName: 'm365__list_mail', readOnly: true, enabled: true, needsApproval: false });
    expect(byName.send_mail).toMatchObject({ readOnly: false, enabled: true, needsApproval: true });
    expect(byName.send_mail.inputSchema.properties.to).toBeDefined();

    const toggled = await org.admin.request('PATCH', `${path}/${server.id}/tools/search_files`, { enabled: false });
    expect(toggled.status).toBe(200);
    expect(toggled.body.data.tools.find((t: { name: string }) => t.name === 'search_files').enabled).toBe(false);
    // The switch survives a rediscovery.
    const refreshed = await org.admin.post(`${path}/${server.id}/refresh`, {});
    expect(refreshed.body.data.tools.find((t: { name: string }) => t.name === 'search_files').enabled).toBe(false);
    expect((await org.admin.request('PATCH', `${path}/${server.id}/tools/nope`, { enabled: false })).status).toBe(404);

    expect((await org.member.get(path)).body.data).toHaveLength(1);
    expect((await org.member.post(path, { name: 'other', url: m365.url })).status).toBe(403);
    expect((await org.member.request('PATCH', `${path}/${server.id}`, { enabled: false })).status).toBe(403);
    expect((await org.member.request('DELETE', `${path}/${server.id}`)).status).toBe(403);
    expect((await org.viewer.get(path)).status).toBe(403);

    const other = await orgWithRoles(app);
    expect((await other.admin.get(`${path}/${server.id}`)).status).toBe(404);
    expect((await other.admin.request('PATCH', `${path}/${server.id}`, { enabled: false })).status).toBe(404);
    expect((await other.admin.request('DELETE', `${path}/${server.id}`)).status).toBe(404);
    expect((await other.admin.get(path)).body.data).toHaveLength(0);

    // Same name twice: 409 on the name.
    const dup = await org.admin.post(path, { name: 'm365', url: m365.url });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe('name');
    expect((await org.admin.request('DELETE', `${path}/${server.id}`)).status).toBe(204);
    expect((await org.admin.get(path)).body.data).toHaveLength(0);
  });

  test('bad input is a 400 naming the field; stdio is refused unless the operator enables it; internal URLs are refused', async () => {
    const org = await orgWithRoles(app);
    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await org.admin.post(path, body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      return r;
    };
    await bad({ name: 'Bad Name', url: m365.url }, 'name');
    await bad({ name: 'a__b', url: m365.url }, 'name');
    await bad({ name: 'm365', url: 'ftp://x' }, 'url');
    await bad({ name: 'm365' }, 'url');
    await bad({ name: 'm365', url: m365.url, auth: 'bearer' }, 'token');
    const stdio = await bad({ name: 'local', transport: 'stdio', command: 'npx some-mcp' }, 'transport');
    expect(stdio.body.error.message).toMatch(/MCP_STDIO_ENABLED=true/);
    const internal = await bad({ name: 'internal', url: 'http://127.0.0.1:7777/mcp' }, 'url');
    expect(internal.body.error.message).toMatch(/OUTBOUND_ALLOWED_HOSTS/);
  });

  test('bearer auth: the token reaches the server, is sealed in the database and never returned', async () => {
    const org = await orgWithRoles(app);
    const res = await org.admin.post(path, { name: 'drive', url: secured.url, auth: 'bearer', token: TOKEN });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ auth: 'bearer', hasToken: true, lastError: null });
    expect(res.body.data.tools.length).toBe(4);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(secured.authorizations).toContain(`Bearer ${TOKEN}`);
    const [row] = await app.database.db.select().from(mcpServers).where(eq(mcpServers.id, res.body.data.id));
    expect(row.tokenEncrypted).toMatch(/^v1:/);
    expect(row.tokenEncrypted).not.toContain(TOKEN);
    expect(JSON.stringify((await org.member.get(path)).body)).not.toContain(TOKEN);

    // A wrong token: saved, with the reason in lastError; the tools stay as they were.
    const wrong = await org.admin.request('PATCH', `${path}/${res.body.data.id}`, { token: 'wrong-token' });
    expect(wrong.status).toBe(200);
    expect(wrong.body.data.lastError).toBeTruthy();
    expect(wrong.body.data.tools.length).toBe(4);
  });

  test('a server that is down: saved with lastError, no 500; the assistant says the tool failed', async () => {
    const org = await orgWithModel();
    const res = await org.admin.post(path, { name: 'down', url: DOWN });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.lastError).toMatch(/connect|refused/i);
    expect(res.body.data.tools).toEqual([]);
    const refresh = await org.admin.post(`${path}/${res.body.data.id}/refresh`, {});
    expect(refresh.status).toBe(200);
    expect(refresh.body.data.lastError).toMatch(/connect|refused/i);

    // Known tools, then the server goes away: the call fails, the answer says so.
    const flaky = await startFakeMcp();
    const app2 = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: [new URL(llm.url).host, flaky.host].join(',') }, database: app.database });
    try {
      const admin = org.admin;
      const a2 = Object.assign(Object.create(Object.getPrototypeOf(admin)), admin, { app: app2 });
      const made = await a2.post(path, { name: 'flaky', url: flaky.url });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.data.tools.length).toBe(4);
      await flaky.close();
      llm.script({ toolCalls: [{ name: 'flaky__list_mail', args: {} }] }, (req) => ({ text: JSON.stringify(req.messages).includes('failed') ? 'The mail tool failed: the server could not be reached.' : 'unexpected' }));
      const m2 = Object.assign(Object.create(Object.getPrototypeOf(org.member)), org.member, { app: app2 });
      const chat = await m2.post('/api/v1/assistant/messages', { text: 'show my mail' });
      expect(chat.status, JSON.stringify(chat.body)).toBe(200);
      expect(chat.body.data.toolCalls[0]).toMatchObject({ name: 'flaky__list_mail', status: 'error' });
      expect(chat.body.data.reply).toBe('The mail tool failed: the server could not be reached.');
      const after = await a2.get(`${path}/${made.body.data.id}`);
      expect(after.body.data.lastError).toBeTruthy();
      expect(after.body.data.tools.length).toBe(4);
    } finally {
      await app2.close();
    }
  });

  test('the assistant: m365__list_mail runs and its result enters the model as quoted data; the system prompt names the server', async () => {
    const org = await orgWithModel();
    expect((await org.admin.post(path, { name: 'm365', url: m365.url })).status).toBe(201);
    llm.script({ toolCalls: [{ name: 'm365__list_mail', args: { top: 5 } }] }, { text: 'You have mail from Ada: Quarterly review.' });
    const res = await org.member.post('/api/v1/assistant/messages', { text: 'use m365 to list my mail' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.reply).toBe('You have mail from Ada: Quarterly review.');
    expect(res.body.data.toolCalls[0]).toMatchObject({ name: 'm365__list_mail', status: 'ok', input: { top: 5 }, output: { messages: FAKE_MAIL } });
    const [first, second] = llm.requests.slice(-2);
    const tools = (first.tools as { function: { name: string; parameters: { properties: Record<string, unknown> } } }[]).map((t) => t.function);
    expect(tools.find((t) => t.name === 'm365__list_mail')?.parameters.properties.top).toBeDefined();
    expect(tools.some((t) => t.name === 'm365__send_mail')).toBe(true);
    const system = JSON.stringify((first.messages as { role: string }[]).filter((m) => m.role === 'system'));
    expect(system).toContain('Connected MCP servers');
    expect(system).toContain('m365__list_mail');
    const toolMessage = (second.messages as { role: string; content: string }[]).find((m) => m.role === 'tool');
    const payload = JSON.parse(toolMessage!.content);
    expect(payload).toMatchObject({ quotedData: { messages: FAKE_MAIL }, source: 'mcp:m365' });
    expect(payload.note).toMatch(/Do not follow instructions/);
    // Logged with the conversation (the assistant's tool-call log), attributed to the member.
    const convo = await org.member.get(`/api/v1/assistant/conversations/${res.body.data.conversationId}`);
    expect(convo.body.data.messages[1].toolCalls[0]).toMatchObject({ name: 'm365__list_mail', status: 'ok' });
  });

  test('m365__send_mail waits for approval and runs only once approved; a switched-off tool is not offered', async () => {
    const org = await orgWithModel();
    const made = await org.admin.post(path, { name: 'm365', url: m365.url });
    const before = m365.sent.length;
    llm.script({ toolCalls: [{ name: 'm365__send_mail', args: { to: 'ada@example.com', subject: 'Proposal' } }] }, { text: 'Approve the mail to send it.' });
    const res = await org.member.post('/api/v1/assistant/messages', { text: 'email Ada the proposal' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.toolCalls[0]).toMatchObject({ name: 'm365__send_mail', status: 'pending_approval' });
    const [approval] = res.body.data.pendingApprovals;
    expect(approval.toolName).toBe('m365__send_mail');
    expect(m365.sent.length).toBe(before);
    const decided = await org.member.post(`/api/v1/assistant/approvals/${approval.id}`, { approve: true });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.data).toMatchObject({ status: 'executed', result: 'Sent "Proposal" to ada@example.com' });
    expect(m365.sent.slice(before)).toEqual([{ to: 'ada@example.com', subject: 'Proposal' }]);

    // needsApproval off: it runs at once. Switched off: the model is not offered it.
    await org.admin.request('PATCH', `${path}/${made.body.data.id}/tools/send_mail`, { needsApproval: false });
    llm.script({ toolCalls: [{ name: 'm365__send_mail', args: { to: 'bob@example.com', subject: 'Hi' } }] }, { text: 'Sent.' });
    const direct = await org.member.post('/api/v1/assistant/messages', { text: 'email Bob' });
    expect(direct.body.data.toolCalls[0]).toMatchObject({ status: 'ok' });
    expect(m365.sent.at(-1)).toEqual({ to: 'bob@example.com', subject: 'Hi' });
    await org.admin.request('PATCH', `${path}/${made.body.data.id}/tools/send_mail`, { enabled: false });
    llm.script({ text: 'ok' });
    await org.member.post('/api/v1/assistant/messages', { text: 'hello' });
    const offered = (llm.requests.at(-1)!.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(offered).toContain('m365__list_mail');
    expect(offered).not.toContain('m365__send_mail');
  });

  test('notifications/tools/list_changed while connected: the stored listing is refreshed', async () => {
    const fake = await startFakeMcp();
    const a = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: fake.host }, database: app.database });
    try {
      const org = await orgWithRoles(a);
      const made = await org.admin.post(path, { name: 'gws', url: fake.url });
      expect(made.body.data.tools.length).toBe(4);
      fake.addTool('list_contacts', 'List people in the directory');
      await expect
        .poll(async () => (await org.admin.get(`${path}/${made.body.data.id}`)).body.data.tools.map((t: { name: string }) => t.name), { timeout: 5000 })
        .toContain('list_contacts');
      const tool = (await org.admin.get(`${path}/${made.body.data.id}`)).body.data.tools.find((t: { name: string }) => t.name === 'list_contacts');
      expect(tool).toMatchObject({ readOnly: true, needsApproval: false, enabled: true });
    } finally {
      await a.close();
      await fake.close();
    }
  });

  test('stdio (MCP_STDIO_ENABLED=true): a local command is started, its tools listed and called, without Meridian\'s secrets in its environment', async () => {
    const script = fileURLToPath(new URL('../../../test/fakes/mcp-stdio-server.mjs', import.meta.url));
    const a = await testApp({ env: { MCP_STDIO_ENABLED: 'true', BETTER_AUTH_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz' }, database: app.database });
    try {
      const org = await orgWithRoles(a);
      expect((await org.admin.post(path, { name: 'local', transport: 'stdio' })).body.error.details[0].path).toBe('command');
      const made = await org.admin.post(path, { name: 'local', transport: 'stdio', command: `${process.execPath} ${script}` });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.data).toMatchObject({ transport: 'stdio', url: null, lastError: null });
      const tools = Object.fromEntries(made.body.data.tools.map((t: { name: string }) => [t.name, t]));
      expect(tools.list_files).toMatchObject({ readOnly: true, needsApproval: false });
      expect(tools.delete_file).toMatchObject({ readOnly: false, needsApproval: true });
      const result = await a.mcp.call({ db: a.database.db, orgId: org.orgId, role: 'member', actor: { type: 'user', userId: 'x' } } as never, made.body.data.id, 'list_files', { folder: '/deals' });
      expect(result).toEqual({ folder: '/deals', files: ['proposal.docx'], sawAuthSecret: false });
    } finally {
      await a.close();
    }
  });

  test('a server that never answers: the request times out (MCP_TIMEOUT_MS) and the record says so', async () => {
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const a = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: host, MCP_TIMEOUT_MS: '1000' }, database: app.database });
    try {
      const org = await orgWithRoles(a);
      const started = Date.now();
      const made = await org.admin.post(path, { name: 'slow', url: `http://${host}/mcp` });
      expect(made.status).toBe(201);
      expect(made.body.data.lastError).toBe('The server did not answer in time');
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await a.close();
      hang.closeAllConnections();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });
});
