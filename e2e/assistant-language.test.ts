// Issue 10 in a real Chromium with the offline model: an ambiguous request shows choices and
// writes nothing; clicking one writes the record; "Log call" on the contact page adds to its
// timeline; the deal form reads "20k".
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/assistant-language.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('a question with choices, the chosen answer written; Log call on a contact; "20k" in the deal form', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await signUpWithOrganization(page, { name: 'Lena Language', email: `lena+${Date.now()}@example.com`, organization: 'Language Org' });
  const acme = (await (await page.request.post('/api/v1/companies', { data: { name: 'Acme Corp' }, headers: { origin: env.baseUrl } })).json()).data;

  // An ambiguous request: the question and its choices, and nothing written.
  await nav.getByRole('link', { name: 'Assistant' }).click();
  await heading('Assistant').waitFor();
  const input = page.getByRole('textbox', { name: 'Message the assistant' });
  await input.fill('add Jane Doe from Acme as a contact');
  await input.press('Enter');
  const log = page.getByRole('log', { name: 'Conversation' });
  await log.getByText('Did you mean Jane Doe at Acme Corp, or create a new company "Acme"?').waitFor();
  const choices = log.getByRole('group', { name: 'Choose an answer' });
  await choices.getByRole('button', { name: 'Jane Doe at Acme Corp' }).waitFor();
  await choices.getByRole('button', { name: 'Create a new company "Acme"' }).waitFor();
  await env.shot(page, '1-choices');
  expect((await (await page.request.get('/api/v1/contacts?q=Jane')).json()).total).toBe(0);

  // Clicking a choice sends it; the contact is created at Acme Corp and linked by name.
  await choices.getByRole('button', { name: 'Jane Doe at Acme Corp' }).click();
  const janeReply = log.getByRole('article', { name: 'Assistant reply' }).nth(1);
  const janeLink = janeReply.getByRole('link', { name: 'Jane Doe' }).first();
  await janeLink.waitFor();
  expect(await janeLink.getAttribute('href')).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
  const [jane] = (await (await page.request.get('/api/v1/contacts?q=Jane')).json()).data;
  expect(jane).toMatchObject({ firstName: 'Jane', lastName: 'Doe', companyId: acme.id });
  // The earlier question's buttons no longer answer.
  expect(await choices.getByRole('button', { name: 'Jane Doe at Acme Corp' }).isDisabled()).toBe(true);
  await env.shot(page, '2-chosen');
  await page.setViewportSize({ width: 390, height: 844 });
  await env.shot(page, '3-choices-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Record text is shown, never run: no HTML and no images from a name or a note.
  await page.request.post('/api/v1/companies', { data: { name: 'Evil <b>bold</b> Inc', description: '![pixel](http://127.0.0.1:9/p.png) <img src=x onerror=alert(1)>' }, headers: { origin: env.baseUrl } });
  await input.fill('what do we know about Evil');
  await input.press('Enter');
  const evilReply = log.getByRole('article', { name: 'Assistant reply' }).last();
  await evilReply.getByRole('link', { name: /Evil <b>bold<\/b> Inc/ }).first().waitFor();
  expect(await log.locator('img').count()).toBe(0);
  expect(await log.locator('b').count()).toBe(0);

  // Log call on the contact page: the dialog, then the entry on the timeline.
  await janeLink.click();
  await heading('Jane Doe').waitFor();
  await page.getByRole('button', { name: 'Log call' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a call with Jane Doe' });
  await dialog.getByLabel('What was discussed?').fill('She wants a demo next week');
  await dialog.getByLabel('Outcome (optional)').fill('wants a demo');
  await env.shot(page, '4-log-call-dialog');
  await dialog.getByRole('button', { name: 'Log call' }).click();
  await dialog.waitFor({ state: 'detached' });
  const timeline = page.getByRole('list', { name: 'Activity timeline' });
  await timeline.getByText('She wants a demo next week').waitFor();
  await timeline.getByText('wants a demo', { exact: true }).waitFor();
  const entries = (await (await page.request.get(`/api/v1/contacts/${jane.id}/activities`)).json()).data;
  expect(entries[0]).toMatchObject({ action: 'call_logged', actorType: 'user', after: { summary: 'She wants a demo next week', outcome: 'wants a demo' } });
  await env.shot(page, '5-timeline');
  await page.setViewportSize({ width: 390, height: 844 });
  await env.shot(page, '6-contact-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The deal form reads amounts as people write them.
  await nav.getByRole('link', { name: 'Deals' }).click();
  await heading('Deals').waitFor();
  await page.getByRole('button', { name: 'New deal' }).click();
  const dealDialog = page.getByRole('dialog');
  await dealDialog.getByLabel('Name').fill('Acme pilot');
  await dealDialog.getByLabel('Amount').fill('20k');
  await dealDialog.getByRole('button', { name: 'Create deal' }).click();
  await dealDialog.waitFor({ state: 'detached' });
  await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/).catch(() => undefined);
  const deals = (await (await page.request.get('/api/v1/deals?q=Acme%20pilot')).json()).data;
  expect(deals[0]?.amount).toBe('20000.00');

  // The other record pages carry the same Log buttons (and Ask about this record) at both widths.
  for (const [path, name] of [[`/deals/${deals[0].id}`, 'Acme pilot'], [`/companies/${acme.id}`, 'Acme Corp']]) {
    await page.goto(path);
    await heading(name).waitFor();
    await page.getByRole('button', { name: 'Log meeting' }).waitFor();
    await page.getByRole('button', { name: 'Ask about this record' }).waitFor();
    await env.shot(page, `7-${path.split('/')[1]}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await env.shot(page, `8-${path.split('/')[1]}-phone`);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  await context.close();
  expect(consoleErrors).toEqual([]);
});
