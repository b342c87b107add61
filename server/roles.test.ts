// Node roles (Issue 16.3): `--role web` serves HTTP and only enqueues; `--role worker` works the
// queues without HTTP; a job runs once however many workers there are. Real processes on one
// PostgreSQL database; the proof is a webhook delivery (an outbox → pg-boss → HTTP chain) reaching a
// local receiver. Embedded PGlite refuses any role but `all`. The deploy topology (Issue 16.4): two web
// nodes and a worker on one database and one S3 bucket (s3rver), the worker killed between attempts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, describe, expect, test } from 'vitest';
import { testApp } from '../test/app';
import { ownTestDatabase } from '../test/db';
import { orgWithRoles } from '../test/factories';

const children: ChildProcess[] = [];
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  children.forEach((c) => c.kill('SIGKILL'));
  for (const f of cleanup) await f();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

function node(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', AUTH_RATE_LIMIT: 'false', LOG_LEVEL: 'info', BETTER_AUTH_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exited, output: () => output };
}

async function until<T>(check: () => T | false | Promise<T | false>, ms: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const got = await check();
    if (got !== false) return got;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('embedded PGlite refuses a web or worker role with a clear message', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'meridian-roles-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const p = node(['--role', 'worker'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
  expect(await p.exited).toBe(1);
  expect(p.output()).toContain('embedded PGlite runs as one process doing everything (--role all, the default)');
  const bad = node(['--role=both'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
  expect(await bad.exited).toBe(1);
  expect(bad.output()).toContain('--role must be web, worker or all');
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('web and worker nodes', () => {
  test('a web node only enqueues; a worker delivers; two workers deliver each job once', { timeout: 300_000 }, async () => {
    // The receiver of the webhook deliveries.
    const got: { id: string; type: string }[] = [];
    const receiver = createHttpServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        got.push({ id: String(req.headers['webhook-id']), type: JSON.parse(body).type });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => receiver.close(r)));
    const hookHost = `127.0.0.1:${(receiver.address() as { port: number }).port}`;
    const hookUrl = `http://${hookHost}/hook`;
    const outbound = { OUTBOUND_ALLOWED_HOSTS: hookHost, WEBHOOK_RETRY_DELAY_SECONDS: '1' };

    const database = await ownTestDatabase('roles_nodes');
    const setup = await testApp({ database, env: outbound });
    const { admin } = await orgWithRoles(setup);
    const key = (await admin.post('/api/v1/api-keys', { name: 'roles' })).body.data.key as string;
    expect((await admin.post('/api/v1/webhooks', { url: hookUrl, events: ['contact.created'] })).status).toBe(201);
    await setup.close();
    const databaseUrl = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await database.close();

    const port = await freePort();
    const web = node(['--role', 'web'], { ...outbound, DATABASE_URL: databaseUrl, PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false)) || false, 120_000, `the web node:\n${web.output()}`);
    const create = (lastName: string) =>
      fetch(`${url}/api/v1/contacts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ firstName: 'Rolf', lastName }) }).then((r) => r.status);
    expect(await create('Web')).toBe(201);
    // Nothing works the queue yet.
    await new Promise((r) => setTimeout(r, 4000));
    expect(got).toEqual([]);

    // A worker serves only health and metrics, and picks the waiting delivery up.
    const workerPort = await freePort();
    const worker = node(['--role=worker'], { ...outbound, DATABASE_URL: databaseUrl, PORT: String(workerPort) });
    await until(() => got.length >= 1 || false, 120_000, `the first delivery:\n${worker.output()}`);
    await until(() => worker.output().includes('worker ready') || false, 60_000, 'the worker ready line');
    expect((await fetch(`http://127.0.0.1:${workerPort}/api/health`)).status).toBe(200);
    const refused = await fetch(`http://127.0.0.1:${workerPort}/api/v1/contacts`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.message).toContain('This node is a worker');

    // With a second worker, each of five new contacts is delivered exactly once.
    const second = node(['--role', 'worker'], { ...outbound, DATABASE_URL: databaseUrl, PORT: String(await freePort()) });
    await until(() => second.output().includes('worker ready') || false, 120_000, `the second worker:\n${second.output()}`);
    for (let i = 0; i < 5; i++) expect(await create(`Worker ${i}`)).toBe(201);
    await until(() => got.length >= 6 || false, 60_000, 'five more deliveries');
    await new Promise((r) => setTimeout(r, 3000));
    expect(got).toHaveLength(6);
    expect(new Set(got.map((g) => g.id)).size).toBe(6);
  });

  test('the deploy topology: two web nodes share one S3 bucket; a worker killed mid-retry loses nothing and its successor delivers once', { timeout: 300_000 }, async () => {
    // A receiver that refuses the first attempt of every delivery (so each one goes through a retry).
    const attempts = new Map<string, number>();
    const delivered: string[] = [];
    const receiver = createHttpServer((req: IncomingMessage, res) => {
      req.resume();
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        if (n === 1) return res.writeHead(503).end();
        delivered.push(id);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => receiver.close(r)));
    const hookHost = `127.0.0.1:${(receiver.address() as { port: number }).port}`;

    // The S3-compatible store both web nodes write to and read from.
    const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'meridian-s3-')), configureBuckets: [{ name: 'meridian-files', configs: [] }] });
    const s3Address = await s3.run();
    cleanup.push(() => s3.close());
    const env = {
      OUTBOUND_ALLOWED_HOSTS: hookHost, WEBHOOK_RETRY_DELAY_SECONDS: '3',
      S3_BUCKET: 'meridian-files', S3_ENDPOINT: `http://127.0.0.1:${s3Address.port}`, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER',
    };

    const database = await ownTestDatabase('roles_topology');
    const setup = await testApp({ database, env });
    const { admin } = await orgWithRoles(setup);
    const key = (await admin.post('/api/v1/api-keys', { name: 'topology' })).body.data.key as string;
    expect((await admin.post('/api/v1/webhooks', { url: `http://${hookHost}/hook`, events: ['contact.created'] })).status).toBe(201);
    await setup.close();
    const databaseUrl = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await database.close();

    const start = async (role: string) => {
      const port = await freePort();
      const p = node(['--role', role], { ...env, DATABASE_URL: databaseUrl, PORT: String(port) });
      const url = `http://127.0.0.1:${port}`;
      await until(async () => (await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false)) || false, 120_000, `the ${role} node:\n${p.output()}`);
      return { ...p, url };
    };
    const [a, b] = await Promise.all([start('web'), start('web')]);
    const auth = { authorization: `Bearer ${key}` };

    // A file uploaded through node A is served by node B: the bytes live in the bucket, not on a node.
    const contact = await fetch(`${a.url}/api/v1/contacts`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ firstName: 'Topo', lastName: 'Logy' }) }).then((r) => r.json());
    const form = new FormData();
    form.set('relatedType', 'contact');
    form.set('relatedId', contact.data.id);
    form.set('file', new Blob([new TextEncoder().encode('shared across nodes')], { type: 'text/plain' }), 'note.txt');
    const uploaded = await fetch(`${a.url}/api/v1/attachments`, { method: 'POST', headers: auth, body: form });
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()).data;
    const download = await fetch(`${b.url}/api/v1/attachments/${file.id}/download`, { headers: auth });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('shared across nodes');

    // The first worker makes the first attempt of the contact's delivery (refused) and is killed
    // before the retry is due; the retry waits in the database for whoever works the queue next.
    const first = await start('worker');
    await until(() => attempts.size >= 1 || false, 60_000, `the first attempt:\n${first.output()}`);
    // A moment for the worker to record the failed attempt (a job killed while still active waits
    // for pg-boss's expiry instead, minutes later: not what this checks).
    await new Promise((r) => setTimeout(r, 1000));
    first.child.kill('SIGKILL');
    await first.exited;
    expect(delivered).toEqual([]);
    // A contact created on node B while no worker runs waits too.
    expect((await fetch(`${b.url}/api/v1/contacts`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ firstName: 'While', lastName: 'Down' }) })).status).toBe(201);

    await start('worker');
    await until(() => delivered.length >= 2 || false, 120_000, 'both deliveries after the restart');
    await new Promise((r) => setTimeout(r, 4000));
    expect(delivered).toHaveLength(2);
    expect(new Set(delivered).size).toBe(2);
    for (const id of delivered) expect(attempts.get(id)).toBe(2);
  });
});
