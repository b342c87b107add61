// Insights over real data (Issue 12.5): deal risk factors move the score the right way and their
// next actions become tasks; briefs and drafts cite real notes, activities, tasks and records;
// visibility holds (a record the member may not read is a 404); with a model configured the
// model's text comes back in the same schema with the same citations (through the fake vendor
// server speaking the OpenAI wire format); the offline assistant answers through the tools.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type Client, type TestApp } from '../../../test/app';
import { startFakeLlm, type FakeLlm } from '../../../test/fake-llm';
import { orgWithRoles } from '../../../test/factories';
import { drainScores } from './scores.jobs';

let app: TestApp;
let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
  app = await testApp({ env: { OUTBOUND_ALLOWED_HOSTS: new URL(llm.url).host } });
});
afterEach(() => llm.reset());
afterAll(() => llm.close());

const ok = <T = any>(res: { status: number; body: any }, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body.data as T;
};

async function stages(c: Client) {
  const p = ok<any[]>(await c.get('/api/v1/pipelines'));
  return p[0].stages as { id: string; name: string; kind: string; position: number }[];
}

async function insights(c: Client, id: string) {
  return ok<any>(await c.get(`/api/v1/deals/${id}/insights`));
}

const exec = (q: ReturnType<typeof sql>) => app.database.db.execute(q);

describe('GET /deals/{id}/insights', () => {
  test('each factor moves the risk the way it should, with its weight and explanation', async () => {
    const org = await orgWithRoles(app);
    const c = org.member;
    const open = (await stages(c)).filter((s) => s.kind === 'open');
    const deal = ok(await c.post('/api/v1/deals', { name: 'Acme renewal', amount: '10000', currency: 'EUR', expectedCloseDate: '2027-06-30' }), 201);

    // A fresh deal: only "no primary contact".
    let r = await insights(c, deal.id);
    expect(r.factors.map((f: any) => f.key)).toEqual(['no_primary_contact']);
    expect(r.risk).toBe(10);
    expect(r.factors[0].explanation).toMatch(/no primary contact/i);
    const base = r.risk;

    // A contact as primary takes it away.
    const ada = ok(await c.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' }), 201);
    ok(await c.request('PATCH', `/api/v1/deals/${deal.id}`, { primaryContactId: ada.id }));
    r = await insights(c, deal.id);
    expect(r.risk).toBeLessThan(base);
    expect(r.risk).toBe(0);
    expect(r.citations).toContainEqual({ type: 'contact', id: ada.id, label: 'Ada Lovelace' });

    // The amount cut (read from the deal's history) adds risk.
    ok(await c.request('PATCH', `/api/v1/deals/${deal.id}`, { amount: '6000' }));
    r = await insights(c, deal.id);
    const cut = r.factors.find((f: any) => f.key === 'amount_cut');
    expect(cut).toMatchObject({ value: 40, weight: 20 });
    expect(cut.explanation).toMatch(/40%.*10000\.00 to 6000\.00/);
    const afterCut = r.risk;
    expect(afterCut).toBeGreaterThan(0);

    // Forward then back a stage: regression.
    ok(await c.post(`/api/v1/deals/${deal.id}/move`, { stageId: open[1].id }));
    expect((await insights(c, deal.id)).factors.some((f: any) => f.key === 'stage_regressed')).toBe(false);
    ok(await c.post(`/api/v1/deals/${deal.id}/move`, { stageId: open[0].id }));
    r = await insights(c, deal.id);
    const back = r.factors.find((f: any) => f.key === 'stage_regressed');
    expect(back.explanation).toContain(`from ${open[1].name} to ${open[0].name}`);
    expect(r.risk).toBe(afterCut + back.weight);
    // The citation points at the real stage_change on the deal's timeline.
    const timeline = ok<any[]>(await c.get(`/api/v1/deals/${deal.id}/activities`));
    const moveBack = r.citations.find((x: any) => x.type === 'activity' && /Moved back/.test(x.label));
    expect(timeline.find((a) => a.id === moveBack.id)?.action).toBe('stage_change');

    // The close date passes.
    ok(await c.request('PATCH', `/api/v1/deals/${deal.id}`, { expectedCloseDate: '2026-10-01' }));
    const beforeLate = afterCut + back.weight;
    r = await insights(c, deal.id);
    expect(r.factors.find((f: any) => f.key === 'close_date_passed').weight).toBeGreaterThanOrEqual(15);
    expect(r.risk).toBeGreaterThan(beforeLate);

    // Long in the stage against the stage's median: three other deals sit in it for 2 days (and the deal's own first stay was minutes).
    for (const n of [1, 2, 3]) {
      const other = ok(await c.post('/api/v1/deals', { name: `Other ${n}`, stageId: open[0].id }), 201);
      await exec(sql`update deals set stage_entered_at = now() - interval '2 days' where id = ${other.id}`);
    }
    const beforeStale = r.risk;
    await exec(sql`update deals set stage_entered_at = now() - interval '20 days' where id = ${deal.id}`);
    r = await insights(c, deal.id);
    const stale = r.factors.find((f: any) => f.key === 'days_in_stage');
    expect(stale.explanation).toMatch(/20 days in .*; the median of 4 deals' stays in it is 2 days/);
    expect(stale.value).toBe(20);
    expect(r.risk).toBeGreaterThan(beforeStale);

    // Silence: every entry on the deal's timeline is a month old.
    const beforeQuiet = r.risk;
    await exec(sql`update activities set created_at = now() - interval '30 days' where entity_type = 'deal' and entity_id = ${deal.id}`);
    r = await insights(c, deal.id);
    expect(r.factors.find((f: any) => f.key === 'no_recent_activity')).toMatchObject({ value: 30, weight: 25 });
    expect(r.risk).toBeGreaterThan(beforeQuiet);
    expect(r.risk).toBeLessThanOrEqual(100);
    expect(r.level).toBe('high');
    // Heaviest first; the risk is their sum, capped.
    expect(r.factors.map((f: any) => f.weight)).toEqual([...r.factors.map((f: any) => f.weight)].sort((a: number, b: number) => b - a));
    expect(r.risk).toBe(Math.min(100, r.factors.reduce((s: number, f: any) => s + f.weight, 0)));

    // Each next action is a ready task body: one POST makes it, and then it is no longer proposed.
    const call = r.nextActions.find((a: any) => a.factor === 'no_recent_activity');
    expect(call.task).toMatchObject({ relatedType: 'deal', relatedId: deal.id, type: 'call' });
    const task = ok(await c.post('/api/v1/tasks', call.task), 201);
    const event = ok(await c.post('/api/v1/ai/insight-events', { kind: 'next_action_task', relatedType: 'deal', relatedId: deal.id, taskId: task.id, summary: call.title }), 201);
    const after = await insights(c, deal.id);
    expect(after.nextActions.map((a: any) => a.title)).not.toContain(call.title);
    // Acting on the insight is on the deal's timeline, by the assistant on the member's behalf.
    const used = ok<any[]>(await c.get(`/api/v1/deals/${deal.id}/activities`)).find((a) => a.id === event.id);
    expect(used).toMatchObject({ action: 'insight_used', actorType: 'assistant', after: { kind: 'next_action_task', taskId: task.id } });
    // ...and does not count as activity on the deal for the risk (the task creation is not on the deal's own timeline).
    expect(after.factors.some((f: any) => f.key === 'no_recent_activity')).toBe(true);
  });

  test('a won deal carries no risk', async () => {
    const org = await orgWithRoles(app);
    const won = (await stages(org.member)).find((s) => s.kind === 'won')!;
    const deal = ok(await org.member.post('/api/v1/deals', { name: 'Done deal', stageId: won.id }), 201);
    expect(await insights(org.member, deal.id)).toMatchObject({ risk: 0, closed: true, factors: [], nextActions: [] });
  });
});

/** Ada at Acme with a note, a logged call on the company, an open task and a deal. */
async function adaAtAcme(c: Client) {
  const acme = ok(await c.post('/api/v1/companies', { name: 'Acme Corp', industry: 'Manufacturing' }), 201);
  const ada = ok(await c.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', title: 'CTO', companyId: acme.id }), 201);
  const note = ok(await c.post('/api/v1/notes', { relatedType: 'contact', relatedId: ada.id, body: 'Great call: she loves the product and wants the renewal early.' }), 201);
  const call = ok(await c.post('/api/v1/activities/log', { type: 'call', relatedType: 'company', relatedId: acme.id, occurredAt: '2026-11-20T10:00:00Z', summary: 'Procurement asked for the renewal quote', outcome: 'sending quote' }), 201);
  const task = ok(await c.post('/api/v1/tasks', { title: 'Send renewal quote', relatedType: 'contact', relatedId: ada.id, dueAt: '2026-12-20T09:00:00Z' }), 201);
  const deal = ok(await c.post('/api/v1/deals', { name: 'Acme renewal', amount: '12000', currency: 'EUR', companyId: acme.id, primaryContactId: ada.id }), 201);
  return { acme, ada, note, call, task, deal };
}

async function citationsAreReal(c: Client, citations: { type: string; id: string }[]) {
  const path: Record<string, string> = { contact: 'contacts', company: 'companies', deal: 'deals', note: 'notes', task: 'tasks' };
  for (const x of citations) {
    if (x.type === 'activity') continue;
    expect((await c.get(`/api/v1/${path[x.type]}/${x.id}`)).status, `${x.type} ${x.id}`).toBe(200);
  }
}

describe('briefs', () => {
  test('a contact brief draws on its own and its related records\' notes, activities and tasks, and cites them', async () => {
    const org = await orgWithRoles(app);
    const { acme, ada, note, call, task, deal } = await adaAtAcme(org.member);
    const b = ok<any>(await org.member.get(`/api/v1/contacts/${ada.id}/brief`));
    expect(b).toMatchObject({ relatedType: 'contact', relatedId: ada.id, title: 'Ada Lovelace', source: 'rules', model: null });
    expect(b.who).toBe('Ada Lovelace, CTO at Acme Corp — lead · ada@acme.test.');
    expect(b.history.join('\n')).toContain('loves the product');
    expect(b.history.join('\n')).toContain('Call (Acme Corp): Procurement asked for the renewal quote — sending quote');
    expect(b.openWork).toContain('Task: Send renewal quote (due 2026-12-20)');
    expect(b.openWork.some((w: string) => w.startsWith('Deal: Acme renewal'))).toBe(true);
    expect(b.lastTouch).toMatch(/^Note on \d{4}-\d\d-\d\d: Great call/);
    const ids = b.citations.map((x: any) => `${x.type}:${x.id}`);
    for (const want of [`contact:${ada.id}`, `company:${acme.id}`, `deal:${deal.id}`, `note:${note.id}`, `activity:${call.id}`, `task:${task.id}`]) expect(ids).toContain(want);
    await citationsAreReal(org.member, b.citations);
    // The company's brief reaches Ada's note through her.
    const cb = ok<any>(await org.member.get(`/api/v1/companies/${acme.id}/brief`));
    expect(cb.citations.map((x: any) => x.id)).toEqual(expect.arrayContaining([note.id, call.id, ada.id, deal.id]));
    const db = ok<any>(await org.member.get(`/api/v1/deals/${deal.id}/brief`));
    expect(db.who).toMatch(/^Acme renewal: 12,000 EUR, .*with Acme Corp \(contact: Ada Lovelace\)\.$/);
  });

  test('visibility: a member who may not read a deal gets 404 for its insights and brief, and the deal is not in a contact\'s brief', async () => {
    const org = await orgWithRoles(app);
    const { ada } = await adaAtAcme(org.admin);
    const secret = ok(await org.admin.post('/api/v1/deals', { name: 'Secret expansion', primaryContactId: ada.id, ownerId: org.admin.userId }), 201);
    ok(await org.admin.request('PUT', '/api/v1/settings/permissions', { deals: { read: 'own', edit: 'own' } }));
    expect((await org.member.get(`/api/v1/deals/${secret.id}/insights`)).status).toBe(404);
    expect((await org.member.get(`/api/v1/deals/${secret.id}/brief`)).status).toBe(404);
    const b = ok<any>(await org.member.get(`/api/v1/contacts/${ada.id}/brief`));
    expect(b.citations.map((x: any) => x.id)).not.toContain(secret.id);
    expect(JSON.stringify(b)).not.toContain('Secret expansion');
    // Another organization's record is a 404 too.
    const other = await orgWithRoles(app);
    expect((await other.member.get(`/api/v1/contacts/${ada.id}/brief`)).status).toBe(404);
    expect((await other.member.post('/api/v1/ai/draft-email', { relatedType: 'contact', relatedId: ada.id, purpose: 'hello' })).status).toBe(404);
  });

  test('with a model configured, the model writes the brief and the draft from the facts: same schema, citations kept', async () => {
    const org = await orgWithRoles(app);
    const { ada, note } = await adaAtAcme(org.member);
    const offline = ok<any>(await org.member.get(`/api/v1/contacts/${ada.id}/brief`));
    ok(await org.admin.request('PUT', '/api/v1/settings/ai', { provider: 'openai-compatible', model: 'fake-model', apiKey: 'k-1234', baseUrl: `${llm.url}/v1` }));
    const written = { summary: 'Ada is keen to renew early.', who: 'Ada Lovelace, CTO at Acme Corp.', history: ['Loved the product on the last call.'], openWork: ['Send the renewal quote.'], lastTouch: 'A note this week.' };
    llm.script({ text: JSON.stringify(written) });
    const b = ok<any>(await org.member.get(`/api/v1/contacts/${ada.id}/brief`));
    expect(b).toMatchObject({ ...written, source: 'model', model: 'OpenAI-compatible · fake-model' });
    expect(b.citations).toEqual(offline.citations);
    // The model got the facts as quoted data (the note's text among them) and was asked for JSON.
    const req = llm.requests.at(-1)!;
    expect(JSON.stringify(req.messages)).toContain('loves the product');
    expect(JSON.stringify(req.messages)).toContain(note.id);
    expect(JSON.stringify(req.response_format ?? req)).toContain('json');

    llm.script({ text: JSON.stringify({ subject: 'Your renewal', body: 'Hi Ada, shall we renew?' }) });
    const d = ok<any>(await org.member.post('/api/v1/ai/draft-email', { relatedType: 'contact', relatedId: ada.id, purpose: 'the renewal' }));
    expect(d).toMatchObject({ subject: 'Your renewal', body: 'Hi Ada, shall we renew?', to: 'ada@acme.test', source: 'model' });
    expect(d.citations.map((x: any) => x.id)).toContain(ada.id);

    // A model that answers with something else than the schema is an error, not a made-up brief.
    llm.script({ text: 'not json at all' });
    expect((await org.member.get(`/api/v1/contacts/${ada.id}/brief`)).status).toBe(502);
  });
});

describe('draft email and sentiment', () => {
  test('offline draft: the recipient, the purpose, the last touch, with citations', async () => {
    const org = await orgWithRoles(app);
    const { ada, deal, note } = await adaAtAcme(org.member);
    const d = ok<any>(await org.member.post('/api/v1/ai/draft-email', { relatedType: 'deal', relatedId: deal.id, purpose: 'the renewal' }));
    expect(d).toMatchObject({ to: 'ada@acme.test', subject: 'The renewal — Acme Corp', source: 'rules' });
    expect(d.body).toMatch(/^Hi Ada,\n\nThanks for our recent conversation on \d{4}-\d\d-\d\d\.\nI'm writing about the renewal \(Acme renewal\)\./);
    expect(d.citations.map((x: any) => x.id)).toEqual(expect.arrayContaining([deal.id, ada.id, note.id]));
    const formal = ok<any>(await org.member.post('/api/v1/ai/draft-email', { relatedType: 'contact', relatedId: ada.id, purpose: 'the renewal', tone: 'formal' }));
    expect(formal.body).toMatch(/^Dear Ada Lovelace,/);
    expect(formal.body).toContain('Kind regards,');
    // Viewers do not draft (the route is for members, like every action on a record).
    expect((await org.viewer.post('/api/v1/ai/draft-email', { relatedType: 'contact', relatedId: ada.id, purpose: 'x' })).status).toBe(403);
    // A copied draft is recorded on the record, actor assistant.
    const ev = ok(await org.member.post('/api/v1/ai/insight-events', { kind: 'email_copied', relatedType: 'contact', relatedId: ada.id, summary: formal.subject }), 201);
    const row = ok<any[]>(await org.member.get(`/api/v1/contacts/${ada.id}/activities`)).find((a) => a.id === ev.id);
    expect(row).toMatchObject({ actorType: 'assistant', action: 'insight_used', after: { kind: 'email_copied' } });
  });

  test('sentiment of notes: positive, negative, neutral, and a record\'s overall', async () => {
    const org = await orgWithRoles(app);
    const c = ok(await org.member.post('/api/v1/contacts', { firstName: 'Sam' }), 201);
    const good = ok(await org.member.post('/api/v1/notes', { relatedType: 'contact', relatedId: c.id, body: 'Great demo, they love it and are excited.' }), 201);
    const bad = ok(await org.member.post('/api/v1/notes', { relatedType: 'contact', relatedId: c.id, body: 'Client complained: the quote is terrible and they are angry.' }), 201);
    ok(await org.member.post('/api/v1/notes', { relatedType: 'contact', relatedId: c.id, body: 'Meeting moved to Tuesday.' }), 201);
    expect(ok<any>(await org.member.get(`/api/v1/notes/${good.id}/sentiment`))).toMatchObject({ label: 'positive' });
    const neg = ok<any>(await org.member.get(`/api/v1/notes/${bad.id}/sentiment`));
    expect(neg.label).toBe('negative');
    expect(neg.score).toBeLessThan(0);
    expect(neg.words.negative).toEqual(expect.arrayContaining(['complained', 'terrible', 'angry']));
    const all = ok<any>(await org.member.get(`/api/v1/contacts/${c.id}/sentiment`));
    expect(all.notes.map((n: any) => n.sentiment.label).sort()).toEqual(['negative', 'neutral', 'positive']);
    expect(all.overall.notes).toBe(3);
  });
});

describe('the offline assistant answers through the insight tools', () => {
  const say = (c: Client, text: string) => c.post('/api/v1/assistant/messages', { text });

  test('risk, brief and draft', async () => {
    const org = await orgWithRoles(app);
    const { ada, deal } = await adaAtAcme(org.member);
    let r = ok<any>(await say(org.member, "what's the risk on the Acme renewal deal?"));
    expect(r.toolCalls.map((t: any) => t.name)).toContain('deal_insights');
    expect(r.reply).toMatch(/Risk on \[Acme renewal\]\(\/deals\/[0-9a-f-]+\): \*\*\d+\/100\*\*/);
    expect(r.reply).toContain(`/deals/${deal.id}`);

    r = ok<any>(await say(org.member, 'brief me on Ada Lovelace'));
    expect(r.toolCalls.map((t: any) => t.name)).toContain('brief_record');
    expect(r.reply).toContain('Ada Lovelace, CTO at Acme Corp');
    expect(r.reply).toContain('Task: Send renewal quote');
    expect(r.reply).toContain(`/contacts/${ada.id}`);

    r = ok<any>(await say(org.member, 'draft an email to Ada Lovelace about the renewal'));
    expect(r.toolCalls.map((t: any) => t.name)).toContain('draft_email');
    expect(r.reply).toContain('**Subject:** The renewal — Acme Corp');
    expect(r.reply).toContain('> Hi Ada,');
  });
});

describe('lead and contact scores', () => {
  test('a lead scores from fit and engagement with its factors; an override is kept and marked until cleared; the list sorts by score', async () => {
    const org = await orgWithRoles(app);
    const c = org.member;
    const cold = ok(await c.post('/api/v1/leads', { firstName: 'Cold', email: 'cold@gmail.com' }), 201);
    expect(cold).toMatchObject({ score: 5, scoreOverridden: false });
    expect(cold.scoreFactors).toEqual([expect.objectContaining({ key: 'email', kind: 'fit', points: 5, label: 'Personal email' })]);
    const warm = ok(await c.post('/api/v1/leads', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test', title: 'VP Engineering', companyName: 'Navy Labs' }), 201);
    expect(warm.score).toBe(15 + 20 + 10);
    expect(warm.scoreFactors.map((f: any) => f.key)).toEqual(['work_email', 'seniority', 'company']);

    // Engagement: two notes and a logged call; the "scores" outbox consumer rescores the lead.
    for (const body of ['Intro call went well', 'Sent the deck']) ok(await c.post('/api/v1/notes', { relatedType: 'lead', relatedId: warm.id, body }), 201);
    ok(await c.post('/api/v1/activities/log', { type: 'call', relatedType: 'lead', relatedId: warm.id, summary: 'Discussed budget' }), 201);
    expect(ok(await c.get(`/api/v1/leads/${warm.id}`)).score).toBe(45);
    await drainScores(app.database.db);
    const rescored = ok(await c.get(`/api/v1/leads/${warm.id}`));
    expect(rescored.scoreFactors.find((f: any) => f.key === 'touches')).toMatchObject({ kind: 'engagement', points: 24 });
    expect(rescored.scoreFactors.find((f: any) => f.key === 'recency')).toMatchObject({ points: 10 });
    expect(rescored.score).toBe(45 + 24 + 10);
    // The rescore is on the lead's timeline like any change (actor: system).
    const rescore = ok<any[]>(await c.get(`/api/v1/leads/${warm.id}/activities`)).find((a) => a.action === 'updated');
    expect(rescore).toMatchObject({ actorType: 'system', before: { score: 45 }, after: { score: 79 } });
    // Any change of the lead itself recomputes too.
    const engaged = ok(await c.request('PATCH', `/api/v1/leads/${warm.id}`, { status: 'qualified' }));
    expect(engaged.score).toBe(45 + 10 + 24 + 10);
    const unqualified = ok(await c.request('PATCH', `/api/v1/leads/${warm.id}`, { status: 'unqualified' }));
    expect(unqualified.score).toBeLessThan(engaged.score);

    // A person's score is an override: kept through later changes, factors still current.
    const set = ok(await c.request('PATCH', `/api/v1/leads/${cold.id}`, { score: 90 }));
    expect(set).toMatchObject({ score: 90, scoreOverridden: true });
    const later = ok(await c.request('PATCH', `/api/v1/leads/${cold.id}`, { title: 'CEO' }));
    expect(later).toMatchObject({ score: 90, scoreOverridden: true });
    expect(later.scoreFactors.map((f: any) => f.key)).toContain('seniority');
    // A form that sends the score it showed changes nothing; null clears the override and recomputes.
    expect(ok(await c.request('PATCH', `/api/v1/leads/${cold.id}`, { score: 90, source: 'web' }))).toMatchObject({ score: 90, scoreOverridden: true });
    expect(ok(await c.request('PATCH', `/api/v1/leads/${cold.id}`, { score: null }))).toMatchObject({ score: 5 + 20, scoreOverridden: false });

    const sorted = ok<any[]>(await c.get('/api/v1/leads?sort=-score'));
    expect(sorted.map((l) => l.score)).toEqual([...sorted.map((l) => l.score)].sort((a, b) => b - a));
  });

  test('a contact scores too, sortable, with an override', async () => {
    const org = await orgWithRoles(app);
    const c = org.member;
    const acme = ok(await c.post('/api/v1/companies', { name: 'Acme' }), 201);
    const ada = ok(await c.post('/api/v1/contacts', { firstName: 'Ada', email: 'ada@acme.test', title: 'CTO', companyId: acme.id, status: 'customer' }), 201);
    expect(ada).toMatchObject({ score: 20 + 10 + 10 + 15, scoreOverridden: false });
    const bob = ok(await c.post('/api/v1/contacts', { firstName: 'Bob', status: 'churned' }), 201);
    expect(bob.score).toBe(0);
    expect(ok(await c.request('PATCH', `/api/v1/contacts/${bob.id}`, { score: 70 }))).toMatchObject({ score: 70, scoreOverridden: true });
    const sorted = ok<any[]>(await c.get('/api/v1/contacts?sort=-score'));
    expect(sorted.map((x) => x.fullName)).toEqual(['Bob', 'Ada']);

    // A read-only rule on the score refuses setting it, not the edits that recompute it.
    expect((await org.admin.request('PUT', '/api/v1/settings/permissions', { contacts: { fields: { score: { member: 'read_only' } } } })).status).toBe(200);
    expect(ok(await c.request('PATCH', `/api/v1/contacts/${ada.id}`, { title: 'Engineer' })).score).toBe(5 + 10 + 10 + 15);
    const refused = await c.request('PATCH', `/api/v1/contacts/${ada.id}`, { score: 99 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('field_read_only');
  });
});
