// Concurrent edits in the browser (Issue 8.11): two people (two browser contexts) open the same
// contact and both edit it. The first save wins; the second is not silently overwritten — the form
// says "Changed by someone else" with the other person's value next to its own, and "Overwrite with
// mine" saves it deliberately. A form opened on the older version meanwhile then takes "Reload theirs".
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, joinAsMember, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/edit-conflict.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

async function fitsWidth(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways at ${page.viewportSize()?.width} px`).toBeLessThanOrEqual(0);
}

test.skipIf(!hasChromium)('two people edit one contact: the second sees their change and chooses', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  const stamp = Date.now();
  const origin = { origin: env.baseUrl };
  const ann = await openPage(env);
  const ben = await openPage(env);
  try {
    await signUpWithOrganization(ann.page, { name: 'Ann Owner', email: `ann+${stamp}@example.com`, organization: 'Two Desks' });
    const created = await ann.page.request.post('/api/v1/contacts', { data: { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst' }, headers: origin });
    expect(created.status()).toBe(201);
    const contactId = (await created.json()).data.id as string;

    // Ben joins as a member (through the API, like the other flows).
    await joinAsMember(env, ann.page.request, ben.context.request, { name: 'Ben Member', email: `ben+${stamp}@example.com` });

    // Both open the contact and its edit form.
    for (const p of [ann.page, ben.page]) {
      await p.goto(`/contacts/${contactId}`);
      await p.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
      await p.getByRole('button', { name: 'Edit' }).click();
      await p.getByRole('dialog').getByLabel('Job title').waitFor();
    }

    // Ben saves first.
    const benDialog = ben.page.getByRole('dialog');
    await benDialog.getByLabel('Job title').fill('Countess of Lovelace');
    await benDialog.getByRole('button', { name: 'Save changes' }).click();
    await benDialog.waitFor({ state: 'detached' });

    // Ann saves her edit of the version she loaded: refused, and she sees Ben's value next to hers.
    const annDialog = ann.page.getByRole('dialog');
    await annDialog.getByLabel('Job title').fill('Mathematician');
    await annDialog.getByRole('button', { name: 'Save changes' }).click();
    const notice = annDialog.getByRole('alert', { name: 'Changed by someone else' });
    await notice.waitFor();
    await notice.getByText('Ben Member saved this record').waitFor();
    const row = notice.locator('tr[data-field="title"]');
    expect(await row.locator('[data-side="theirs"]').textContent()).toBe('Countess of Lovelace');
    expect(await row.locator('[data-side="yours"]').textContent()).toBe('Mathematician');
    // Nothing of Ann's was saved.
    expect((await (await ann.page.request.get(`/api/v1/contacts/${contactId}`)).json()).data.title).toBe('Countess of Lovelace');
    await env.shot(ann.page, 'edit-conflict-1280');
    await ann.page.setViewportSize({ width: 390, height: 844 });
    await env.shot(ann.page, 'edit-conflict-390');
    await fitsWidth(ann.page, 'the edit conflict notice');
    await ann.page.setViewportSize({ width: 1280, height: 800 });

    // Meanwhile Ben opens the form again, on version 2 (the current one while Ann decides).
    await ben.page.getByRole('button', { name: 'Edit' }).click();
    await benDialog.getByLabel('Job title').waitFor();
    expect(await benDialog.getByLabel('Job title').inputValue()).toBe('Countess of Lovelace');

    // She overwrites on purpose.
    await notice.getByRole('button', { name: 'Overwrite with mine' }).click();
    await annDialog.waitFor({ state: 'detached' });
    await ann.page.getByText('Mathematician').first().waitFor();
    const saved = (await (await ann.page.request.get(`/api/v1/contacts/${contactId}`)).json()).data;
    expect(saved).toMatchObject({ title: 'Mathematician', version: 3 });

    // Ben's form still holds version 2: his save is refused too, and he takes Ann's version.
    await benDialog.getByLabel('Department').fill('Research');
    await benDialog.getByRole('button', { name: 'Save changes' }).click();
    const benNotice = benDialog.getByRole('alert', { name: 'Changed by someone else' });
    await benNotice.getByText('Ann Owner saved this record').waitFor();
    expect(await benNotice.locator('tr[data-field="title"] [data-side="theirs"]').textContent()).toBe('Mathematician');
    await benNotice.getByRole('button', { name: 'Reload theirs' }).click();
    await benNotice.waitFor({ state: 'detached' });
    expect(await benDialog.getByLabel('Job title').inputValue()).toBe('Mathematician');
    expect(await benDialog.getByLabel('Department').inputValue()).toBe('');
    await benDialog.getByLabel('Department').fill('Research');
    await benDialog.getByRole('button', { name: 'Save changes' }).click();
    await benDialog.waitFor({ state: 'detached' });
    const last = (await (await ben.page.request.get(`/api/v1/contacts/${contactId}`)).json()).data;
    expect(last).toMatchObject({ title: 'Mathematician', department: 'Research', version: 4 });

    // Notes edited in place follow the same rule.
    const note = await ann.page.request.post('/api/v1/notes', { data: { body: 'Met at the Analytical Society', relatedType: 'contact', relatedId: contactId }, headers: origin });
    expect(note.status()).toBe(201);
    for (const p of [ann.page, ben.page]) {
      await p.reload();
      await p.getByRole('list', { name: 'Notes' }).getByText('Met at the Analytical Society').waitFor();
      await p.getByRole('button', { name: 'Edit note' }).click();
    }
    await ben.page.getByRole('textbox', { name: 'Edit note' }).fill('Met at the Royal Society');
    await ben.page.getByRole('button', { name: 'Save note' }).click();
    await ben.page.getByText('Met at the Royal Society').waitFor();
    await ann.page.getByRole('textbox', { name: 'Edit note' }).fill('Met through Babbage');
    await ann.page.getByRole('button', { name: 'Save note' }).click();
    const noteNotice = ann.page.getByRole('alert', { name: 'Changed by someone else' });
    expect(await noteNotice.locator('tr[data-field="body"] [data-side="theirs"]').textContent()).toBe('Met at the Royal Society');
    await noteNotice.getByText('Ben Member saved this record').waitFor();
    await env.shot(ann.page, 'note-conflict-1280');
    await ann.page.setViewportSize({ width: 390, height: 844 });
    await env.shot(ann.page, 'note-conflict-390');
    await fitsWidth(ann.page, 'the note conflict notice');
    await ann.page.setViewportSize({ width: 1280, height: 800 });
    await noteNotice.getByRole('button', { name: 'Overwrite with mine' }).click();
    await ann.page.getByRole('textbox', { name: 'Edit note' }).waitFor({ state: 'detached' });
    await ann.page.getByRole('listitem', { name: 'Note' }).getByText('Met through Babbage').waitFor();
    expect((await (await ann.page.request.get(`/api/v1/notes/${(await note.json()).data.id}`)).json()).data.body).toBe('Met through Babbage');

    expect(ann.consoleErrors.filter((e) => !/412|Precondition/i.test(e))).toEqual([]);
    expect(ben.consoleErrors.filter((e) => !/412|Precondition/i.test(e))).toEqual([]);
  } finally {
    await ann.context.close();
    await ben.context.close();
  }
});
