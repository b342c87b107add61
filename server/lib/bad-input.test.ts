// Issue 8.5/8.6 reproductions: odd bytes, impossible dates, broken multipart, over-long names and
// dangerous URL schemes were 500s or were stored. Each must be a clear 4xx that changes nothing.
import { Writable } from 'node:stream';
import pino from 'pino';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { APP_URL, Client, testApp } from '../../test/app';
import { ownerWithOrg, orgWithRoles } from '../../test/factories';

// The worker's database is created (and migrated) once, in the hook's longer timeout.
beforeAll(() => testApp(), 120_000);

const isClientError = (status: number) => status >= 400 && status < 500;

describe('NUL bytes', () => {
  test('in a JSON body string, a query string or a path segment: 400, nothing stored', async () => {
    const { member } = await orgWithRoles();
    const body = await member.request('POST', '/api/v1/contacts', '{"firstName":"a\\u0000b"}');
    expect(body.status, JSON.stringify(body.body)).toBe(400);
    expect(body.body.error.code).toBe('validation_error');
    const nested = await member.request('POST', '/api/v1/companies', { name: 'Acme', tags: ['ok', 'n\u0000ul'] });
    expect(nested.status).toBe(400);
    const key = await member.request('POST', '/api/v1/contacts', '{"firstName":"A","customFields":{"k\\u0000":"v"}}');
    expect(key.status).toBe(400);
    expect((await member.get('/api/v1/contacts?q=%00')).status).toBe(400);
    expect((await member.get('/api/v1/contacts?filter=%7B%22firstName%22%3A%22%00%22%7D')).status).toBe(400);
    expect((await member.get('/api/v1/members/%00')).status).toBe(400);
    const { admin } = await orgWithRoles();
    expect(isClientError((await admin.request('PATCH', '/api/v1/members/%00', { role: 'member' })).status)).toBe(true);
    expect(isClientError((await admin.request('DELETE', '/api/v1/members/%00')).status)).toBe(true);
    expect((await member.get('/api/v1/contacts')).body.total).toBe(0);
    // In Better Auth's and MCP's bodies too; and the body limit comes first (no unbounded read).
    expect((await new Client(await testApp()).request('POST', '/api/auth/sign-in/email', '{"email":"a\\u0000@x.test","password":"x"}')).status).toBe(400);
    expect((await admin.request('POST', '/mcp', '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":"\\u0000"}}', { accept: 'application/json, text/event-stream' })).status).toBe(400);
    const huge = await member.request('POST', '/api/v1/contacts', JSON.stringify({ firstName: 'a\u0000', about: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
  });
});

describe('dates Postgres cannot store', () => {
  test('in list filters and in record fields: 400 naming the field', async () => {
    const { member } = await orgWithRoles();
    for (const v of ['0000-01-01', '+275760-09-13', '-000001-01-01T00:00:00Z', '10000-01-01']) {
      const res = await member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify({ createdAt: { gt: v } }))}`);
      expect(res.status, v).toBe(400);
      expect(res.body.error.details[0].path).toBe('filter.createdAt');
    }
    const pipelines = await member.get('/api/v1/pipelines');
    const pipelineId = pipelines.body.data[0].id;
    const deal = await member.post('/api/v1/deals', { name: 'Year zero', pipelineId, expectedCloseDate: '0000-01-01' });
    expect(deal.status, JSON.stringify(deal.body)).toBe(400);
    expect(deal.body.error.details[0].path).toBe('expectedCloseDate');
    const task = await member.post('/api/v1/tasks', { title: 'Year zero', dueAt: '0000-01-01T00:00:00Z' });
    expect(task.status).toBe(400);
    expect((await member.get('/api/v1/reports/pipeline?from=0000-01-01')).status).toBe(400);
    expect((await member.get('/api/v1/deals')).body.total).toBe(0);
  });
});

describe('multipart', () => {
  test('without a boundary on /attachments and /imports: 400', async () => {
    const { member } = await orgWithRoles();
    const contact = (await member.post('/api/v1/contacts', { firstName: 'Files' })).body.data;
    for (const path of ['/api/v1/attachments', '/api/v1/imports']) {
      const res = await member.request('POST', path, `--x\r\nContent-Disposition: form-data; name="relatedId"\r\n\r\n${contact.id}\r\n--x--`, { 'content-type': 'multipart/form-data' });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      const garbled = await member.request('POST', path, 'not multipart at all', { 'content-type': 'multipart/form-data; boundary=zzz' });
      expect(garbled.status, path).toBe(400);
    }
  });
});

describe('empty patches', () => {
  test('PATCH /tags/{id} with {} changes nothing and is not a 500 (found by the fuzz test)', async () => {
    const { member } = await orgWithRoles();
    const tag = (await member.post('/api/v1/tags', { name: 'vip' })).body.data;
    const res = await member.patch(`/api/v1/tags/${tag.id}`, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: tag.id, name: 'vip' });
  });
});

describe('API keys', () => {
  test('a name over 32 characters is a 400, not a 500', async () => {
    const { admin } = await orgWithRoles();
    const res = await admin.post('/api/v1/api-keys', { name: 'x'.repeat(33) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('name');
    expect((await admin.post('/api/v1/api-keys', { name: 'x'.repeat(32) })).status).toBe(201);
    // Found by the fuzz test: an expiry past Better Auth's 365 days was a 500 too.
    const long = await admin.post('/api/v1/api-keys', { name: 'long-lived', expiresInDays: 861 });
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].path).toBe('expiresInDays');
  });
});

describe('URL fields', () => {
  test('website, linkedinUrl and URL custom fields take only http(s)', async () => {
    const { admin, member } = await orgWithRoles();
    for (const bad of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'vbscript:msgbox(1)']) {
      const company = await member.post('/api/v1/companies', { name: 'Acme', website: bad });
      expect(company.status, bad).toBe(400);
      expect(company.body.error.details[0].path).toBe('website');
      const contact = await member.post('/api/v1/contacts', { firstName: 'Ada', linkedinUrl: bad });
      expect(contact.status, bad).toBe(400);
      expect(contact.body.error.details[0].path).toBe('linkedinUrl');
    }
    const field = await admin.post('/api/v1/custom-fields', { entity: 'contact', label: 'Homepage', type: 'url' });
    expect(field.status).toBe(201);
    const bad = await member.post('/api/v1/contacts', { firstName: 'Ada', customFields: { homepage: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('customFields.homepage');
    const good = await member.post('/api/v1/contacts', { firstName: 'Ada', linkedinUrl: 'https://www.linkedin.com/in/ada', customFields: { homepage: 'http://ada.example' } });
    expect(good.status).toBe(201);
    const patched = await member.patch(`/api/v1/contacts/${good.body.data.id}`, { linkedinUrl: 'data:,x' });
    expect(patched.status).toBe(400);
    expect((await member.get('/api/v1/contacts')).body.total).toBe(1);
  });
});

describe('/api/auth body limit', () => {
  test('a huge sign-in body is refused with 413 before Better Auth reads it', async () => {
    const app = await testApp();
    const client = new Client(app);
    const res = await client.post('/api/auth/sign-in/email', { email: 'a@example.test', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('failed-query logs', () => {
  test('name the query, never its bound parameters (record text, key hashes)', async () => {
    const base = await testApp();
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const { app } = createApp({ database: base.database, env: base.env, log: pino({ level: 'info' }, sink) });
    const target = { ...base, app } as typeof base;
    const { owner, orgId } = await ownerWithOrg(target);
    // A database failure nobody can cause from outside: a trigger that fails inserts for this org.
    const fn = `fail_${orgId.replace(/-/g, '_')}`;
    await base.database.query(`create function ${fn}() returns trigger language plpgsql as $$ begin if new.organization_id = '${orgId}' then raise exception 'injected failure'; end if; return new; end $$`);
    await base.database.query(`create trigger ${fn} before insert on contacts for each row execute function ${fn}()`);
    try {
      const res = await owner.post('/api/v1/contacts', { firstName: 'Secret-Firstname-7431', about: 'confidential-notes-9920' });
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toMatch(/insert|contacts|Secret|injected/i);
    } finally {
      await base.database.query(`drop trigger ${fn} on contacts`);
      await base.database.query(`drop function ${fn}()`);
    }
    const log = lines.join('');
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    // The SQL text with its placeholders and the SQLSTATE stay: that is what debugging needs.
    expect(entry.err.query).toMatch(/^insert into "contacts" .*\$1/);
    expect(entry.err.cause).toMatchObject({ code: 'P0001', message: 'injected failure' });
    expect(log).not.toContain('Secret-Firstname-7431');
    expect(log).not.toContain('confidential-notes-9920');
    expect(log).not.toContain(orgId);
  });
});

// The reproductions' own client must look like the browser: Origin set, cookies kept.
test('the test client sends Origin like a browser on cookie calls', async () => {
  const { member } = await orgWithRoles();
  expect((await member.post('/api/v1/contacts', { firstName: 'x' })).status).toBe(201);
  const stripped = await member.request('POST', '/api/v1/contacts', { firstName: 'x' }, { origin: '' });
  expect(stripped.body.error.code).toBe('csrf_origin_mismatch');
  expect(APP_URL).toMatch(/^http:\/\/localhost:/);
});

test('safeError drops PostgreSQL detail and quoted input values', async () => {
  const { safeError } = await import('./logger');
  const pg = Object.assign(new Error('duplicate key value violates unique constraint "contacts_email"'), { code: '23505', constraint: 'contacts_email', detail: 'Key (email)=(ada@secret.test) already exists.' });
  const syntax = Object.assign(new Error('invalid input syntax for type uuid: "hash-5f3a9c"'), { code: '22P02' });
  const out = JSON.stringify([safeError(pg), safeError(syntax)]);
  expect(out).toContain('contacts_email');
  expect(out).toContain('23505');
  expect(out).not.toContain('ada@secret.test');
  expect(out).not.toContain('hash-5f3a9c');
});
