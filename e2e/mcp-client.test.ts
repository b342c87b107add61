// Settings → Integrations → MCP servers in a real Chromium: connect a local MCP server built with the
// SDK, see its tools (send_mail needs approval by default), switch a tool off, then ask the assistant
// (a provider model: the fake LLM speaking the OpenAI wire format, scripted to call m365__list_mail)
// and see the tool card and the server's result in the chat. Shots at 1280 and 390 px.
import { afterAll, expect, test } from 'vitest';
import { startFakeLlm } from '../test/fake-llm';
import { startFakeMcp } from '../test/fakes/mcp-server';
import { hasChromium, openPage, setupE2E, shotsAtBothWidths, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/mcp-client.test.ts');

const mcp = await startFakeMcp();
const llm = await startFakeLlm();
afterAll(async () => {
  await mcp.close();
  await llm.close();
});

const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false', OUTBOUND_ALLOWED_HOSTS: `${mcp.host},${new URL(llm.url).host}` });

test.skipIf(!hasChromium)('connect an MCP server in Settings → Integrations, see its tools, and have the assistant use one', async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env);
  await signUpWithOrganization(page, { name: 'Mia Mcp', email: `mia+${Date.now()}@example.com`, organization: 'MCP Org' });
  const ai = await page.request.put('/api/v1/settings/ai', { data: { provider: 'openai', model: 'gpt-test', apiKey: 'sk-e2e', baseUrl: `${llm.url}/v1` }, headers: { origin: env.baseUrl } });
  expect(ai.status()).toBe(200);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'MCP servers' }).click();
  await page.getByRole('heading', { level: 1, name: 'MCP servers' }).waitFor();
  await page.getByText('No MCP servers yet').waitFor();

  // A bad name is refused at the field.
  await page.getByLabel('Name').fill('Bad Name');
  await page.getByLabel('URL').fill(mcp.url);
  await page.getByRole('button', { name: 'Add server' }).click();
  await page.getByText(/lower-case letters/).first().waitFor();

  await page.getByLabel('Name').fill('m365');
  await page.getByRole('button', { name: 'Add server' }).click();
  const tools = page.getByRole('list', { name: 'Tools of m365' });
  await tools.getByText('m365__list_mail').waitFor();
  await tools.getByText('m365__send_mail').waitFor();
  await page.getByText('Connected', { exact: true }).waitFor();
  expect(await page.getByLabel('m365__send_mail needs approval').isChecked()).toBe(true);
  expect(await page.getByLabel('m365__list_mail needs approval').isChecked()).toBe(false);
  // The switch follows the server's answer (no optimistic flip).
  await page.getByLabel('Enable m365__search_files').click();
  await expect.poll(() => page.getByLabel('Enable m365__search_files').isChecked()).toBe(false);
  await expect.poll(async () => (await page.request.get('/api/v1/integrations/mcp-servers')).json().then((b) => b.data[0].tools.find((t: { name: string }) => t.name === 'search_files').enabled)).toBe(false);
  await shotsAtBothWidths(page, env.shot, 'mcp-servers');

  // The assistant, with a provider model scripted to call the server's tool and repeat what it returned.
  llm.script({ toolCalls: [{ name: 'm365__list_mail', args: {} }] }, (req) => {
    const tool = (req.messages as { role: string; content: string }[]).find((m) => m.role === 'tool');
    const subject = tool ? JSON.parse(tool.content).quotedData.messages[0].subject : 'nothing';
    return { text: `Your latest mail: ${subject}.` };
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assistant' }).click();
  const input = page.getByRole('textbox', { name: 'Message the assistant' });
  await input.fill('use m365 to list my mail');
  await input.press('Enter');
  const log = page.getByRole('log', { name: 'Conversation' });
  await log.getByText('Your latest mail: Quarterly review.').waitFor();
  await log.getByRole('group', { name: 'Tool: m365: list mail' }).getByText('Done').waitFor();
  await shotsAtBothWidths(page, env.shot, 'mcp-assistant');

  // The model was offered the enabled tools only.
  const offered = (llm.requests.find((r) => Array.isArray(r.tools))!.tools as { function: { name: string } }[]).map((t) => t.function.name);
  expect(offered).toContain('m365__send_mail');
  expect(offered).not.toContain('m365__search_files');

  // Remove, with confirmation.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'MCP servers' }).click();
  await page.getByRole('button', { name: 'Remove m365' }).click();
  await page.getByRole('button', { name: 'Remove server' }).click();
  await page.getByText('No MCP servers yet').waitFor();

  // The one 400 is the bad name refused above.
  expect(consoleErrors.filter((e) => !/favicon|status of 400/.test(e))).toEqual([]);
  await context.close();
}, 120_000);
