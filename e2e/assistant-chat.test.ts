// End to end, in a real Chromium against the real server, with the offline command model:
// sign up → a company "Acme" → /assistant → "add contact …" streams a reply with the model
// indicator and a tool card → its record link opens the new contact → "Ask about this record"
// opens the panel with the record as context → "delete contact …" asks for approval → Reject →
// the contact is still there → the stored conversation reloads from the list → Settings → AI →
// an unreachable provider's error shows in the chat.
import { expect, test } from 'vitest';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/assistant-chat.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', OUTBOUND_ALLOWED_HOSTS: '127.0.0.1:9' });

const ADD_ADA = 'add contact Ada Lovelace, CTO at Acme, ada@acme.com';

test.skipIf(!hasChromium)('chat with the offline model: create a contact, follow the tool card link, reject a delete', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const stamp = Date.now();

  await signUpWithOrganization(page, { name: 'Ann Assistant', email: `ann+${stamp}@example.com`, organization: 'Assistant Test Org' });
  // The company through the API, with the page's session cookie (and its Origin, as the app sends).
  expect((await page.request.post('/api/v1/companies', { data: { name: 'Acme' }, headers: { origin: env.baseUrl } })).status()).toBe(201);

  // The assistant page: the offline model explains itself and offers example commands.
  await nav.getByRole('link', { name: 'Assistant' }).click();
  await heading('Assistant').waitFor();
  await page.getByText('offline command model').first().waitFor();
  await page.getByText('No conversations yet.').waitFor();
  await page.getByRole('button', { name: ADD_ADA }).click();
  const input = page.getByRole('textbox', { name: 'Message the assistant' });
  expect(await input.inputValue()).toBe(ADD_ADA);
  await env.shot(page, '1-assistant-empty');
  await input.press('Enter');

  // The streamed reply, who answered, and the tool card with a link to the new record.
  const log = page.getByRole('log', { name: 'Conversation' });
  await log.getByText(/^Created contact Ada Lovelace at Acme/).waitFor();
  await log.getByText('Answered by Offline command model').waitFor();
  const toolCard = log.getByRole('group', { name: 'Tool: create contact' });
  await toolCard.getByText('Done').waitFor();
  const recordLink = toolCard.getByRole('link', { name: 'Ada Lovelace' });
  expect(await recordLink.getAttribute('href')).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
  // The conversation list picks up the new conversation.
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /add contact Ada Lovelace/ }).waitFor();
  await env.shot(page, '2-assistant-reply');

  await recordLink.click();
  await heading('Ada Lovelace').waitFor();
  expect(page.url()).toMatch(/\/contacts\/[0-9a-f-]{36}$/);
  const contactPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Acme', exact: true }).waitFor();

  // "Ask about this record" opens the panel with the contact as context; a delete waits for approval.
  await page.getByRole('button', { name: 'Ask about this record' }).click();
  const panel = page.getByRole('dialog', { name: 'Assistant' });
  await panel.getByText('About: Ada Lovelace').waitFor();
  // Focus starts in the message box.
  await page.keyboard.type('delete contact Ada Lovelace');
  expect(await panel.getByRole('textbox', { name: 'Message the assistant' }).inputValue()).toBe('delete contact Ada Lovelace');
  await page.keyboard.press('Enter');
  const approval = panel.getByRole('group', { name: 'Approval: Delete contact Ada Lovelace' });
  await approval.getByText('Waiting for your decision').waitFor();
  await panel.getByRole('group', { name: 'Tool: delete contact' }).getByText('Needs your approval').waitFor();
  await env.shot(page, '3-panel-approval');
  await approval.getByRole('button', { name: 'Reject' }).click();
  await approval.getByText('Rejected: nothing was changed').waitFor();
  expect(await approval.getByRole('button', { name: 'Approve' }).count()).toBe(0);

  // Ctrl+J closes and reopens the panel, which keeps its conversation (reloaded from the server).
  await page.keyboard.press('Control+j');
  await panel.waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+j');
  await panel.getByText('Rejected: nothing was changed').waitFor();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });

  // Nothing was deleted.
  expect((await page.request.get(`/api/v1${contactPath}`)).status()).toBe(200);
  await page.reload();
  await heading('Ada Lovelace').waitFor();

  // Back on /assistant, no approvals wait, and the first conversation reloads from the server.
  await nav.getByRole('link', { name: 'Assistant' }).click();
  await heading('Assistant').waitFor();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /add contact Ada Lovelace/ }).click();
  await log.getByRole('group', { name: 'Tool: create contact' }).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  await log.getByText('Answered by Offline command model').waitFor();
  expect(await page.getByRole('heading', { name: /Waiting for your approval/ }).count()).toBe(0);
  await env.shot(page, '4-assistant-history');

  // Settings → AI: the organization's model and the personal one; the offline model tests fine.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: /^AI/ }).click();
  await heading('AI').waitFor();
  const orgForm = page.getByRole('form', { name: 'Organization AI settings' });
  expect(await orgForm.getByLabel('Provider').inputValue()).toBe('offline');
  await orgForm.getByRole('button', { name: 'Test connection' }).click();
  await orgForm.getByText(/Connected to Offline command model in \d+ ms/).waitFor();
  await page.getByRole('form', { name: 'Your AI settings' }).waitFor();
  // Choosing a provider brings its fields, with the default model as placeholder.
  await orgForm.getByLabel('Provider').selectOption('openai-compatible');
  expect(await orgForm.getByLabel('Model').getAttribute('placeholder')).toBe('llama3.1');
  await orgForm.getByLabel('API key').waitFor();
  await orgForm.getByRole('button', { name: 'Save for the organization' }).click();
  await orgForm.getByText('An OpenAI-compatible server needs its base URL').waitFor();
  // A saved key comes back masked, as the placeholder, with a control to remove it.
  await orgForm.getByLabel('Provider').selectOption('anthropic');
  await orgForm.getByLabel('API key').fill('sk-test-1234abcd');
  await orgForm.getByRole('button', { name: 'Save for the organization' }).click();
  await orgForm.getByLabel('Remove the stored key').waitFor();
  expect(await orgForm.getByLabel('API key').getAttribute('placeholder')).toBe('••••abcd');
  expect(await orgForm.getByLabel('API key').inputValue()).toBe('');
  await env.shot(page, '5-settings-ai');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/assistant');
  await heading('Assistant').waitFor();
  await env.shot(page, '6-assistant-phone');
  await page.getByRole('button', { name: 'Assistant', exact: true }).click();
  await page.getByRole('dialog', { name: 'Assistant' }).getByText('Ask Meridian').waitFor();
  await env.shot(page, '7-panel-phone');
  await page.keyboard.press('Escape');

  // A provider that cannot be reached: the empty state names the model, and the error shows in the chat.
  await page.setViewportSize({ width: 1280, height: 800 });
  expect((await page.request.put('/api/v1/settings/ai', { data: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' }, headers: { origin: env.baseUrl } })).status()).toBe(200);
  await page.reload();
  await page.getByText('Answering with OpenAI-compatible · llama3.1').waitFor();
  await page.getByRole('textbox', { name: 'Message the assistant' }).fill('hello');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').getByText(/Could not reach OpenAI-compatible/).waitFor();
  await env.shot(page, '8-provider-error');

  await context.close();
  expect(consoleErrors).toEqual([]);
});
