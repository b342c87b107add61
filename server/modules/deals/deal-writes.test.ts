// Issue 8 item 9 reproductions: deal writes that used to bypass the deal rules or the outbox.
// Each goes over HTTP and reads activities/outbox_events from the database.
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  app = await testApp();
  org = await orgWithRoles(app);
});

async function events(entityId: string) {
  const r = await app.database.query(`select type from outbox_events where organization_id = $1 and entity_id = $2 order by id`, [org.orgId, entityId]);
  return r.rows.map((x) => x.type as string);
}

async function waitDone(id: string) {
  for (let i = 0; i < 400; i++) {
    const r = (await org.member.get(`/api/v1/imports/${id}`)).body.data;
    if (r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('import did not finish');
}

describe('deal CSV import', () => {
  test('preview and run create deals in the default pipeline with the stage rules, activities and events', async () => {
    const csv = 'Deal Name,Amount,Currency,Stage,Close Date,Company\nAcme renewal,"12,000.50",EUR,Proposal,2027-01-31,Acme Import Co\nGlobex pilot,900,USD,Won,2026-12-01,Globex Import\n';
    const up = await org.member.post('/api/v1/imports', { resource: 'deals', filename: 'deals.csv', content: csv });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { id, mapping } = up.body.data;
    expect(mapping).toMatchObject({ 'Deal Name': 'name', Amount: 'amount', Stage: 'stage', 'Close Date': 'expectedCloseDate', Company: 'company' });
    const preview = (await org.member.post(`/api/v1/imports/${id}/preview`, { mapping })).body.data;
    expect(preview).toMatchObject({ totalRows: 2, create: 2, reject: 0 });

    expect((await org.member.post(`/api/v1/imports/${id}/run`, { mapping })).status).toBe(202);
    const done = await waitDone(id);
    expect(done, JSON.stringify(done)).toMatchObject({ status: 'completed', created: 2, rejected: 0 });

    const pipeline = (await org.member.get('/api/v1/pipelines')).body.data[0];
    const stage = (name: string) => pipeline.stages.find((s: { name: string }) => s.name === name).id;
    const all = (await org.member.get('/api/v1/deals?limit=200')).body.data;
    const deals = all.filter((d: { name: string }) => ['Acme renewal', 'Globex pilot'].includes(d.name));
    expect(deals).toHaveLength(2);
    const byName = Object.fromEntries(deals.map((d: { name: string }) => [d.name, d]));
    expect(byName['Acme renewal']).toMatchObject({ pipelineId: pipeline.id, stageId: stage('Proposal'), amount: '12000.50', currency: 'EUR', expectedCloseDate: '2027-01-31', closedAt: null, company: { name: 'Acme Import Co' } });
    expect(byName['Globex pilot']).toMatchObject({ pipelineId: pipeline.id, stageId: stage('Won'), closedAt: expect.any(String) });
    for (const d of deals) expect(await events(d.id)).toEqual(['deal.created']);
  });

  test('two imported deals in one column get distinct positions', async () => {
    const o = await orgWithRoles(app);
    const up = await o.member.post('/api/v1/imports', { resource: 'deals', filename: 'd.csv', content: 'Name,Stage\nOne,Proposal\nTwo,Proposal\nThree,Proposal\n' });
    const { id, mapping } = up.body.data;
    await o.member.post(`/api/v1/imports/${id}/run`, { mapping });
    for (let i = 0; i < 400 && (await o.member.get(`/api/v1/imports/${id}`)).body.data.status === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    const deals = (await o.member.get('/api/v1/deals?sort=position')).body.data;
    expect(deals.map((d: { name: string }) => d.name)).toEqual(['One', 'Two', 'Three']);
    expect(new Set(deals.map((d: { position: number }) => d.position)).size).toBe(3);
  });
});

describe('removing a stage that holds deals', () => {
  test('moveTo a won or lost stage moves each deal through the deal write path', async () => {
    const { admin, member } = org;
    const p = (await admin.post('/api/v1/pipelines', { name: 'Removal', stages: [{ name: 'Doomed', probability: 20 }, { name: 'Open', probability: 50 }, { name: 'Also open', probability: 60 }, { name: 'Won', probability: 100, kind: 'won' }, { name: 'Lost', probability: 0, kind: 'lost' }] })).body.data;
    const [doomed, open, , won, lost] = p.stages;
    const deals = [];
    for (const n of ['A', 'B']) deals.push((await member.post('/api/v1/deals', { name: `Removal ${n}`, pipelineId: p.id, stageId: doomed.id })).body.data);
    const already = (await member.post('/api/v1/deals', { name: 'Removal won before', pipelineId: p.id, stageId: won.id })).body.data;

    const res = await admin.delete(`/api/v1/pipelines/${p.id}/stages/${doomed.id}?moveTo=${won.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const column = (await member.get(`/api/v1/deals?sort=position&filter=${encodeURIComponent(JSON.stringify({ stageId: won.id }))}`)).body.data;
    expect(column.map((d: { id: string }) => d.id)).toEqual([already.id, ...deals.map((d) => d.id)]);
    expect(new Set(column.map((d: { position: number }) => d.position)).size).toBe(3);
    for (const d of deals) {
      const now = (await member.get(`/api/v1/deals/${d.id}`)).body.data;
      expect(now).toMatchObject({ stageId: won.id, closedAt: expect.any(String) });
      const [change] = (await member.get(`/api/v1/deals/${d.id}/activities`)).body.data;
      expect(change).toMatchObject({ action: 'stage_change', before: { stageName: 'Doomed' }, after: { stageName: 'Won', closedAt: now.closedAt } });
      expect(await events(d.id)).toEqual(['deal.created', 'deal.stage_change']);
    }

    // Into a lost stage the removal is the reason.
    const d = (await member.post('/api/v1/deals', { name: 'Removal C', pipelineId: p.id, stageId: open.id })).body.data;
    expect((await admin.delete(`/api/v1/pipelines/${p.id}/stages/${open.id}?moveTo=${lost.id}`)).status).toBe(200);
    expect((await member.get(`/api/v1/deals/${d.id}`)).body.data).toMatchObject({ stageId: lost.id, lostReason: 'Stage "Open" was removed', closedAt: expect.any(String) });
  });

  test('a stage holding only deleted deals is removed; they follow to another stage and can be restored', async () => {
    const { admin, member } = org;
    const p = (await admin.post('/api/v1/pipelines', { name: 'Parked', stages: [{ name: 'Gone', probability: 10 }, { name: 'Stays', probability: 30 }] })).body.data;
    const d = (await member.post('/api/v1/deals', { name: 'Parked deal', pipelineId: p.id, stageId: p.stages[0].id })).body.data;
    expect((await member.delete(`/api/v1/deals/${d.id}`)).status).toBe(204);
    const res = await admin.delete(`/api/v1/pipelines/${p.id}/stages/${p.stages[0].id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const restored = await member.post(`/api/v1/deals/${d.id}/restore`);
    expect(restored.body.data.stageId).toBe(p.stages[1].id);
    expect(await events(d.id)).toEqual(['deal.created', 'deal.deleted', 'deal.updated', 'deal.restored']);
  });
});
