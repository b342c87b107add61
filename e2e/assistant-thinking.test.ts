// End to end with Claude's extended thinking, in a real Chromium against the real server and a
// local server speaking the Anthropic Messages SSE format: Settings → AI turns thinking on (not
// offered for a model that cannot think) → a tool-using reply streams with a "Thinking" block,
// closed, above the answer → it opens from the keyboard → it comes back when the conversation reloads.
import { afterAll, expect, test } from 'vitest';
import { startFakeLlm } from '../test/fake-llm';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/assistant-thinking.test.ts');
const llm = await startFakeLlm();
afterAll(() => llm.close());
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', OUTBOUND_ALLOWED_HOSTS: new URL(llm.url).host });

const THOUGHT_1 = 'The user wants Grace Hopper as a contact. Nothing says she exists already, and no company was named, so I create just the contact with the email given. ';
const THOUGHT_2 = 'The contact was created. I answer briefly and link the record.';

test.skipIf(!hasChromium)('Claude with extended thinking: the toggle in Settings → AI, a collapsed Thinking block in the chat', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  await signUpWithOrganization(page, { name: 'Tess Thinker', email: `tess+${Date.now()}@example.com`, organization: 'Thinking Org' });

  // Settings → AI: Anthropic with a model that can think; the toggle is off until turned on.
  await page.goto('/settings/ai');
  await heading('AI').waitFor();
  const orgForm = page.getByRole('form', { name: 'Organization AI settings' });
  await orgForm.getByLabel('Provider').selectOption('anthropic');
  await orgForm.getByLabel('Model').fill('claude-3-5-haiku-latest');
  const toggle = orgForm.getByLabel(/Let Claude think/);
  expect(await toggle.isDisabled()).toBe(true);
  await orgForm.getByText(/Not available for this provider and model/).waitFor();
  await orgForm.getByLabel('Model').fill('claude-sonnet-4-5');
  expect(await toggle.isDisabled()).toBe(false);
  await toggle.check();
  await orgForm.getByLabel('Thinking budget (tokens)').fill('2048');
  await orgForm.getByLabel('API key').fill('sk-ant-e2e-7777');
  await orgForm.getByLabel('Base URL (optional)').fill(`${llm.url}/v1`);
  await orgForm.getByRole('button', { name: 'Save for the organization' }).click();
  await page.getByText('Saved: Anthropic · claude-sonnet-4-5').waitFor();
  const saved = await page.request.get('/api/v1/settings/ai');
  expect((await saved.json()).data).toMatchObject({ thinking: true, thinkingBudget: 2048 });
  await shotsAtBothWidths(page, env.shot, 'thinking-settings');

  // A tool-using turn that thinks before each step.
  llm.script(
    { thinking: THOUGHT_1, toolCalls: [{ name: 'create_contact', args: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test' } }] },
    { thinking: THOUGHT_2, text: 'Added **Grace Hopper** (grace@navy.test).' },
  );
  await page.goto('/assistant');
  await heading('Assistant').waitFor();
  const input = page.getByRole('textbox', { name: 'Message the assistant' });
  await input.fill('add Grace Hopper, grace@navy.test');
  await input.press('Enter');
  const log = page.getByRole('log', { name: 'Conversation' });
  const reply = log.getByRole('article', { name: 'Assistant reply' });
  // The answer of the second step (after the tool ran).
  await reply.getByText(/\(grace@navy\.test\)\.$/).waitFor();
  await log.getByText('Answered by Anthropic · claude-sonnet-4-5').waitFor();
  await log.getByRole('group', { name: 'Tool: create contact' }).getByText('Done').waitFor();
  const summary = reply.locator('summary', { hasText: 'Thinking' });
  await summary.waitFor();
  // Closed by default: the thinking is not visible, the answer is.
  expect(await reply.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await reply.getByText(/The user wants Grace Hopper/).isVisible()).toBe(false);
  // The request asked for thinking; the second carried the signed thinking block back.
  const [first, second] = llm.requests.slice(-2) as { thinking?: unknown; messages: { role: string; content: { type: string }[] }[] }[];
  expect(first.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
  expect(second.messages.find((m) => m.role === 'assistant')!.content.map((c) => c.type)).toContain('thinking');
  await shotsAtBothWidths(page, env.shot, 'thinking-closed');

  // Keyboard: Tab to the summary, Enter opens it.
  await summary.focus();
  await page.keyboard.press('Enter');
  await reply.getByText(/The user wants Grace Hopper/).waitFor();
  await reply.getByText(THOUGHT_2).waitFor();
  await shotsAtBothWidths(page, env.shot, 'thinking-open');

  // Reloaded from the server, the thinking is still there (closed again).
  await page.reload();
  await heading('Assistant').waitFor();
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /add Grace Hopper/ }).click();
  const again = page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Assistant reply' });
  await again.locator('summary', { hasText: 'Thinking' }).click();
  await again.getByText(THOUGHT_2).waitFor();

  await context.close();
  expect(consoleErrors).toEqual([]);
});
