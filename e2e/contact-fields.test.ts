// The fuller contact and company records (Issue 15.8) as a person fills them in, in Chromium:
// a contact with a mobile, an X handle and "opted out of email"; a company whose shipping address
// is copied from its billing address. Both read back on their pages. Screenshots at 1280 and 390 px.
import { expect, test } from 'vitest';
import { hasChromium, openPage, shotsAtBothWidths, setupE2E, signUpWithOrganization, UI_TIMEOUT, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/contact-fields.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });


test.skipIf(!hasChromium)('contact preferences and social profiles; company billing and shipping addresses', { timeout: 150_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  page.setDefaultTimeout(UI_TIMEOUT);
  const dialog = page.getByRole('dialog');
  await signUpWithOrganization(page, { name: 'Fiona Fields', email: `fiona+${Date.now()}@example.com`, organization: 'Fields Co' });

  // A contact: mobile typed loosely, an X handle, a bare website; opted out of email.
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await dialog.getByLabel('First name').fill('Ada');
  await dialog.getByLabel('Last name').fill('Lovelace');
  await dialog.getByLabel('Mobile').fill('+44 7911 123456');
  await dialog.getByLabel('X (Twitter)').fill('@ada');
  await dialog.getByLabel('Website').fill('ada.dev');
  await dialog.getByLabel('Preferred channel').selectOption('phone');
  await dialog.getByLabel('Opted out of email').check();
  await shotsAtBothWidths(page, env.shot, 'contact-form-preferences');

  // A handle on the wrong site is refused on its field, and nothing is created.
  await dialog.getByLabel('GitHub').fill('https://gitlab.com/ada');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await dialog.getByText(/must be a GitHub handle/).waitFor();
  await dialog.getByLabel('GitHub').fill('ada');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
  const details = page.locator('[aria-labelledby="contact-details"]');
  await details.getByRole('link', { name: 'x.com/ada' }).waitFor();
  expect(await details.getByRole('link', { name: 'github.com/ada' }).getAttribute('href')).toBe('https://github.com/ada');
  await details.getByText('No email').waitFor();
  await details.getByText('Phone call').waitFor();
  await details.getByRole('link', { name: '+447911123456' }).waitFor();
  await shotsAtBothWidths(page, env.shot, 'contact-detail-preferences');

  // A company: billing address in parts, shipping copied with one click.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
  await page.getByRole('button', { name: 'New company' }).first().click();
  await dialog.getByLabel('Name', { exact: true }).fill('Analytical Engines');
  const billing = dialog.getByRole('group', { name: 'Billing address' });
  await billing.getByLabel('Street').fill('12 St James’s Square');
  await billing.getByLabel('City').fill('London');
  await billing.getByLabel('Postal code').fill('SW1Y 4LB');
  await billing.getByLabel('Country').fill('United Kingdom');
  const shipping = dialog.getByRole('group', { name: 'Shipping address' });
  await shipping.getByRole('button', { name: 'Same as billing' }).click();
  expect(await shipping.getByLabel('City').inputValue()).toBe('London');
  await shipping.getByLabel('Street').fill('1 Dock Road');
  await shotsAtBothWidths(page, env.shot, 'company-form-addresses');
  await dialog.getByRole('button', { name: 'Create company' }).click();
  await page.getByRole('heading', { level: 1, name: 'Analytical Engines' }).waitFor();
  const fields = page.locator('[aria-labelledby="company-details"]');
  await fields.getByText('12 St James’s Square').waitFor();
  await fields.getByText('1 Dock Road').waitFor();
  expect(await fields.getByText('SW1Y 4LB London').count()).toBe(2);
  await shotsAtBothWidths(page, env.shot, 'company-detail-addresses');

  expect(consoleErrors).toEqual([]);
  await context.close();
});
