// Claude extended thinking over the Anthropic Messages wire format (JSON and SSE), against a local
// scripted server: the toggle's validation, `thinking` in the request only when on, the thinking
// stored with the reply and shown only to its owner, and a tool-using turn that sends the signed
// thinking block back. Then the token rule that folds old turns into the summary.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { startFakeLlm, thinkingSignature, type FakeLlm } from '../../test/fake-llm';
import { orgWithRoles } from '../../test/factories';
import { foldPoint, messageTokens, tokenCounter, trimSummary } from './tokens';

let llm: FakeLlm;
let app: TestApp;
beforeAll(async () => {
  llm = await startFakeLlm();
  app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: new URL(llm.url).host } });
});
afterEach(() => llm.reset());
afterAll(() => llm.close());

const createGrace = { name: 'create_contact', args: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test' } };

async function claudeOrg(settings: Record<string, unknown> = {}) {
  const org = await orgWithRoles(app);
  const put = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'sk-ant-think', baseUrl: `${llm.url}/v1`, ...settings });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return { org, settings: put.body.data };
}

type Sent = { messages: { role: string; content: { type: string; thinking?: string; signature?: string }[] | string }[]; thinking?: unknown; max_tokens: number };

describe('the thinking setting', () => {
  test('off by default; on for a model that thinks; a 400 naming the field for one that cannot', async () => {
    const { org, settings } = await claudeOrg();
    expect(settings).toMatchObject({ thinking: false, thinkingBudget: 4096, thinkingSupported: true });
    const on = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'anthropic', model: 'claude-sonnet-4-5', thinking: true, thinkingBudget: 2048 });
    expect(on.body.data).toMatchObject({ thinking: true, thinkingBudget: 2048, thinkingSupported: true });
    expect((await org.admin.get('/api/v1/settings/ai')).body.data).toMatchObject({ thinking: true, thinkingBudget: 2048 });
    // Omitted: kept.
    expect((await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'anthropic', model: 'claude-opus-4-1-20250805' })).body.data).toMatchObject({ thinking: true, thinkingBudget: 2048 });

    for (const [provider, model] of [['anthropic', 'claude-3-5-haiku-latest'], ['openai', 'gpt-4.1-mini'], ['offline', undefined]] as const) {
      const refused = await org.admin.request('PUT', '/api/v1/settings/ai', { provider, model, apiKey: provider === 'offline' ? undefined : 'sk-x', thinking: true });
      expect(refused.status, `${provider} ${model}`).toBe(400);
      expect(refused.body.error.details).toEqual([{ path: 'thinking', message: 'is not supported by this provider and model' }]);
    }
    // A model that cannot think turns it off rather than failing; the GET says it is not offered.
    const older = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'anthropic', model: 'claude-3-5-haiku-latest' });
    expect(older.body.data).toMatchObject({ thinking: false, thinkingSupported: false });
    const budget = await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'anthropic', model: 'claude-sonnet-4-5', thinking: true, thinkingBudget: 100 });
    expect(budget.status).toBe(400);
    expect(budget.body.error.details[0].path).toBe('thinkingBudget');
  });
});

describe('Claude extended thinking over the wire', () => {
  test('off: the request carries no thinking and the reply none', async () => {
    const { org } = await claudeOrg();
    llm.script({ text: 'Hello.' });
    const res = await org.member.post('/api/v1/assistant/messages', { text: 'hi' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.reasoning).toBeNull();
    const sent = llm.requests.slice(-1)[0] as unknown as Sent;
    expect(sent.thinking).toBeUndefined();
  });

  test('on (JSON): a tool-using turn thinks, sends the signed thinking block back, and stores the thinking for its owner only', async () => {
    const { org } = await claudeOrg({ thinking: true, thinkingBudget: 2048 });
    llm.script({ thinking: 'The user wants a new contact. ', toolCalls: [createGrace] }, { thinking: 'It worked; say so briefly.', text: 'Added Grace Hopper.' });
    const res = await org.member.post('/api/v1/assistant/messages', { text: 'add Grace Hopper' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ reply: 'Added Grace Hopper.', reasoning: 'The user wants a new contact.\n\nIt worked; say so briefly.' });
    expect(res.body.data.toolCalls[0]).toMatchObject({ name: 'create_contact', status: 'ok' });
    expect((await org.member.get('/api/v1/contacts?q=hopper')).body.total).toBe(1);

    const [first, second] = llm.requests.slice(-2) as unknown as Sent[];
    expect(first.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(first.max_tokens).toBeGreaterThan(2048);
    // Anthropic requires the thinking block, signature unchanged, in the assistant message before the tool result.
    const assistant = second.messages.find((m) => m.role === 'assistant')!;
    expect(assistant.content).toEqual(expect.arrayContaining([{ type: 'thinking', thinking: 'The user wants a new contact. ', signature: thinkingSignature('The user wants a new contact. ') }]));
    expect(second.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });

    // Reloaded with the conversation; the thinking never went into the summary or the CRM data.
    const conv = await org.member.get(`/api/v1/assistant/conversations/${res.body.data.conversationId}`);
    expect(conv.body.data.messages[1]).toMatchObject({ role: 'assistant', reasoning: 'The user wants a new contact.\n\nIt worked; say so briefly.' });
    expect(conv.body.data.messages[0].reasoning).toBeNull();
    // Another user of the organization cannot read it.
    expect((await org.admin.get(`/api/v1/assistant/conversations/${res.body.data.conversationId}`)).status).toBe(404);

    // The next turn replays the turn (with its signed thinking blocks) and still works.
    llm.script({ thinking: 'Short answer.', text: 'You are welcome.' });
    const next = await org.member.post('/api/v1/assistant/messages', { text: 'thanks', conversationId: res.body.data.conversationId });
    expect(next.body.data).toMatchObject({ reply: 'You are welcome.', reasoning: 'Short answer.' });
  });

  test('on (SSE through /assistant/chat): thinking deltas stream as reasoning, the tool loop completes, the thinking is stored', async () => {
    const { org } = await claudeOrg({ thinking: true });
    llm.script({ thinking: 'Need to create Grace first.', toolCalls: [createGrace] }, { thinking: 'Done; confirm.', text: 'Grace is in.' });
    const res = await org.member.request('POST', '/api/v1/assistant/chat', { messages: [{ id: '1', role: 'user', parts: [{ type: 'text', text: 'add Grace' }] }] });
    expect(res.status).toBe(200);
    const events = String(res.body).split('\n').filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6)));
    expect(events.filter((e) => e.type === 'reasoning-delta').map((e) => e.delta).join('')).toBe('Need to create Grace first.Done; confirm.');
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta).join('')).toBe('Grace is in.');
    const [first, second] = llm.requests.slice(-2) as unknown as (Sent & { stream: boolean })[];
    expect(first).toMatchObject({ stream: true, thinking: { type: 'enabled', budget_tokens: 4096 } });
    const assistant = second.messages.find((m) => m.role === 'assistant')!;
    expect(assistant.content).toEqual(expect.arrayContaining([{ type: 'thinking', thinking: 'Need to create Grace first.', signature: thinkingSignature('Need to create Grace first.') }]));
    expect((await org.member.get('/api/v1/contacts?q=hopper')).body.total).toBe(1);

    const conversationId = res.headers.get('x-conversation-id')!;
    let stored: { reasoning: string | null } | undefined;
    for (let i = 0; i < 50 && !stored; i++) {
      stored = (await org.member.get(`/api/v1/assistant/conversations/${conversationId}`)).body.data.messages[1];
      if (!stored) await new Promise((r) => setTimeout(r, 50));
    }
    expect(stored?.reasoning).toBe('Need to create Grace first.\n\nDone; confirm.');
  });
});

describe('folding old turns by tokens', () => {
  const turn = (user: number, assistant: number) => [{ role: 'user', tokens: user }, { role: 'assistant', tokens: assistant }];

  test('whole turns from the newest back while they fit the budget', () => {
    const rows = [...turn(10, 30), ...turn(10, 30), ...turn(5, 15)];
    expect(foldPoint(rows, 1000)).toBe(0); // everything fits
    expect(foldPoint(rows, 60)).toBe(2); // the newest turn (20) and the one before (40)
    expect(foldPoint(rows, 59)).toBe(4); // only the newest
    expect(foldPoint(rows, 99)).toBe(2);
    expect(foldPoint(rows, 100)).toBe(0);
    expect(foldPoint(rows, 19)).toBe(6); // not even the newest turn: fold everything
    expect(foldPoint([], 10)).toBe(0);
  });

  test('a turn never splits: tool-heavy assistant replies stay with their question', () => {
    // One user message answered by two assistant rows (e.g. an approval follow-up).
    const rows = [{ role: 'user', tokens: 5 }, { role: 'assistant', tokens: 5 }, { role: 'user', tokens: 5 }, { role: 'assistant', tokens: 50 }, { role: 'assistant', tokens: 5 }];
    expect(foldPoint(rows, 59)).toBe(5);
    expect(foldPoint(rows, 60)).toBe(2);
    expect(rows[foldPoint(rows, 70)].role).toBe('user');
  });

  test('tokens are counted per model (not characters) and earlier thinking is not counted', async () => {
    const gpt = await tokenCounter('openai', 'gpt-4o');
    const claude = await tokenCounter('anthropic', 'claude-sonnet-4-5');
    const text = 'Acme Corporation renewed their enterprise plan for another year.';
    expect(gpt(text)).toBeGreaterThan(5);
    expect(gpt(text)).toBeLessThan(text.length / 2);
    expect(claude(text)).toBeGreaterThanOrEqual(gpt(text));
    const plain = messageTokens([{ role: 'assistant', content: [{ type: 'text', text }] }], claude);
    const withThinking = messageTokens([{ role: 'assistant', content: [{ type: 'reasoning', text: 'a very long thought '.repeat(200) }, { type: 'text', text }] }], claude);
    expect(withThinking).toBe(plain);
    expect(trimSummary(['User: one', 'Assistant: two', 'User: three'], 6, gpt)).toBe('User: three');
  });

  test('a long chat folds its oldest turns into the summary under a tiny budget (offline model)', async () => {
    const small = await testApp({ env: { ASSISTANT_HISTORY_TOKENS: '120' } });
    const org = await orgWithRoles(small);
    const first = await org.member.post('/api/v1/assistant/messages', { text: 'help' });
    const conversationId = first.body.data.conversationId;
    for (let i = 0; i < 3; i++) await org.member.post('/api/v1/assistant/messages', { text: `find contacts named Ada${i}`, conversationId });
    const conv = await org.member.get(`/api/v1/assistant/conversations/${conversationId}`);
    expect(conv.body.data.messages).toHaveLength(8);
    // The oldest turns went into the summary, itself kept within a quarter of the budget (its oldest lines dropped first).
    const summary = conv.body.data.summary as string;
    expect(summary).toMatch(/User: find contacts named Ada\d/);
    expect(summary).not.toContain('Ada2');
    expect((await tokenCounter('offline', 'offline')).call(null, summary)).toBeLessThanOrEqual(30);
  });
});
