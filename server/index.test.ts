// `npm start` as a real process: first start migrates the embedded database, a second start
// reuses the data; bad configuration stops start-up with a clear message.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'meridian-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exited, output: () => output };
}

async function startAndWait(port: number) {
  const started = performance.now();
  const proc = start({ PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'test', AUTH_RATE_LIMIT: 'false' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early:\n${proc.output()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > 90_000) throw new Error(`server not ready in 90 s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...proc, url, readyMs: Math.round(performance.now() - started) };
}

const stop = async (p: { child: ChildProcess; exited: Promise<number> }) => {
  p.child.kill('SIGTERM');
  return p.exited;
};

// Real processes: a cold start may take the 90 s startAndWait allows on a loaded machine, more than the default 30 s test timeout.
describe('start-up', { timeout: 200_000 }, () => {
  test('first start migrates DATA_DIR; a second start reuses the data', async () => {
    const port = await freePort();
    const first = await startAndWait(port);
    const origin = `http://localhost:${port}`;
    const signUp = await fetch(`${first.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ name: 'Persistent Pat', email: 'pat@example.test', password: 'correct-horse-battery' }),
    });
    expect(signUp.status).toBe(200);
    expect(await stop(first)).toBe(0);

    const second = await startAndWait(port);
    const signIn = await fetch(`${second.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'pat@example.test', password: 'correct-horse-battery' }),
    });
    expect(signIn.status).toBe(200);
    console.info(`start-up: first ${first.readyMs} ms, second (reused data) ${second.readyMs} ms`);
    await stop(second);
  });

  test('production without a secret refuses to start and says why', async () => {
    const p = start({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('BETTER_AUTH_SECRET is required when NODE_ENV=production');
    expect(p.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
