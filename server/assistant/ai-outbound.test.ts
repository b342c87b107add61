// Issue 8.4 reproductions: AI base URLs cannot reach the inside, a stored key only goes to the base
// URL it was saved with, and members/viewers override key and model but never the base URL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { startFakeLlm, type FakeLlm } from '../../test/fake-llm';
import { orgWithRoles } from '../../test/factories';

let inside: FakeLlm; // a service on the server's loopback that nobody allowed
let gateway: FakeLlm; // the org's self-hosted gateway, allowed by the operator
let other: FakeLlm; // another allowed gateway
let app: TestApp;
beforeAll(async () => {
  [inside, gateway, other] = await Promise.all([startFakeLlm(), startFakeLlm(), startFakeLlm()]);
  const hostPort = (l: FakeLlm) => new URL(l.url).host;
  app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: `${hostPort(gateway)},${hostPort(other)}` } });
});
afterAll(() => Promise.all([inside, gateway, other].map((l) => l.close())));

describe('AI base URLs and the outbound guard', () => {
  test('a viewer cannot point the server at 127.0.0.1 (port scan, system-prompt exfiltration)', async () => {
    const org = await orgWithRoles(app);
    const before = inside.requests.length;
    const put = await org.viewer.request('PUT', '/api/v1/me/ai', { provider: 'openai-compatible', baseUrl: `${inside.url}/v1` });
    expect(put.status, JSON.stringify(put.body)).toBe(403);
    expect(put.body.error.code).toBe('base_url_admin_only');
    const chat = await org.viewer.post('/api/v1/assistant/messages', { text: 'hello' });
    expect(chat.status).toBe(200);
    expect(chat.body.data.model).toBe('Offline command model');
    const probe = await org.viewer.post('/api/v1/me/ai/test', { provider: 'openai-compatible', baseUrl: `${inside.url}/v1` });
    expect(probe.status).toBe(403);
    expect(inside.requests.length).toBe(before);
  });

  test('admins cannot save or test an inside address the operator has not allowed', async () => {
    const org = await orgWithRoles(app);
    const before = inside.requests.length;
    for (const baseUrl of [`${inside.url}/v1`, 'http://169.254.169.254/latest', 'http://[::1]:8098/v1', 'http://localhost:11434/v1']) {
      const put = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai-compatible', baseUrl });
      expect(put.status, baseUrl).toBe(400);
      expect(put.body.error.code).toBe('outbound_blocked');
      expect(put.body.error.details[0].path).toBe('baseUrl');
      const probe = await org.admin.post('/api/v1/settings/ai/test', { provider: 'openai-compatible', baseUrl });
      expect(probe.status).toBe(400);
    }
    const fileUrl = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai-compatible', baseUrl: 'file:///etc/passwd' });
    expect(fileUrl.status).toBe(400);
    expect(inside.requests.length).toBe(before);
    // The allowed gateway works (OUTBOUND_ALLOWED_HOSTS).
    expect((await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai-compatible', model: 'm', baseUrl: `${gateway.url}/v1` })).status).toBe(200);
    gateway.script({ text: 'OK' });
    expect((await org.admin.post('/api/v1/settings/ai/test', {})).body.data).toMatchObject({ ok: true });
  });

  test("an admin cannot send the org's stored key to a new base URL through /settings/ai/test", async () => {
    const org = await orgWithRoles(app);
    const put = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', model: 'gpt-test', apiKey: 'sk-org-secret-1234', baseUrl: `${gateway.url}/v1` });
    expect(put.status).toBe(200);
    const before = other.requests.length;
    const probe = await org.admin.post('/api/v1/settings/ai/test', { provider: 'openai', baseUrl: `${other.url}/v1` });
    expect(probe.status, JSON.stringify(probe.body)).toBe(400);
    expect(probe.body.error.details).toEqual([{ path: 'apiKey', message: 'is required when the base URL changes (null removes the key)' }]);
    expect(other.requests.length).toBe(before);
    // Saving a new base URL without the key is refused the same way; with the key typed again it works.
    expect((await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', baseUrl: `${other.url}/v1` })).status).toBe(400);
    expect((await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', baseUrl: null })).status).toBe(400);
    other.script({ text: 'OK' });
    const retyped = await org.admin.post('/api/v1/settings/ai/test', { provider: 'openai', model: 'gpt-test', apiKey: 'sk-typed-again', baseUrl: `${other.url}/v1` });
    expect(retyped.body.data).toMatchObject({ ok: true });
    expect((other.requests.at(-1)!.headers as Record<string, string>).authorization).toBe('Bearer sk-typed-again');
    // The stored key still goes to the URL it was saved with.
    gateway.script({ text: 'OK' });
    expect((await org.admin.post('/api/v1/settings/ai/test', {})).body.data).toMatchObject({ ok: true });
    expect((gateway.requests.at(-1)!.headers as Record<string, string>).authorization).toBe('Bearer sk-org-secret-1234');
  });

  test("members override key and model; their calls go to the organization's base URL for that provider", async () => {
    const org = await orgWithRoles(app);
    await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', model: 'gpt-org', apiKey: 'sk-org', baseUrl: `${gateway.url}/v1` });
    const mine = await org.member.request('PUT', '/api/v1/me/ai', { provider: 'openai', model: 'gpt-mine', apiKey: 'sk-member-5678' });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.data).toMatchObject({ provider: 'openai', model: 'gpt-mine', apiKey: '••••5678', baseUrl: `${gateway.url}/v1`, scope: 'user' });
    gateway.script({ text: 'Hi from the gateway' });
    const chat = await org.member.post('/api/v1/assistant/messages', { text: 'hello' });
    expect(chat.body.data).toMatchObject({ reply: 'Hi from the gateway', model: 'OpenAI · gpt-mine' });
    expect((gateway.requests.at(-1)!.headers as Record<string, string>).authorization).toBe('Bearer sk-member-5678');
    // Repeating the inherited URL is fine; another one is not, even an allowed one.
    expect((await org.member.request('PUT', '/api/v1/me/ai', { provider: 'openai', apiKey: 'sk-member-5678', baseUrl: `${gateway.url}/v1` })).status).toBe(200);
    expect((await org.member.request('PUT', '/api/v1/me/ai', { provider: 'openai', apiKey: 'sk-member-5678', baseUrl: `${other.url}/v1` })).status).toBe(403);
    // Admins may set their own base URL (still guarded).
    expect((await org.admin.request('PUT', '/api/v1/me/ai', { provider: 'openai-compatible', baseUrl: `${other.url}/v1` })).status).toBe(200);
    expect((await org.admin.request('PUT', '/api/v1/me/ai', { provider: 'openai-compatible', baseUrl: `${inside.url}/v1` })).status).toBe(400);
  });

  test('a redirect from an allowed gateway to an inside address is not followed', async () => {
    const org = await orgWithRoles(app);
    await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai', model: 'gpt-test', apiKey: 'sk-redirect', baseUrl: `${gateway.url}/v1` });
    const before = inside.requests.length;
    gateway.script({ status: 307, body: {}, headers: { location: `${inside.url}/v1/chat/completions` } });
    const res = await org.admin.post('/api/v1/settings/ai/test', {});
    expect(res.body.data).toMatchObject({ ok: false, error: { code: 'outbound_blocked' } });
    expect(inside.requests.length).toBe(before);
  });
});
