// Node roles (Issue 16.3): `--role web` serves HTTP and only enqueues; `--role worker` works the
// queues without HTTP; a job runs once however many workers there are. Real processes on one
// PostgreSQL database; the proof is a webhook delivery (an outbox → pg-boss → HTTP chain) reaching a
// local receiver. Embedded PGlite refuses any role but `all`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
