// Issue 10 over HTTP: questions with choices in both chat endpoints (nothing written until the
// answer), the record on screen, the user's time zone, the follow-up offered after a logged call,
// money in the organization's currency.
import { beforeAll, describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let acmeCorp: string;
let tom: string;
beforeAll(async () => {
  org = await orgWithRoles();
  acmeCorp = (await org.member.post('/api/v1/companies', { name: 'Acme Corp' })).body.data.id;
  tom = (await org.member.post('/api/v1/contacts', { firstName: 'Tom', lastName: 'Baker', title: 'CFO', email: 'tom@acme.test', companyId: acmeCorp })).body.data.id;
});

const say = (text: string, extra: Record<string, unknown> = {}) => org.member.post('/api/v1/assistant/messages', { text, ...extra });
const contactsNamed = async (q: string) => (await org.member.get(`/api/v1/contacts?q=${encodeURIComponent(q)}`)).body.data as { id: string; companyId: string | null }[];

function streamEvents(body: unknown) {
  return String(body)
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
}

describe('never a write from a guess', () => {
  test('JSON: "add Jane Doe from Acme as a contact" asks about Acme Corp, writes nothing, and the clicked answer writes', async () => {
    const asked = await say('add Jane Doe from Acme as a contact');
    expect(asked.status).toBe(200);
    const { reply, choices, conversationId } = asked.body.data;
    expect(reply).toMatch(/^Did you mean Jane Doe at Acme Corp, or create a new company "Acme"\?/);
    expect(choices.map((c: { label: string }) => c.label)).toEqual(['Jane Doe at Acme Corp', 'Create a new company "Acme"', 'Cancel']);
    expect(await contactsNamed('Jane Doe')).toHaveLength(0);
    expect((await org.member.get('/api/v1/companies?q=Acme')).body.total).toBe(1);

    const answered = await say(choices[0].reply, { conversationId });
    expect(answered.body.data.choices).toEqual([]);
    const [jane] = await contactsNamed('Jane Doe');
    expect(jane.companyId).toBe(acmeCorp);
    expect(answered.body.data.reply).toContain(`(/contacts/${jane.id})`);
  });

  test('a new company is proposed, not made; "cancel" leaves everything as it was', async () => {
    const asked = await say('add Toby Flenderson from Vance Refrigeration');
    expect(asked.body.data.choices.map((c: { label: string }) => c.label)).toEqual(['Create Toby Flenderson and a new company "Vance Refrigeration"', 'Create Toby Flenderson without a company', 'Cancel']);
    const cancelled = await say('cancel', { conversationId: asked.body.data.conversationId });
    expect(cancelled.body.data.reply).toMatch(/left everything as it was/);
    expect(await contactsNamed('Toby')).toHaveLength(0);
    expect((await org.member.get('/api/v1/companies?q=Vance')).body.total).toBe(0);
  });

  test('streamed: the question arrives as an ask_user part and in the finish metadata; the answer writes', async () => {
    const res = await org.member.request('POST', '/api/v1/assistant/chat', { messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'make a deal for Acme worth 40k' }] }] });
    expect(res.status).toBe(200);
    const events = streamEvents(res.body);
    const ask = events.find((e) => e.type === 'tool-input-available' && e.toolName === 'ask_user');
    expect(ask.input.choices[0]).toMatchObject({ label: 'the deal at Acme Corp' });
    const finish = events.find((e) => e.type === 'finish');
    expect(finish.messageMetadata.choices.map((c: { label: string }) => c.label)).toContain('the deal at Acme Corp');
    expect((await org.member.get('/api/v1/deals')).body.total).toBe(0);

    const conversationId = res.headers.get('x-conversation-id');
    const second = await org.member.request('POST', '/api/v1/assistant/chat', { conversationId, messages: [{ id: 'm2', role: 'user', parts: [{ type: 'text', text: 'the first one' }] }] });
    expect(second.status).toBe(200);
    const deals = (await org.member.get('/api/v1/deals')).body.data;
    expect(deals).toEqual([expect.objectContaining({ companyId: acmeCorp, amount: '40000.00' })]);
  });
});

describe('the record the user is on', () => {
  test('"what do we know about this contact?" answers about the record on screen, not a search for "this contact"', async () => {
    const r = await say('what do we know about this contact?', { context: { type: 'contact', id: tom } });
    const calls = r.body.data.toolCalls as { name: string; input: { query?: string } }[];
    expect(calls.some((c) => c.name === 'search' && /this contact/i.test(c.input.query ?? ''))).toBe(false);
    expect(calls.map((c) => c.name)).toContain('get_contact');
    expect(r.body.data.reply).toContain(`[Tom Baker](/contacts/${tom})`);
    expect(r.body.data.reply).toMatch(/CFO/);
    expect(r.body.data.reply).toContain(`[Acme Corp](/companies/${acmeCorp})`);
  });

  test('"log a call here" goes on the record on screen and offers the follow-up the text implies', async () => {
    const r = await say('log a call here: she wants a demo next week', { context: { type: 'contact', id: tom } });
    const [entry] = (await org.member.get(`/api/v1/contacts/${tom}/activities`)).body.data;
    expect(entry).toMatchObject({ action: 'call_logged', actorType: 'assistant', after: { summary: 'She wants a demo next week' } });
    const offer = r.body.data.choices[0];
    expect(offer.label).toMatch(/^Add task: Demo for Tom \(due /);
    await say(offer.reply, { conversationId: r.body.data.conversationId, context: { type: 'contact', id: tom } });
    const tasks = (await org.member.get(`/api/v1/tasks?filter=${encodeURIComponent(JSON.stringify({ relatedId: tom }))}`)).body.data;
    expect(tasks).toEqual([expect.objectContaining({ title: 'Demo for Tom', relatedType: 'contact', type: 'follow_up', assigneeId: org.member.userId })]);
    const due = new Date(tasks[0].dueAt).getTime();
    expect(due).toBeGreaterThan(Date.now() + 5 * 86400_000);
    expect(due).toBeLessThan(Date.now() + 14 * 86400_000);
  });
});

describe("dates in the user's time zone, money in the organization's currency", () => {
  test('"tomorrow" is tomorrow where the user is, due at 17:00 their time', async () => {
    const zone = 'Pacific/Kiritimati'; // UTC+14: its "tomorrow" is often the day after UTC's
    const r = await say('add task Call Tom tomorrow', { timezone: zone });
    const task = r.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_task').output;
    const localToday = new Date().toLocaleDateString('en-CA', { timeZone: zone });
    const tomorrow = new Date(Date.parse(`${localToday}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    expect(new Date(task.dueAt).toLocaleString('en-CA', { timeZone: zone, hourCycle: 'h23' })).toMatch(new RegExp(`^${tomorrow}, 17:00`));
    expect((await say('hi', { timezone: 'Mars/Olympus' })).status).toBe(400);
  });

  test('amounts are shown in the currency of the organization (its metadata) and of each deal', async () => {
    const o = await orgWithRoles();
    const set = await o.owner.post('/api/auth/organization/update', { organizationId: o.orgId, data: { metadata: { currency: 'EUR' } } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await o.member.post('/api/v1/assistant/messages', { text: 'create a deal called Big one worth 1.2m' });
    const deal = (await o.member.get('/api/v1/deals')).body.data[0];
    expect(deal).toMatchObject({ amount: '1200000.00', currency: 'EUR' });
    const r = await o.member.post('/api/v1/assistant/messages', { text: "what's our pipeline worth?" });
    expect(r.body.data.reply).toMatch(/1 open deal worth €1,200,000/);
  });
});
