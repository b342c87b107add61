// Settings → Webhooks in a real Chromium against a real receiver: a private address is refused at
// the field, a webhook is added and its secret shown once, a new contact is delivered signed, and
// the delivery log shows it; at phone width the page does not scroll sideways.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/webhooks.test.ts');

const received: { headers: Record<string, string>; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
    res.end('ok');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const port = (receiver.address() as AddressInfo).port;
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}` });

test.skipIf(!hasChromium)('add a webhook, copy its secret, see a signed delivery in the log', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Walt Webhook', email: `walt+${Date.now()}@example.com`, organization: 'Hook Org' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: /Webhooks/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
  await page.getByText('No webhooks yet').waitFor();

  // A private address is refused, at the field, and nothing is saved.
  await page.getByLabel('Endpoint URL').fill('http://10.0.0.5/hook');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByText(/private|not allowed|internal/i).first().waitFor();
  await page.getByText('No webhooks yet').waitFor();

  await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${port}/hook`);
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Webhook added' });
  const secret = await dialog.getByRole('textbox', { name: 'Signing secret' }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await env.shot(page, 'webhooks-secret');
  await dialog.getByRole('button', { name: 'I have copied it' }).click();
  await page.getByRole('table', { name: 'Webhooks' }).getByText(`http://127.0.0.1:${port}/hook`).waitFor();

  // A contact made in the app reaches the receiver, signed with that secret.
  const made = await page.request.post('/api/v1/contacts', { data: { firstName: 'Hooked', lastName: 'Contact' }, headers: { origin: env.baseUrl } });
  expect(made.status()).toBe(201);
  await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(() => new Webhook(secret).verify(received[0].body, received[0].headers)).not.toThrow();
  expect(JSON.parse(received[0].body)).toMatchObject({ type: 'contact.created', data: { record: { firstName: 'Hooked' } } });

  await page.getByRole('button', { name: /^Deliveries of / }).click();
  const log = page.getByRole('dialog', { name: 'Deliveries' });
  await log.getByText('succeeded').waitFor();
  await log.getByText('contact.created').waitFor();
  await env.shot(page, 'webhooks-deliveries');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
  await env.shot(page, 'webhooks-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The browser logs the refused private address (a 400 we asked for); nothing else may fail.
  expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  expect(consoleErrors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
  await context.close();
});
