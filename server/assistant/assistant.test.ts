// The assistant end to end over HTTP with the offline model: the same tools, approvals, timeline
// attribution and undo as any provider.
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let acmeId: string;
beforeAll(async () => {
  org = await orgWithRoles();
  acmeId = (await org.member.post('/api/v1/companies', { name: 'Acme', domain: 'acme.com', industry: 'software' })).body.data.id;
});

const say = (client = org.member, text: string, conversationId?: string) =>
  client.post('/api/v1/assistant/messages', { text, ...(conversationId ? { conversationId } : {}) });

describe('offline assistant', () => {
  test('"add contact Ada Lovelace, CTO at Acme, ada@acme.com" creates her at Acme, attributed to the assistant, and it can be undone', async () => {
    const res = await say(org.member, 'add contact Ada Lovelace, CTO at Acme, ada@acme.com');
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data.model).toBe('Offline command model');
    const create = data.toolCalls.find((t: { name: string }) => t.name === 'create_contact');
    expect(data.toolCalls.every((t: { status: string }) => t.status === 'ok')).toBe(true);
    const ada = create.output;
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', title: 'CTO', email: 'ada@acme.com', companyId: acmeId });
    expect(data.reply).toContain(`[Ada Lovelace](/contacts/${ada.id})`);

    // Really there, through REST.
    expect((await org.member.get(`/api/v1/contacts/${ada.id}`)).body.data.company).toEqual({ id: acmeId, name: 'Acme' });
    // On the timeline as done by the assistant on behalf of the user.
    const [created] = (await org.member.get(`/api/v1/contacts/${ada.id}/activities`)).body.data;
    expect(created).toMatchObject({ action: 'created', actorType: 'assistant', actorId: org.member.userId, onBehalfOf: data.conversationId });
    // Undo from the timeline.
    expect((await org.member.post(`/api/v1/activities/${created.id}/undo`)).status).toBe(200);
    expect((await org.member.get(`/api/v1/contacts/${ada.id}`)).status).toBe(404);
    expect((await org.member.post(`/api/v1/contacts/${ada.id}/restore`)).status).toBe(200);
  });

  test('create a company, list, update, and answer "what do we know" with citations', async () => {
    const made = await say(org.member, 'new company Initech in software, initech.com');
    expect(made.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_company').output).toMatchObject({ name: 'Initech', industry: 'software', domain: 'initech.com' });

    const listed = await say(org.member, 'show contacts at Acme');
    expect(listed.body.data.reply).toMatch(/^1 contact at \[Acme\]\(\/companies\/[\w-]+\):\n- \[Ada Lovelace\]/);

    const updated = await say(org.member, "set Ada Lovelace's title to CEO");
    expect(updated.body.data.toolCalls.map((t: { name: string }) => t.name)).toEqual(['search', 'update_contact']);
    expect(updated.body.data.toolCalls[1].output.title).toBe('CEO');

    const about = await say(org.member, 'What do we know about Acme?');
    expect(about.body.data.toolCalls[0].name).toBe('search');
    expect(about.body.data.reply).toContain(`(/companies/${acmeId})`);
  });

  test('delete waits for approval; approving runs it once; rejecting drops it', async () => {
    const victim = (await org.member.post('/api/v1/contacts', { firstName: 'Temporary', lastName: 'Person' })).body.data;
    const res = await say(org.member, 'delete contact Temporary Person');
    const { pendingApprovals, reply, toolCalls } = res.body.data;
    expect(toolCalls.map((t: { status: string }) => t.status).slice(-1)).toEqual(['pending_approval']);
    expect(pendingApprovals).toHaveLength(1);
    expect(pendingApprovals[0]).toMatchObject({ toolName: 'delete_contact', summary: 'Delete contact Temporary Person', status: 'pending' });
    expect(reply).toMatch(/needs your approval/);
    expect((await org.member.get(`/api/v1/contacts/${victim.id}`)).status).toBe(200);

    // Only the user who asked can decide.
    expect((await org.admin.post(`/api/v1/assistant/approvals/${pendingApprovals[0].id}`, { approve: true })).status).toBe(404);
    const approved = await org.member.post(`/api/v1/assistant/approvals/${pendingApprovals[0].id}`, { approve: true });
    expect(approved.body.data.status).toBe('executed');
    expect((await org.member.get(`/api/v1/contacts/${victim.id}`)).status).toBe(404);
    expect((await org.member.post(`/api/v1/assistant/approvals/${pendingApprovals[0].id}`, { approve: true })).status).toBe(409);
    const [deleted] = (await org.member.get(`/api/v1/contacts/${victim.id}/activities`)).body.data;
    expect(deleted).toMatchObject({ action: 'deleted', actorType: 'assistant' });

    await org.member.post(`/api/v1/contacts/${victim.id}/restore`);
    const again = await say(org.member, 'delete contact Temporary Person');
    const rejected = await org.member.post(`/api/v1/assistant/approvals/${again.body.data.pendingApprovals[0].id}`, { approve: false });
    expect(rejected.body.data.status).toBe('rejected');
    // The conversation shows how each approval ended.
    const conv = await org.member.get(`/api/v1/assistant/conversations/${again.body.data.conversationId}`);
    const call = conv.body.data.messages[1].toolCalls.find((t: { name: string }) => t.name === 'delete_contact');
    expect(call).toMatchObject({ status: 'pending_approval', approvalStatus: 'rejected' });
    expect((await org.member.get(`/api/v1/contacts/${victim.id}`)).status).toBe(200);
  });

  test('a viewer gets answers but no writes', async () => {
    const res = await say(org.viewer, 'add contact Vera Viewer, vera@example.test');
    expect(res.status).toBe(200);
    expect(res.body.data.reply).toMatch(/isn't available to your role/);
    const found = await org.viewer.get('/api/v1/contacts?q=vera');
    expect(found.body.total).toBe(0);
    const tools = (await org.viewer.get('/api/v1/assistant/tools')).body.data.map((t: { name: string }) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['list_contacts', 'get_contact', 'create_contact', 'update_contact', 'delete_contact', 'list_companies', 'create_company', 'search']));
  });

  test('help and not-understood both show what it can do', async () => {
    const help = await say(org.member, 'help');
    expect(help.body.data.reply).toMatch(/offline command model/);
    expect(help.body.data.reply).toMatch(/add contact/);
    const unknown = await say(org.member, 'sing me a song');
    expect(unknown.body.data.reply).toMatch(/didn't understand "sing me a song"/);
    expect(unknown.body.data.reply).toMatch(/add contact/);
  });
});

describe('conversations', () => {
  test('persist per user; nobody else sees them; long histories get summarized', async () => {
    const first = await say(org.member, 'help');
    const conversationId = first.body.data.conversationId;
    for (let i = 0; i < 7; i++) await say(org.member, `find contacts named Ada${i}`, conversationId);
    const conv = await org.member.get(`/api/v1/assistant/conversations/${conversationId}`);
    expect(conv.status).toBe(200);
    expect(conv.body.data.messages).toHaveLength(16);
    expect(conv.body.data.messages[0]).toMatchObject({ role: 'user', text: 'help' });
    expect(conv.body.data.messages[1]).toMatchObject({ role: 'assistant', model: 'Offline command model' });
    // Short turns fit the offline model's history budget in tokens: nothing is folded yet
    // (thinking.test.ts folds a chat under a tiny ASSISTANT_HISTORY_TOKENS).
    await say(org.member, 'find contacts named Zed', conversationId);
    const after = await org.member.get(`/api/v1/assistant/conversations/${conversationId}`);
    expect(after.body.data.summary).toBeNull();

    const list = await org.member.get('/api/v1/assistant/conversations');
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(conversationId);
    // Another user of the same organization: not listed, 404 directly, cannot post into it.
    expect((await org.admin.get('/api/v1/assistant/conversations')).body.data.map((c: { id: string }) => c.id)).not.toContain(conversationId);
    expect((await org.admin.get(`/api/v1/assistant/conversations/${conversationId}`)).status).toBe(404);
    expect((await say(org.admin, 'help', conversationId)).status).toBe(404);
  });
});

describe('usage and limits', () => {
  test('tokens are counted per org, user, provider, model and day', async () => {
    const { owner } = await ownerWithOrg();
    await say(owner, 'help');
    await say(owner, 'list companies');
    const usage = await owner.get('/api/v1/assistant/usage');
    expect(usage.body.data).toHaveLength(1);
    expect(usage.body.data[0]).toMatchObject({ userId: owner.userId, provider: 'offline', model: 'meridian-offline', requests: 2, day: new Date().toISOString().slice(0, 10) });
    expect(usage.body.data[0].inputTokens).toBeGreaterThan(0);
    expect(usage.body.data[0].outputTokens).toBeGreaterThan(0);
  });

  test('each organization has a limit on assistant requests per minute', async () => {
    const app = await testApp({ env: { ASSISTANT_REQUESTS_PER_MINUTE: '2' } });
    const { owner } = await ownerWithOrg(app);
    expect((await say(owner, 'help')).status).toBe(200);
    expect((await say(owner, 'help')).status).toBe(200);
    const third = await say(owner, 'help');
    expect(third.status).toBe(429);
    expect(third.body.error.message).toMatch(/limit of 2 assistant requests per minute/);
  });
});

describe('streaming chat for useChat', () => {
  test('POST /assistant/chat streams UI-message chunks and persists the turn', async () => {
    const res = await org.member.request('POST', '/api/v1/assistant/chat', {
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'new company Streamline Ltd' }] }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const conversationId = res.headers.get('x-conversation-id');
    const events = String(res.body).split('\n').filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]').map((l) => JSON.parse(l.slice(6)));
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['start', 'tool-input-available', 'tool-output-available', 'text-delta', 'finish']));
    expect(events.find((e) => e.type === 'start').messageMetadata).toMatchObject({ model: 'Offline command model', conversationId });
    expect(events.find((e) => e.type === 'tool-input-available' && e.toolName === 'create_company')).toMatchObject({ input: { name: 'Streamline Ltd' } });
    expect((await org.member.get('/api/v1/companies?q=Streamline')).body.total).toBe(1);
    const conv = await org.member.get(`/api/v1/assistant/conversations/${conversationId}`);
    expect(conv.body.data.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
  });
});

describe('offline assistant: notes and tasks', () => {
  test('"note on Ada Lovelace: …", "add task … tomorrow", "show my tasks due this week", "complete task …"', async () => {
    const { member } = org;
    const grace = (await member.post('/api/v1/contacts', { firstName: 'Grace', lastName: 'Hopper' })).body.data;
    const noted = await say(member, 'note on Grace Hopper: met at the conference, wants a demo');
    expect(noted.body.data.toolCalls.map((t: { name: string }) => t.name)).toEqual(['search', 'add_note']);
    const notes = await member.get(`/api/v1/notes?filter=${encodeURIComponent(JSON.stringify({ relatedId: grace.id }))}`);
    expect(notes.body.data[0]).toMatchObject({ body: 'met at the conference, wants a demo', relatedType: 'contact' });
    expect(noted.body.data.reply).toContain(`(/contacts/${grace.id})`);

    const added = await say(member, 'add task Send Grace the deck tomorrow');
    const task = added.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_task').output;
    expect(task).toMatchObject({ title: 'Send Grace the deck', assigneeId: member.userId });
    expect(new Date(task.dueAt).getTime()).toBeGreaterThan(Date.now());

    const mine = await say(member, "what's due this week?");
    const input = mine.body.data.toolCalls.find((t: { name: string }) => t.name === 'list_tasks').input;
    expect(input).toMatchObject({ view: 'week', filter: { assigneeId: member.userId } });

    const listed = await say(member, 'show my tasks');
    expect(listed.body.data.reply).toContain('Send Grace the deck');

    const completed = await say(member, 'complete task Send Grace the deck');
    expect(completed.body.data.toolCalls.map((t: { name: string }) => t.name)).toEqual(['list_tasks', 'complete_task']);
    expect((await member.get(`/api/v1/tasks/${task.id}`)).body.data).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    expect(completed.body.data.reply).toMatch(/is complete/);
  });
});

describe('offline assistant: deals and leads', () => {
  test('"move the Acme deal to negotiation", lost with a reason, pipeline summary, convert a lead', async () => {
    // An organization of its own: a clean pipeline, and its own assistant rate-limit window.
    const { member } = await orgWithRoles();
    const made = await say(member, 'new deal Acme expansion, 12,000');
    const deal = made.body.data.toolCalls.find((t: { name: string }) => t.name === 'create_deal').output;
    expect(deal).toMatchObject({ name: 'Acme expansion', amount: '12000.00', stage: { name: 'Qualification' } });

    const moved = await say(member, 'move the Acme deal to negotiation');
    expect(moved.body.data.toolCalls.map((t: { name: string }) => t.name)).toEqual(['search', 'move_deal']);
    expect(moved.body.data.reply).toBe(`Moved [Acme expansion](/deals/${deal.id}) to Negotiation.`);
    const [change] = (await member.get(`/api/v1/deals/${deal.id}/activities`)).body.data;
    expect(change).toMatchObject({ action: 'stage_change', actorType: 'assistant', after: { stageName: 'Negotiation' } });

    // Lost needs a reason: it is asked for, with common reasons to click; nothing moves before.
    const noReason = await say(member, 'move Acme expansion to lost');
    expect(noReason.body.data.choices.map((c: { label: string }) => c.label)).toContain('Price');
    expect((await member.get(`/api/v1/deals/${deal.id}`)).body.data.stage.name).toBe('Negotiation');
    const lost = await say(member, 'move Acme expansion to lost, because budget cut');
    expect(lost.body.data.toolCalls.find((t: { name: string }) => t.name === 'move_deal').output).toMatchObject({ lostReason: 'budget cut', closedAt: expect.any(String) });

    await say(member, 'new deal Globex renewal for $5k');
    const summary = await say(member, 'pipeline summary');
    expect(summary.body.data.toolCalls[0].name).toBe('pipeline_summary');
    expect(summary.body.data.reply).toMatch(/^The pipeline: 1 open deal worth \$5,000 \(weighted \$500\)/);

    await say(member, 'add lead Grace Hopper, CTO at Navy, grace@navy.test');
    const converted = await say(member, 'convert lead Grace Hopper');
    expect(converted.body.data.toolCalls.map((t: { name: string }) => t.name)).toEqual(['search', 'convert_lead']);
    const result = converted.body.data.toolCalls[1].output;
    expect(result.company).toMatchObject({ name: 'Navy', created: true });
    expect(converted.body.data.reply).toContain(`(/deals/${result.deal.id})`);
  });
});
