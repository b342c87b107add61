// Issue 12.5 in a real Chromium: the deal page's risk card shows the factors and next actions;
// "Create task" makes the task (it shows in the deal's Tasks, the action leaves the card) and the
// use is on the deal's timeline as the assistant's; the Brief card on the contact page, the Draft
// email dialog (editable, Copy, Open in mail app) and the dashboard's Deals at risk card.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/insights.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('deal risk card creates a task from a next action; brief card; draft email dialog; deals at risk', { timeout: 150_000 }, async () => {
  const env = e2e.env();
  const { page, context, consoleErrors } = await openPage(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.baseUrl });
  await signUpWithOrganization(page, { name: 'Rita Risk', email: `rita+${Date.now()}@example.com`, organization: 'Risk Org' });
  const post = async (path: string, data: unknown) => {
    const r = await page.request.post(`/api/v1${path}`, { headers: { origin: env.baseUrl }, data });
    expect(r.status(), await r.text()).toBe(201);
    return (await r.json()).data;
  };
  const acme = await post('/companies', { name: 'Acme Corp', industry: 'Manufacturing' });
  const ada = await post('/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', title: 'CTO', companyId: acme.id });
  await post('/notes', { relatedType: 'contact', relatedId: ada.id, body: 'Great call: she loves the product and wants to renew early.' });
  await post('/tasks', { title: 'Send renewal quote', relatedType: 'contact', relatedId: ada.id });
  // No primary contact and a close date in the past: two factors, two next actions.
  const deal = await post('/deals', { name: 'Acme renewal', amount: '12000', companyId: acme.id, expectedCloseDate: '2026-01-31' });

  await page.goto(`/deals/${deal.id}`);
  const card = page.getByRole('region', { name: 'Risk and next actions' });
  await card.getByRole('list', { name: 'Risk factors' }).waitFor();
  await card.getByText('Close date passed', { exact: true }).waitFor();
  await card.getByText('No primary contact', { exact: true }).waitFor();
  const meter = card.getByRole('meter', { name: 'Deal risk' });
  const before = Number(await meter.getAttribute('aria-valuenow'));
  expect(before).toBeGreaterThanOrEqual(25);
  await shotsAtBothWidths(page, env.shot, 'deal-insights');

  // One click: the task exists, shows under Tasks, and the action leaves the card.
  const action = card.getByRole('button', { name: /^Create task: Confirm a new close date for Acme renewal/ });
  const made = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/tasks' && r.status() === 201);
  const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/ai/insight-events' && r.status() === 201);
  await action.click();
  const task = (await (await made).json()).data;
  await recorded;
  expect(task).toMatchObject({ title: 'Confirm a new close date for Acme renewal', relatedType: 'deal', relatedId: deal.id, type: 'follow_up' });
  await page.getByRole('region', { name: 'Tasks' }).getByText('Confirm a new close date for Acme renewal').waitFor();
  await action.waitFor({ state: 'detached' });
  const timeline = await (await page.request.get(`/api/v1/deals/${deal.id}/activities`)).json();
  expect(timeline.data.find((a: { action: string }) => a.action === 'insight_used')).toMatchObject({ actorType: 'assistant', after: { kind: 'next_action_task', taskId: task.id } });

  // The contact's Brief card cites the note and lists the open task.
  await page.goto(`/contacts/${ada.id}`);
  const brief = page.getByRole('region', { name: 'Brief' });
  await brief.getByText('Ada Lovelace, CTO at Acme Corp', { exact: false }).first().waitFor();
  await brief.getByRole('listitem').filter({ hasText: /^Task: Send renewal quote$/ }).waitFor();
  await brief.locator('[data-sentiment="positive"]').waitFor();
  await brief.getByText(/^Sources \(\d+\)$/).click();
  await brief.getByRole('link', { name: /^Note on Ada Lovelace: Great call/ }).waitFor();
  await shotsAtBothWidths(page, env.shot, 'contact-brief');

  // Draft email: edit the draft, copy it, open it in the mail app.
  await page.getByRole('button', { name: 'Draft email' }).click();
  const dialog = page.getByRole('dialog', { name: 'Draft an email — Ada Lovelace' });
  await dialog.getByLabel('What is it about?').fill('the renewal');
  await dialog.getByRole('button', { name: 'Draft', exact: true }).click();
  const subject = dialog.getByLabel('Subject');
  await expect.poll(() => subject.inputValue()).toBe('The renewal — Acme Corp');
  await expect(dialog.getByLabel('Body').inputValue()).resolves.toMatch(/^Hi Ada,/);
  await expect(dialog.getByLabel('To', { exact: true }).inputValue()).resolves.toBe('ada@acme.test');
  await subject.fill('Renewing Acme early');
  await shotsAtBothWidths(page, env.shot, 'draft-email');
  const copied = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/ai/insight-events' && r.status() === 201);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  expect((await (await copied).request().postDataJSON())).toMatchObject({ kind: 'email_copied', relatedType: 'contact', relatedId: ada.id, summary: 'Renewing Acme early' });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Subject: Renewing Acme early\n\nHi Ada,/);
  const href = await dialog.getByRole('link', { name: 'Open in mail app' }).getAttribute('href');
  expect(href).toMatch(/^mailto:ada%40acme\.test\?subject=Renewing%20Acme%20early&body=Hi%20Ada%2C/);
  await page.keyboard.press('Escape');

  // A lead's score with its factors; a hand-set score is marked.
  const lead = await post('/leads', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test', title: 'VP Engineering', companyName: 'Navy Labs' });
  expect(lead).toMatchObject({ score: 45, scoreOverridden: false });
  await page.goto(`/leads/${lead.id}`);
  await expect.poll(() => page.locator('[data-score]').textContent()).toBe('45');
  await page.getByText('Why', { exact: true }).click();
  await page.getByRole('list', { name: 'Score factors' }).getByText('Decision maker', { exact: false }).waitFor();
  await shotsAtBothWidths(page, env.shot, 'lead-score');

  // The dashboard lists the deal among the deals at risk.
  await page.goto('/');
  const atRisk = page.getByRole('list', { name: 'Deals at risk' });
  await atRisk.getByRole('link', { name: 'Acme renewal' }).waitFor();
  await shotsAtBothWidths(page, env.shot, 'dashboard-at-risk');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
