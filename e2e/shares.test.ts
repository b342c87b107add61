// Sharing a record (Issue 14.4) in two real browsers: contacts are visible to their owners only;
// Ann shares one with Ben from its page, Ben opens it at once; Ann stops sharing and Ben gets the
// not-found page. Screenshots of the Share dialog at 1280 and 390 px.
import { expect, test } from 'vitest';
import { UI_TIMEOUT, hasChromium, joinAsMember, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/shares.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('share a private contact with a teammate, then stop sharing', { timeout: 180_000 }, async () => {
  const env = e2e.env();
  const stamp = Date.now();
  const origin = { origin: env.baseUrl };
  const ann = await openPage(env);
  const ben = await openPage(env);
  try {
    await signUpWithOrganization(ann.page, { name: 'Ann Owner', email: `ann+${stamp}@example.com`, organization: 'Share Desk' });
    expect((await ann.page.request.put('/api/v1/settings/permissions', { data: { contacts: { read: 'own', edit: 'own' } }, headers: origin })).status()).toBe(200);
    const created = await ann.page.request.post('/api/v1/contacts', { data: { firstName: 'Sasha', lastName: 'Private' }, headers: origin });
    const contactId = (await created.json()).data.id as string;

    await joinAsMember(env, ann.page.request, ben.context.request, { name: 'Ben Member', email: `ben+${stamp}@example.com` });

    // Ben cannot see it.
    await ben.page.goto(`/contacts/${contactId}`);
    await ben.page.getByText(/not found|doesn.t exist|no longer exists/i).first().waitFor({ timeout: UI_TIMEOUT });

    // Ann shares it from its page.
    await ann.page.goto(`/contacts/${contactId}`);
    await ann.page.getByRole('heading', { level: 1, name: 'Sasha Private' }).waitFor();
    await ann.page.getByRole('main').getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = ann.page.getByRole('dialog', { name: 'Share Sasha Private' });
    await dialog.getByText('Nobody yet').waitFor();
    // Sharing without choosing says what is missing.
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByText('Choose a teammate').waitFor();
    await dialog.getByLabel('Teammate').selectOption({ label: 'Ben Member' });
    await dialog.getByLabel('Access', { exact: true }).selectOption('read');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await ann.page.getByText('Shared with Ben Member').waitFor();
    await dialog.getByRole('list', { name: 'Shared with' }).getByText('Ben Member').waitFor();
    await shotsAtBothWidths(ann.page, env.shot, 'share-dialog');

    // Ben opens it now.
    await ben.page.reload();
    await ben.page.getByRole('heading', { level: 1, name: 'Sasha Private' }).waitFor({ timeout: UI_TIMEOUT });

    // Ann stops sharing: Ben's next look is the not-found page.
    await dialog.getByRole('button', { name: 'Stop sharing with Ben Member' }).click();
    await ann.page.getByText('Ben Member no longer sees Sasha Private').waitFor();
    await dialog.getByText('Nobody yet').waitFor();
    await ben.page.reload();
    await ben.page.getByText(/not found|doesn.t exist|no longer exists/i).first().waitFor({ timeout: UI_TIMEOUT });
    expect(ann.consoleErrors).toEqual([]);
  } finally {
    await ann.context.close();
    await ben.context.close();
  }
});
