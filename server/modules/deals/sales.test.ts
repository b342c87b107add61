// The sales pipeline over HTTP: pipelines and stages, deals and board moves, lead conversion, reports.
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
let pipeline: { id: string; stages: { id: string; name: string; kind: string; probability: number }[] };
const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;

beforeAll(async () => {
  org = await orgWithRoles();
  pipeline = (await org.member.get('/api/v1/pipelines')).body.data[0];
});

describe('pipelines', () => {
  test('every organization starts with a default "Sales" pipeline', () => {
    expect(pipeline).toMatchObject({ name: 'Sales', isDefault: true });
    expect(pipeline.stages.map((s) => `${s.name}:${s.kind}:${s.probability}`)).toEqual([
      'Qualification:open:10', 'Needs analysis:open:25', 'Proposal:open:50', 'Negotiation:open:75', 'Won:won:100', 'Lost:lost:0',
    ]);
  });

  test('admins add, rename, reorder and remove stages; removing one with deals asks where to move them', async () => {
    const { admin, member } = org;
    const p = (await admin.post('/api/v1/pipelines', { name: 'Partners' })).body.data;
    expect((await member.post('/api/v1/pipelines', { name: 'Nope' })).status).toBe(403);
    const added = await admin.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Pilot', probability: 60, position: 2 });
    expect(added.status).toBe(201);
    const pilot = added.body.data.stages[2];
    expect(pilot).toMatchObject({ name: 'Pilot', probability: 60, kind: 'open', position: 2 });
    expect((await admin.patch(`/api/v1/pipelines/${p.id}/stages/${pilot.id}`, { name: 'Paid pilot' })).body.data.stages[2].name).toBe('Paid pilot');
    const ids = added.body.data.stages.map((s: { id: string }) => s.id);
    const reordered = await admin.post(`/api/v1/pipelines/${p.id}/stages/reorder`, { stageIds: [...ids].reverse() });
    expect(reordered.body.data.stages.map((s: { id: string }) => s.id)).toEqual([...ids].reverse());
    expect((await admin.post(`/api/v1/pipelines/${p.id}/stages/reorder`, { stageIds: ids.slice(1) })).status).toBe(400);

    const deal = (await member.post('/api/v1/deals', { name: 'Pilot deal', pipelineId: p.id, stageId: pilot.id })).body.data;
    const refused = await admin.delete(`/api/v1/pipelines/${p.id}/stages/${pilot.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0].path).toBe('moveTo');
    const target = reordered.body.data.stages.find((s: { name: string }) => s.name === 'Proposal');
    const removed = await admin.delete(`/api/v1/pipelines/${p.id}/stages/${pilot.id}?moveTo=${target.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.data.stages.map((s: { name: string }) => s.name)).not.toContain('Paid pilot');
    expect((await member.get(`/api/v1/deals/${deal.id}`)).body.data.stageId).toBe(target.id);
    expect((await admin.delete(`/api/v1/pipelines/${p.id}`)).status).toBe(409);
  });
});

describe('deals', () => {
  test('create: default pipeline, first open stage, stage probability, exact amounts', async () => {
    const res = await org.member.post('/api/v1/deals', { name: 'Big one', amount: '12345.67', currency: 'eur' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      pipelineId: pipeline.id, stageId: stage('Qualification').id, amount: '12345.67', currency: 'EUR',
      probability: null, effectiveProbability: 10, weightedAmount: '1234.57', stage: { name: 'Qualification' }, closedAt: null,
    });
    const over = await org.member.patch(`/api/v1/deals/${res.body.data.id}`, { probability: 33 });
    expect(over.body.data).toMatchObject({ probability: 33, weightedAmount: '4074.07' });
    expect((await org.member.post('/api/v1/deals', { name: 'x', amount: 0.1 + 0.2 })).status).toBe(400);
    expect((await org.member.post('/api/v1/deals', { name: 'x', stageId: crypto.randomUUID() })).body.error.details[0].path).toBe('stageId');
  });

  test('moving records a stage_change with time in the old stage; lost needs a reason; won/lost set closedAt; reopening clears it', async () => {
    const { member } = org;
    const d = (await member.post('/api/v1/deals', { name: 'Mover', amount: '1000' })).body.data;
    const moved = await member.post(`/api/v1/deals/${d.id}/move`, { stageId: stage('Proposal').id });
    expect(moved.body.data).toMatchObject({ stageId: stage('Proposal').id, closedAt: null, effectiveProbability: 50 });
    const [change] = (await member.get(`/api/v1/deals/${d.id}/activities`)).body.data;
    expect(change).toMatchObject({ action: 'stage_change', before: { stageName: 'Qualification' }, after: { stageName: 'Proposal', daysInPreviousStage: 0 } });
    expect(change.after.secondsInPreviousStage).toEqual(expect.any(Number));

    const noReason = await member.post(`/api/v1/deals/${d.id}/move`, { stageId: stage('Lost').id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ path: 'reason' });
    expect((await member.get(`/api/v1/deals/${d.id}`)).body.data.stageId).toBe(stage('Proposal').id);

    const lost = await member.post(`/api/v1/deals/${d.id}/move`, { stageId: stage('Lost').id, reason: 'Price' });
    expect(lost.body.data).toMatchObject({ lostReason: 'Price', closedAt: expect.any(String) });
    const reopened = await member.patch(`/api/v1/deals/${d.id}`, { stageId: stage('Negotiation').id });
    expect(reopened.body.data).toMatchObject({ stageId: stage('Negotiation').id, closedAt: null, lostReason: null });
    const won = await member.patch(`/api/v1/deals/${d.id}`, { stageId: stage('Won').id });
    expect(won.body.data.closedAt).toEqual(expect.any(String));
  });

  test('positions in a column stay distinct and ordered under concurrent moves', async () => {
    const { member } = org;
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => member.post('/api/v1/deals', { name: `Card ${i}` })));
    const ids = made.map((r) => r.body.data.id);
    const target = stage('Needs analysis').id;
    await Promise.all(ids.map((id) => member.post(`/api/v1/deals/${id}/move`, { stageId: target, position: 0 })));
    const column = (await member.get(`/api/v1/deals?sort=position&limit=50&filter=${encodeURIComponent(JSON.stringify({ stageId: target }))}`)).body.data;
    const positions = column.map((d: { position: number }) => d.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(column.map((d: { id: string }) => d.id).sort()).toEqual(expect.arrayContaining(ids.sort()));
    // Move the last card to index 1: exactly there, everything else keeps its order.
    const before = column.map((d: { id: string }) => d.id);
    const last = before[before.length - 1];
    await member.post(`/api/v1/deals/${last}/move`, { stageId: target, position: 1 });
    const after = (await member.get(`/api/v1/deals?sort=position&limit=50&filter=${encodeURIComponent(JSON.stringify({ stageId: target }))}`)).body.data.map((d: { id: string }) => d.id);
    expect(after).toEqual([before[0], last, ...before.slice(1, -1)]);
  });
});

describe('leads', () => {
  test('convert links the company by email domain and the contact by email, creates deal and task, once', async () => {
    const { member } = org;
    const acme = (await member.post('/api/v1/companies', { name: 'Acme Corporation', domain: 'acme-conv.test' })).body.data;
    const existing = (await member.post('/api/v1/contacts', { firstName: 'Wile', email: 'wile@acme-conv.test', companyId: acme.id })).body.data;
    const lead = (await member.post('/api/v1/leads', { firstName: 'Wile', lastName: 'Coyote', email: 'wile@acme-conv.test', companyName: 'Acme' })).body.data;
    const due = new Date(Date.now() + 86400_000).toISOString();
    const res = await member.post(`/api/v1/leads/${lead.id}/convert`, { amount: '5000', createTask: { title: 'Send proposal', dueAt: due } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body.data;
    expect(r.company).toEqual({ id: acme.id, name: 'Acme Corporation', created: false });
    expect(r.contact).toEqual({ id: existing.id, created: false });
    expect(r.deal).toMatchObject({ name: 'Acme Corporation deal', amount: '5000.00', companyId: acme.id, primaryContactId: existing.id, stageId: stage('Qualification').id });
    expect(r.task).toMatchObject({ title: 'Send proposal', relatedType: 'deal', relatedId: r.deal.id, type: 'follow_up' });
    expect(r.lead).toMatchObject({ status: 'converted', convertedDealId: r.deal.id, convertedContactId: existing.id, convertedCompanyId: acme.id });
    const again = await member.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(again.status).toBe(409);
  });

  test('convert makes its follow-up task by default; createTask sets title and due date, createTask: false skips it', async () => {
    const { member } = org;
    const tasksOn = async (dealId: string) => (await member.get(`/api/v1/tasks?limit=50&filter=${encodeURIComponent(JSON.stringify({ relatedId: dealId }))}`)).body.data;
    const plain = (await member.post('/api/v1/leads', { firstName: 'Ada', lastName: 'Default', email: 'ada@default-task.test' })).body.data;
    const before = Date.now();
    const byDefault = await member.post(`/api/v1/leads/${plain.id}/convert`, {});
    expect(byDefault.status, JSON.stringify(byDefault.body)).toBe(200);
    const task = byDefault.body.data.task;
    expect(task).toMatchObject({ title: 'Follow up with Ada Default', type: 'follow_up', relatedType: 'deal', relatedId: byDefault.body.data.deal.id, status: 'todo' });
    const dueIn = new Date(task.dueAt).getTime() - before;
    expect(dueIn).toBeGreaterThan(86_400_000);
    expect(dueIn).toBeLessThanOrEqual(3 * 86_400_000);
    expect((await tasksOn(byDefault.body.data.deal.id)).map((t: { id: string }) => t.id)).toEqual([task.id]);

    const due = '2031-03-04T09:00:00.000Z';
    const custom = (await member.post('/api/v1/leads', { firstName: 'Bea', email: 'bea@custom-task.test' })).body.data;
    const withOwn = await member.post(`/api/v1/leads/${custom.id}/convert`, { createTask: { title: 'Send the proposal', dueAt: due } });
    expect(withOwn.body.data.task).toMatchObject({ title: 'Send the proposal', dueAt: due });

    const skip = (await member.post('/api/v1/leads', { firstName: 'Cy', email: 'cy@no-task.test' })).body.data;
    const without = await member.post(`/api/v1/leads/${skip.id}/convert`, { createTask: false });
    expect(without.status).toBe(200);
    expect(without.body.data.task).toBeNull();
    expect(await tasksOn(without.body.data.deal.id)).toEqual([]);

    const bad = (await member.post('/api/v1/leads', { firstName: 'Di', email: 'di@bad-task.test' })).body.data;
    expect((await member.post(`/api/v1/leads/${bad.id}/convert`, { createTask: true })).status).toBe(400);
  });

  test('convert creates company (by name) and contact when nothing matches; a failure leaves nothing behind', async () => {
    const { member } = org;
    const lead = (await member.post('/api/v1/leads', { firstName: 'Grace', email: 'grace@gmail.com', companyName: 'Fresh Start Ltd' })).body.data;
    const { database } = await testApp();
    const count = async (table: string) => Number((await database.query(`select count(*)::int as n from ${table} where organization_id = $1`, [org.orgId])).rows[0].n);
    const before = { companies: await count('companies'), contacts: await count('contacts'), deals: await count('deals') };
    // A pipeline id from nowhere fails after the company and contact were made: all of it rolls back.
    const failed = await member.post(`/api/v1/leads/${lead.id}/convert`, { pipelineId: crypto.randomUUID() });
    expect(failed.status).toBe(400);
    expect({ companies: await count('companies'), contacts: await count('contacts'), deals: await count('deals') }).toEqual(before);
    expect((await member.get(`/api/v1/leads/${lead.id}`)).body.data.status).toBe('new');

    const ok = await member.post(`/api/v1/leads/${lead.id}/convert`, { dealName: 'Fresh deal' });
    expect(ok.body.data.company).toMatchObject({ name: 'Fresh Start Ltd', created: true });
    expect(ok.body.data.contact.created).toBe(true);
    expect((await member.get(`/api/v1/companies/${ok.body.data.company.id}`)).body.data.domain).toBeNull(); // gmail.com is not the company's domain
  });
});

describe('reports', () => {
  test('pipeline, forecast, win-loss and deal aging on a fresh org', async () => {
    const o = await orgWithRoles();
    const p = (await o.member.get('/api/v1/pipelines')).body.data[0];
    const s = (n: string) => p.stages.find((x: { name: string }) => x.name === n).id;
    const mk = (body: Record<string, unknown>) => o.member.post('/api/v1/deals', body);
    await mk({ name: 'A', amount: '1000.00', stageId: s('Proposal'), expectedCloseDate: '2026-12-15' });
    await mk({ name: 'B', amount: '2000.50', stageId: s('Proposal'), expectedCloseDate: '2026-12-20' });
    await mk({ name: 'C', amount: '400.00', stageId: s('Negotiation'), expectedCloseDate: '2027-01-10', probability: 90 });
    const w = (await mk({ name: 'W', amount: '3000.00' })).body.data;
    await o.member.post(`/api/v1/deals/${w.id}/move`, { stageId: s('Won') });
    for (const [n, reason] of [['L1', 'Price'], ['L2', 'Price'], ['L3', 'Timing']]) {
      const d = (await mk({ name: n, amount: '100.00' })).body.data;
      await o.member.post(`/api/v1/deals/${d.id}/move`, { stageId: s('Lost'), reason });
    }

    const pipe = (await o.viewer.get('/api/v1/reports/pipeline')).body.data;
    const proposal = pipe.stages.find((x: { name: string }) => x.name === 'Proposal');
    expect(proposal).toMatchObject({ count: 2, amount: '3000.50', weightedAmount: '1500.25' });
    expect(pipe.totals).toEqual({ openCount: 3, currency: 'USD', openAmount: '3400.50', weightedAmount: '1860.25', byCurrency: [{ currency: 'USD', count: 3, amount: '3400.50', weightedAmount: '1860.25' }] });

    const forecast = (await o.viewer.get('/api/v1/reports/forecast')).body.data.months;
    expect(forecast).toMatchObject([
      { month: '2026-12', count: 2, currency: 'USD', bestCaseAmount: '3000.50', weightedAmount: '1500.25' },
      { month: '2027-01', count: 1, currency: 'USD', bestCaseAmount: '400.00', weightedAmount: '360.00' },
    ]);
    expect((await o.viewer.get('/api/v1/reports/forecast?from=2027-01-01')).body.data.months).toHaveLength(1);

    const wl = (await o.viewer.get('/api/v1/reports/win-loss')).body.data;
    expect(wl).toMatchObject({ won: { count: 1, amount: '3000.00' }, lost: { count: 3, amount: '300.00' }, winRate: 0.25 });
    expect(wl.lostReasons).toEqual([{ reason: 'Price', count: 2 }, { reason: 'Timing', count: 1 }]);
    expect(wl.averageSalesCycleDays).toBe(0);

    const aging = (await o.viewer.get('/api/v1/reports/deal-aging')).body.data;
    expect(aging.deals).toHaveLength(3);
    expect(aging.staleCount).toBe(0);
    const { database } = await testApp();
    await database.query(`update deals set stage_entered_at = now() - interval '40 days' where organization_id = $1 and name = 'C'`, [o.orgId]);
    const later = (await o.viewer.get('/api/v1/reports/deal-aging')).body.data;
    expect(later.deals[0]).toMatchObject({ name: 'C', daysInStage: 40, staleAfterDays: 14, stale: true });
    expect((await o.viewer.get(`/api/v1/reports/pipeline?ownerId=${o.admin.userId}`)).body.data.totals.openCount).toBe(0);
    expect((await o.viewer.get('/api/v1/reports/pipeline?from=not-a-date')).status).toBe(400);
  });

  test('money is never added across currencies: EUR 12,000.50 and USD 1,000 are two totals, not "13000.50"', async () => {
    const o = await orgWithRoles();
    const p = (await o.member.get('/api/v1/pipelines')).body.data[0];
    const stage = (n: string) => p.stages.find((x: { name: string }) => x.name === n).id;
    await o.member.post('/api/v1/deals', { name: 'Euro deal', amount: '12000.50', currency: 'EUR', stageId: stage('Proposal'), expectedCloseDate: '2026-12-15' });
    await o.member.post('/api/v1/deals', { name: 'Dollar deal', amount: '1000.00', currency: 'USD', stageId: stage('Proposal'), expectedCloseDate: '2026-12-20' });
    await o.member.post('/api/v1/deals', { name: 'Euro small', amount: '99.50', currency: 'EUR', stageId: stage('Negotiation'), expectedCloseDate: '2027-01-05' });

    const pipe = (await o.viewer.get('/api/v1/reports/pipeline')).body.data;
    expect(JSON.stringify(pipe)).not.toContain('13000.50');
    expect(pipe.totals).toMatchObject({ openCount: 3, currency: null, openAmount: null, weightedAmount: null });
    expect(pipe.totals.byCurrency).toEqual([
      { currency: 'EUR', count: 2, amount: '12100.00', weightedAmount: '6074.88' },
      { currency: 'USD', count: 1, amount: '1000.00', weightedAmount: '500.00' },
    ]);
    const proposal = pipe.stages.find((x: { name: string }) => x.name === 'Proposal');
    expect(proposal).toMatchObject({ count: 2, currency: null, amount: null, weightedAmount: null });
    expect(proposal.amounts.map((a: { currency: string; amount: string }) => `${a.currency} ${a.amount}`)).toEqual(['EUR 12000.50', 'USD 1000.00']);
    // A stage holding one currency keeps its plain figures, and says which currency they are in.
    expect(pipe.stages.find((x: { name: string }) => x.name === 'Negotiation')).toMatchObject({ currency: 'EUR', amount: '99.50' });

    const december = (await o.viewer.get('/api/v1/reports/forecast')).body.data.months[0];
    expect(december).toMatchObject({ month: '2026-12', count: 2, currency: null, bestCaseAmount: null });
    expect(december.amounts.map((a: { currency: string; bestCaseAmount: string }) => `${a.currency} ${a.bestCaseAmount}`)).toEqual(['EUR 12000.50', 'USD 1000.00']);

    for (const id of (await o.member.get('/api/v1/deals?limit=10')).body.data.map((d: { id: string }) => d.id)) {
      await o.member.post(`/api/v1/deals/${id}/move`, { stageId: stage('Won') });
    }
    const wl = (await o.viewer.get('/api/v1/reports/win-loss')).body.data;
    expect(wl.won).toMatchObject({ count: 3, currency: null, amount: null });
    expect(wl.won.amounts).toEqual([{ currency: 'EUR', count: 2, amount: '12100.00' }, { currency: 'USD', count: 1, amount: '1000.00' }]);
  });
});
