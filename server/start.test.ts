// `npm start` as a user runs it: the real npm, the real builds, the real server on a free port with
// its own DATA_DIR. A second start rebuilds nothing (its output says so and names the recorded
// hash), and a signal to the npm process — the one the user started — stops the server: the port
// is free and no node process is left behind. Also: change detection of the build hashes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { buildState, hashFile, recordBuild, SERVER, WEB } from '../scripts/builds.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Whether something else could bind the port now (on every address the server listened on). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The parent pid, from /proc (Linux). */
const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Started {
  npm: ChildProcess;
  output: () => string;
  serverPid: number;
  exited: Promise<unknown>;
}

const running: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'meridian-start-'));
let port = 0;

afterAll(() => {
  // Only what this file started, by pid.
  for (const p of running) {
    if (p.pid && p.exitCode === null && p.signalCode === null) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function npmStart(): Promise<Started> {
  port ||= await freePort();
  let out = '';
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, APP_URL: `http://localhost:${port}`, NODE_ENV: 'test', LOG_LEVEL: 'info', JOBS: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(npm);
  npm.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  npm.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => npm.once('exit', r));
  // A first start may build the web app and create the database; on a busy 2-core machine that
  // has taken minutes. This is a deadline for a hang, not a measurement.
  const deadline = Date.now() + 400_000;
  for (;;) {
    if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start was not healthy in time:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(250);
  }
  const ready = out.split('\n').find((l) => l.includes('Meridian CRM ready on'));
  expect(ready, out).toBeTruthy();
  return { npm, output: () => out, serverPid: JSON.parse(ready!).pid, exited };
}

async function stoppedCleanly(s: Started) {
  await Promise.race([s.exited, sleep(60_000)]);
  // npm ends with the server's exit code, or re-raises the signal on itself (then signalCode is set).
  expect(s.npm.exitCode !== null || s.npm.signalCode !== null, s.output()).toBe(true);
  for (let i = 0; i < 50 && alive(s.serverPid); i++) await sleep(100);
  expect(alive(s.serverPid), `server pid ${s.serverPid} still running`).toBe(false);
  expect(await portIsFree(port)).toBe(true);
}

describe('npm start', () => {
  test('second start builds nothing; SIGTERM, SIGINT and a killed npm each stop the server and free the port', async () => {
    const first = await npmStart();
    // The server answers from the bundle: the API, the OpenAPI document, the web app, auth in front of /api/v1.
    expect((await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/contacts`)).text()).toContain('<div id="root">');
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/contacts`)).status).toBe(401);
    // The server is npm's own child (no shell or wrapper in between that a signal could stop at).
    expect(parentOf(first.serverPid)).toBe(first.npm.pid);
    process.kill(first.npm.pid!, 'SIGTERM');
    await stoppedCleanly(first);

    const second = await npmStart();
    const out = second.output();
    const webHash = readFileSync(hashFile(ROOT, WEB), 'utf8').trim();
    const serverHash = readFileSync(hashFile(ROOT, SERVER), 'utf8').trim();
    expect(out).toContain(`web: up to date (sources ${webHash.slice(0, 12)}`);
    expect(out).toContain(`server: up to date (sources ${serverHash.slice(0, 12)}`);
    expect(out).not.toMatch(/building…|built in|vite v\d/);
    expect(buildState(ROOT, WEB).upToDate).toBe(true);
    process.kill(second.npm.pid!, 'SIGINT');
    await stoppedCleanly(second);

    // npm itself killed outright (it cannot forward anything): the server notices and stops.
    const third = await npmStart();
    process.kill(third.npm.pid!, 'SIGKILL');
    await stoppedCleanly(third);
  }, 1_500_000);
});

describe('build hashes', () => {
  test('a build is current until one of its own sources changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'meridian-hash-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('web/main.tsx', 'a');
      write('web/features/x/page.tsx', 'b');
      write('contracts/x.ts', 'c');
      write('server/app.ts', 'd');
      write('package-lock.json', '{}');
      expect(buildState(root, WEB)).toMatchObject({ built: null, upToDate: false });
      recordBuild(root, WEB, buildState(root, WEB).hash);
      // Recorded, but the output is missing: not current.
      expect(buildState(root, WEB).upToDate).toBe(false);
      write('dist/web/index.html', '<html>');
      expect(buildState(root, WEB).upToDate).toBe(true);

      // Server code and server tests are not web sources.
      write('server/app.ts', 'changed');
      expect(buildState(root, WEB).upToDate).toBe(true);
      // A nested web file, a contract, the lockfile, a new file: each makes the build stale.
      for (const [path, text] of [['web/features/x/page.tsx', 'b2'], ['contracts/x.ts', 'c2'], ['package-lock.json', '{"a":1}'], ['web/new.css', 'n']]) {
        write(path, text);
        const state = buildState(root, WEB);
        expect(state.upToDate, path).toBe(false);
        recordBuild(root, WEB, state.hash);
        expect(buildState(root, WEB).upToDate).toBe(true);
      }

      write('dist/server/index.mjs', '');
      recordBuild(root, SERVER, buildState(root, SERVER).hash);
      write('server/app.test.ts', 'a test');
      expect(buildState(root, SERVER).upToDate, 'tests are not bundled').toBe(true);
      write('server/app.ts', 'changed again');
      expect(buildState(root, SERVER).upToDate).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
