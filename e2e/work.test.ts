// Projects, tasks, notes, search and merge in a real Chromium against the real server:
// (a) a project with two assignees (a second member joins through an invitation) and two tasks
// added from its page; (b) a task completed from /tasks; (c) a note on a contact found with Ctrl+K;
// (d) two duplicate contacts found and merged, the email filled in from the other one.
import type { APIRequestContext } from 'playwright-core';
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/work.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

async function post<T>(request: APIRequestContext, origin: string, path: string, data: unknown): Promise<T> {
  const res = await request.post(path, { data, headers: { Origin: origin } });
  if (!res.ok()) throw new Error(`POST ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

test.skipIf(!hasChromium)('projects with tasks, my tasks, notes found by Ctrl+K, duplicate contacts merged', { timeout: 120_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const dialog = page.getByRole('dialog');
  const stamp = Date.now();

  await signUpWithOrganization(page, { name: 'Olivia Owner', email: `olivia+${stamp}@example.com`, organization: 'Work Co' });

  // A second member: signs up in a fresh context, is invited by the owner, accepts.
  const other = await env.browser.newContext({ baseURL: env.baseUrl });
  const memberEmail = `max+${stamp}@example.com`;
  await post(other.request, env.baseUrl, '/api/auth/sign-up/email', { name: 'Max Member', email: memberEmail, password: 'correct horse battery' });
  // Sign-up opens no session (a taken address must look like a new one): sign in, as the web does.
  await post(other.request, env.baseUrl, '/api/auth/sign-in/email', { email: memberEmail, password: 'correct horse battery' });
  const invitation = await post<{ id: string }>(page.request, env.baseUrl, '/api/auth/organization/invite-member', { email: memberEmail, role: 'member' });
  await post(other.request, env.baseUrl, '/api/auth/organization/accept-invitation', { invitationId: invitation.id });
  await other.close();

  // (a) A project with both members as assignees, then two tasks from its page.
  await nav.getByRole('link', { name: 'Projects' }).click();
  await heading('Projects').waitFor();
  await page.getByText('No projects yet').waitFor();
  await page.getByRole('button', { name: 'New project' }).first().click();
  await dialog.getByLabel('Name').fill('Website relaunch');
  await dialog.getByLabel('Due date').fill('2030-06-30');
  await dialog.getByLabel('Assignees').click();
  await page.getByRole('checkbox', { name: /Olivia Owner/ }).check();
  await page.getByRole('checkbox', { name: /Max Member/ }).check();
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.getByLabel('Assignees').textContent()).toContain('Max Member');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await heading('Website relaunch').waitFor();
  await page.getByText('Olivia Owner, Max Member').waitFor();

  for (const [title, assignee] of [['Kickoff call', 'Olivia Owner'], ['Design review', 'Max Member']] as const) {
    await page.getByRole('button', { name: 'Add task' }).click();
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Assignee').selectOption({ label: assignee });
    await dialog.getByLabel('Due date').fill(new Date().toISOString().slice(0, 10));
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Project tasks' }).getByRole('cell', { name: title, exact: true }).waitFor();
  }
  await page.getByText('0 of 2 tasks done').waitFor();
  await env.shot(page, 'w1-project');

  // (b) My tasks: only mine; complete it with the checkbox, then the project shows the progress.
  await nav.getByRole('link', { name: 'Tasks' }).click();
  await heading('Tasks').waitFor();
  await page.getByRole('textbox', { name: 'Title of Kickoff call' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Title of Design review' }).count()).toBe(0);
  const done = page.waitForResponse((r) => r.url().includes('/api/v1/tasks/') && r.request().method() === 'PATCH' && r.ok());
  await page.getByRole('checkbox', { name: 'Complete Kickoff call' }).click();
  await page.getByRole('checkbox', { name: 'Reopen Kickoff call' }).waitFor();
  await done;
  await page.getByRole('button', { name: 'All open' }).click();
  await page.getByRole('textbox', { name: 'Title of Design review' }).waitFor();
  await env.shot(page, 'w2-tasks');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /CSV/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await page.getByRole('link', { name: 'Website relaunch' }).first().click();
  await page.getByText('1 of 2 tasks done').waitFor();

  // (c) A note on a contact, then found from anywhere with Ctrl+K.
  await nav.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New contact' }).first().click();
  await dialog.getByLabel('First name').fill('Hank');
  await dialog.getByLabel('Last name').fill('Scorpio');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await heading('Hank Scorpio').waitFor();
  const contactUrl = page.url();
  await page.getByLabel('New note').fill('quarterly review with Globex');
  await page.getByLabel('New note').press('Control+Enter');
  await page.getByRole('list', { name: 'Notes' }).getByText('quarterly review with Globex').waitFor();
  // Markdown renders, raw HTML and script links do not.
  await page.getByLabel('New note').fill('**Budget** approved, see [site](https://example.com) and [bad](javascript:alert(1)) <b>raw</b>');
  await page.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('list', { name: 'Notes' });
  await notes.locator('strong', { hasText: 'Budget' }).waitFor();
  expect(await notes.getByRole('link', { name: 'site' }).getAttribute('href')).toBe('https://example.com');
  expect(await notes.locator('a[href^="javascript"], b').count()).toBe(0);
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await heading('Dashboard').waitFor();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search records and commands' });
  await search.fill('Globex');
  const hit = page.getByRole('option', { name: /quarterly review with Globex/ });
  await hit.waitFor();
  expect(await hit.locator('mark').first().textContent()).toBe('Globex');
  await env.shot(page, 'w3-palette');
  await search.press('Enter');
  await heading('Hank Scorpio').waitFor();
  expect(page.url()).toBe(contactUrl);

  // (d) Two duplicate contacts, merged: the kept one ends up with the email.
  await post(page.request, env.baseUrl, '/api/v1/contacts', { firstName: 'Jonathan', lastName: 'Smith', email: 'jon.smith@example.com' });
  await post(page.request, env.baseUrl, '/api/v1/contacts', { firstName: 'Jonathon', lastName: 'Smith' });
  await nav.getByRole('link', { name: 'Contacts' }).click();
  await heading('Contacts').waitFor();
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await dialog.getByRole('button', { name: /Review merge of (Jonathan Smith and Jonathon Smith|Jonathon Smith and Jonathan Smith)/ }).click();
  const result = page.getByRole('table', { name: 'Merge result' });
  await result.waitFor();
  // Keep the one without the email, so the merge has something to fill in.
  if ((await page.getByText(/^Keep Jonathan Smith/).count()) > 0) await dialog.getByRole('button', { name: /^Swap/ }).click();
  await page.getByText(/^Keep Jonathon Smith/).waitFor();
  await result.locator('td[data-filled]', { hasText: 'jon.smith@example.com' }).waitFor();
  await env.shot(page, 'w4-merge');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await heading('Jonathon Smith').waitFor();
  await page.getByRole('link', { name: 'jon.smith@example.com' }).waitFor();
  expect(page.url()).toMatch(/\/contacts\/[0-9a-f-]{36}$/);

  // Quick create from the palette opens the list page's create dialog.
  await page.keyboard.press('Control+k');
  await search.fill('new project');
  await page.getByRole('option', { name: 'New project' }).waitFor();
  await search.press('Enter');
  await dialog.getByRole('heading', { name: 'New project' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/projects');

  await context.close();
  expect(consoleErrors).toEqual([]);
});
