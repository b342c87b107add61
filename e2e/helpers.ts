// Shared by the browser flows: the real server on a free port with a fresh embedded database,
// headless Chromium, a page that records console errors, screenshots, and signing up.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const UI_TIMEOUT = 15_000;

export function warnIfNoChromium(flow: string) {
  if (hasChromium) return;
  console.warn(
    `\n${'!'.repeat(78)}\n!! E2E SKIPPED: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium\n!! The browser flow in ${flow} did NOT run.\n${'!'.repeat(78)}\n`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface E2EEnv {
  baseUrl: string;
  browser: Browser;
  shot: (page: Page, name: string) => Promise<void>;
}

/**
 * Registers beforeAll/afterAll that start the server (own process group, own data directory) and
 * Chromium, and stop them. `env()` gives them to the test.
 */
export function setupE2E(extraEnv: Record<string, string> = {}): { env: () => E2EEnv } {
  let server: ChildProcess | undefined;
  let serverOutput = '';
  let dataDir: string | undefined;
  let shotsDir: string | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  async function waitForHealth(url: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (server?.exitCode !== null && server?.exitCode !== undefined) {
        throw new Error(`The server exited with code ${server.exitCode} before it was healthy:\n${serverOutput}`);
      }
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`The server was not healthy within ${timeoutMs / 1000}s:\n${serverOutput}`);
  }

  beforeAll(async () => {
    if (!hasChromium) return;
    // e2e/global-setup.ts built the web app once for all flows.
    if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: the e2e global setup should have built it');
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-e2e-data-'));
    shotsDir = mkdtempSync(join(tmpdir(), 'meridian-e2e-shots-'));
    server = spawn('npx', ['tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, APP_URL: baseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so afterAll can stop npx and the node process under it together.
      detached: true,
    });
    server.stdout?.on('data', (d: Buffer) => (serverOutput += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (serverOutput += d.toString()));
    // A first start creates PGlite and migrates (~10 s idle); on a machine shared by several test
    // runs it has taken over 60 s, so allow most of the 240 s hook.
    await waitForHealth(baseUrl, 180_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (shotsDir) console.info(`E2E screenshots kept in ${shotsDir}`);
  });

  return {
    env: () => {
      if (!browser) throw new Error('The browser did not start');
      const dir = shotsDir;
      return {
        baseUrl,
        browser,
        shot: async (page, name) => {
          if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
        },
      };
    },
  };
}

/** A fresh browser context and page; console errors (except the favicon) and uncaught ones are collected. */
export async function openPage(env: E2EEnv, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  const context = await env.browser.newContext({ baseURL: env.baseUrl, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon/i.test(msg.text() + (msg.location().url ?? ''))) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`Uncaught: ${err.message}`));
  return { context, page, consoleErrors };
}

/** A pointer drag in small steps, so dnd-kit's pointer sensor (6px activation) picks the card up. */
export async function drag(page: Page, from: Locator, to: Locator) {
  // The board scrolls sideways: bring the target column into view first (the last ones may be off-screen).
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag: element not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(60, b.height / 2), { steps: 15 });
  await page.waitForTimeout(150);
  await page.mouse.up();
}

/**
 * Signs up from the sign-up page and creates an organization, which lands on the dashboard (with
 * its first-steps checklist); then opens the (empty) contacts list from the sidebar, where flows start.
 */
export async function signUpWithOrganization(page: Page, user: { name: string; email: string; organization: string }) {
  await page.goto('/sign-up');
  await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Create your organization' }).waitFor();
  await page.getByLabel('Organization name').fill(user.organization);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
}

/** The page at 1280 and at 390 px wide, shot at each; the page must not scroll sideways on the phone. */
export async function shotsAtBothWidths(page: Page, shot: (p: Page, n: string) => Promise<void>, name: string) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200); // layout settles after the resize (not an assertion)
  await shot(page, `${name}-390`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * A second person joins the owner's organization through the auth API: the owner invites, the
 * person signs up and in (in their own browser context's `request`), accepts and makes it active.
 */
export async function joinAsMember(env: E2EEnv, owner: APIRequestContext, person: APIRequestContext, who: { name: string; email: string; role?: 'member' | 'viewer' | 'admin' }) {
  const origin = { origin: env.baseUrl };
  const invite = await owner.post('/api/auth/organization/invite-member', { data: { email: who.email, role: who.role ?? 'member' }, headers: origin });
  expect(invite.status(), await invite.text()).toBe(200);
  const invitation = (await invite.json()) as { id: string; organizationId: string };
  const auth = { email: who.email, password: 'quiet harbor lantern' };
  expect((await person.post('/api/auth/sign-up/email', { data: { name: who.name, ...auth }, headers: origin })).status()).toBe(200);
  expect((await person.post('/api/auth/sign-in/email', { data: auth, headers: origin })).status()).toBe(200);
  expect((await person.post('/api/auth/organization/accept-invitation', { data: { invitationId: invitation.id }, headers: origin })).status()).toBe(200);
  expect((await person.post('/api/auth/organization/set-active', { data: { organizationId: invitation.organizationId }, headers: origin })).status()).toBe(200);
  return invitation;
}
