// The strict Content-Security-Policy (issue 8.5) in a real Chromium: the app's main pages and the
// Scalar API reference work under it, with no CSP violation in the console. A page that tries an
// inline script and a request to another origin shows the policy really is enforced.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/csp.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

const isCsp = (text: string) => /Content[- ]Security[- ]Policy|Refused to (load|execute|connect|apply|evaluate|frame)/i.test(text);

test.skipIf(!hasChromium)('the app and /api/docs run under the CSP without violations', { timeout: 180_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  try {
    const res = await page.goto('/sign-up');
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/'unsafe-eval'/);

    await signUpWithOrganization(page, { name: 'Casey Csp', email: `casey+${Date.now()}@example.com`, organization: 'Policy Co' });
    const dialog = page.getByRole('dialog');
    await page.getByRole('button', { name: 'New contact' }).first().click();
    await dialog.getByLabel('First name').fill('Ada');
    await dialog.getByLabel('Last name').fill('Lovelace');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await heading('Ada Lovelace').waitFor();
    for (const [link, title] of [['Dashboard', 'Dashboard'], ['Deals', 'Deals'], ['Companies', 'Companies'], ['Tasks', 'Tasks'], ['Settings', 'Settings']] as const) {
      await nav.getByRole('link', { name: link }).click();
      await heading(title).waitFor();
    }
    await page.getByRole('link', { name: /AI/ }).first().click();
    await heading(/AI/).waitFor();
    await env.shot(page, 'csp-app');

    await page.goto('/api/docs');
    // Scalar renders the document's title and the operations from /api/openapi.json.
    await page.getByText('Meridian CRM API').first().waitFor({ timeout: 60_000 });
    // Which group Scalar opens first follows the document's order (Health comes first now); open one.
    await page.getByRole('button', { name: 'Open Group - Contacts' }).first().click({ timeout: 60_000 });
    await page.getByText('List contacts').first().waitFor();
    await page.waitForTimeout(1000);
    await env.shot(page, 'csp-docs');

    expect(messages.filter(isCsp), messages.filter(isCsp).join('\n')).toEqual([]);
    expect(consoleErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);

    // The policy is enforced, not just sent: an inline script and a foreign fetch are refused.
    await page.goto('/sign-in');
    const blocked = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      const fetched = await fetch('http://127.0.0.1:9/x').then(() => 'fetched', () => 'refused');
      return { inline: Boolean((window as unknown as { __inlineRan?: boolean }).__inlineRan), fetched };
    });
    expect(blocked).toEqual({ inline: false, fetched: 'refused' });
    expect(messages.some(isCsp)).toBe(true);
  } finally {
    await context.close();
  }
});
