// Data features in a real Chromium against the real server: (a) Settings → Custom fields defines a
// number field and a select field on contacts; a contact created with both (and a new tag) shows
// them on its page; (b) a CSV of 4 contacts, one with an invalid email, goes through the import
// wizard: mapping, a dry run reporting the bad row by number, the run, the summary with the
// rejected-rows download, and the 3 new contacts in the list; a custom field column, sorted, the tag
// filter and the tag's count in Settings → Tags.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/data.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

test.skipIf(!hasChromium)('custom fields on a contact; CSV import with a rejected row', { timeout: 90_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByRole('dialog');
  const dir = mkdtempSync(join(tmpdir(), 'meridian-e2e-csv-'));

  try {
    await signUpWithOrganization(page, { name: 'Dana Data', email: `dana+${Date.now()}@example.com`, organization: 'Data Co' });

    // (a) Two custom fields on contacts.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: /Custom fields/ }).click();
    await heading('Custom fields').waitFor();
    await page.getByRole('tab', { name: 'Contacts', selected: true }).waitFor();
    await page.getByText('No custom fields on contacts').waitFor();
    await page.getByRole('button', { name: 'Add field' }).click();
    await dialog.getByLabel('Label', { exact: true }).fill('Shoe size');
    await dialog.getByLabel('Type').selectOption({ label: 'Number' });
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.waitFor({ state: 'detached' });
    const fieldsTable = page.getByRole('table', { name: 'Contacts custom fields' });
    await fieldsTable.getByRole('cell', { name: 'shoe_size' }).waitFor();

    await page.getByRole('button', { name: 'Add field' }).click();
    await dialog.getByLabel('Label', { exact: true }).fill('Tier');
    await dialog.getByLabel('Type').selectOption({ label: 'Select (one option)' });
    const option = dialog.getByRole('textbox', { name: 'Options' });
    await option.fill('Gold');
    await option.press('Enter');
    await option.fill('Silver');
    await option.press('Enter');
    await dialog.getByRole('list', { name: 'Chosen options' }).getByText('Silver').waitFor();
    await env.shot(page, '1-add-select-field');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.waitFor({ state: 'detached' });
    await fieldsTable.getByRole('cell', { name: 'Tier', exact: true }).waitFor();
    await env.shot(page, '2-custom-fields');

    // A contact filling both, with a new tag typed into the tag input.
    await nav.getByRole('link', { name: 'Contacts' }).click();
    await heading('Contacts').waitFor();
    await page.getByRole('button', { name: 'New contact' }).first().click();
    await dialog.getByLabel('First name').fill('Ada');
    await dialog.getByLabel('Last name').fill('Lovelace');
    await dialog.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await dialog.getByRole('combobox', { name: 'Tags' }).fill('VIP');
    await dialog.getByRole('combobox', { name: 'Tags' }).press('Enter');
    await dialog.getByRole('button', { name: 'Remove tag VIP' }).waitFor();
    await dialog.getByLabel('Shoe size').fill('38');
    await dialog.getByLabel('Tier').selectOption('Gold');
    await env.shot(page, '3-contact-form');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await heading('Ada Lovelace').waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('definition').filter({ hasText: /^38$/ }).waitFor();
    await details.getByRole('definition').filter({ hasText: /^Gold$/ }).waitFor();
    await details.getByText('Shoe size', { exact: true }).waitFor();
    await details.getByText('VIP', { exact: true }).waitFor();
    await env.shot(page, '4-contact-page');

    // (b) Import 4 contacts, one of them with an invalid email (line 4 of the file).
    const csv = join(dir, 'people.csv');
    writeFileSync(
      csv,
      ['First Name,Last Name,Email,Job Title', 'Grace,Hopper,grace@navy.test,Admiral', 'Alan,Turing,alan@bletchley.test,Mathematician', 'Bad,Row,not-an-email,Nobody', 'Linus,Torvalds,linus@kernel.test,Maintainer'].join('\n'),
    );
    await nav.getByRole('link', { name: 'Contacts' }).click();
    await heading('Contacts').waitFor();
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await heading('Import contacts').waitFor();
    await page.getByLabel('CSV file').setInputFiles(csv);
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    expect(await page.getByLabel('Field for column Email').inputValue()).toBe('email');
    expect(await page.getByLabel('Field for column First Name').inputValue()).toBe('firstName');
    await mapping.getByText('grace@navy.test').waitFor();
    await env.shot(page, '5-import-mapping');

    await page.getByRole('button', { name: 'Continue to preview' }).click();
    const counts = page.getByRole('definition');
    await page.getByRole('heading', { name: '1 row has a problem and will not be imported' }).waitFor();
    const problems = page.getByRole('table', { name: 'Rows with problems' });
    expect(await problems.getByRole('row').count()).toBe(2);
    expect(await problems.getByRole('cell').first().textContent()).toBe('4');
    await problems.getByText(/email/).waitFor();
    expect(await counts.allTextContents()).toEqual(['3', '0', '0', '1']);
    await env.shot(page, '6-import-preview');

    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByRole('status').getByText('3 created, 1 rejected').waitFor();
    const download = page.getByRole('link', { name: 'Download rejected rows' });
    expect(await download.getAttribute('href')).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}\/rejected$/);
    const recent = page.getByRole('table', { name: 'Recent imports' });
    await recent.getByRole('cell', { name: 'people.csv', exact: true }).waitFor();
    await recent.getByRole('link', { name: 'Rejected rows of people.csv' }).waitFor();
    await env.shot(page, '7-import-done');

    await page.getByRole('link', { name: 'Go to contacts' }).click();
    await heading('Contacts').waitFor();
    const list = page.getByRole('grid', { name: 'Contacts' });
    for (const name of ['Grace Hopper', 'Alan Turing', 'Linus Torvalds', 'Ada Lovelace']) await list.getByRole('link', { name }).waitFor();
    expect(await list.getByRole('link', { name: 'Bad Row' }).count()).toBe(0);
    await env.shot(page, '8-contacts-after-import');

    // The Tier column from the Columns menu (remembered across reloads), sorted; the VIP tag filter.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Tier' }).click();
    await page.keyboard.press('Escape');
    await page.reload();
    await list.getByRole('columnheader', { name: 'Tier' }).getByRole('button').click();
    await expect.poll(() => page.url()).toContain('sort=customFields.tier');
    await list.getByRole('row', { name: /Ada Lovelace/ }).getByRole('gridcell', { name: 'Gold' }).waitFor();
    await page.getByLabel('Filter by tag').selectOption('VIP');
    await expect.poll(() => list.getByRole('link').count()).toBe(1);
    await env.shot(page, '9-tier-column-vip-filter');

    // Settings → Tags counts the tag's records.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: /Tags/ }).click();
    await heading('Tags').waitFor();
    await page.getByRole('table', { name: 'Tags' }).getByRole('row', { name: /VIP/ }).getByRole('cell', { name: '1', exact: true }).waitFor();
    await env.shot(page, '10-tags');

    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await context.close();
  }
});
