// CSV import with the fixtures shaped like other CRMs' exports (see fixtures/: copies of
// ../shared/fixtures/import with their traps listed in its README).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';
import { suggestMapping } from './columns';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  org = await orgWithRoles();
});

async function waitDone(id: string) {
  for (let i = 0; i < 200; i++) {
    const r = (await org.member.get(`/api/v1/imports/${id}`)).body.data;
    if (r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('import did not finish');
}

describe('header auto-mapping', () => {
  test.each([
    ['hubspot-contacts.csv', { 'First Name': 'firstName', 'Last Name': 'lastName', Email: 'email', 'Company Name': 'company', 'Job Title': 'title', 'Phone Number': 'phone', City: null }],
    ['salesforce-contacts.csv', { Title: 'title', 'Account Name': 'company', 'Mailing City': null }],
    ['pipedrive-people.csv', { 'Person - Name': 'name', 'Person - Email': 'email', 'Organization - Name': 'company', 'Person - Job title': 'title' }],
    ['excel-semicolon-contacts.csv', { Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email', Firma: 'company', Position: 'title', Telefon: 'phone' }],
  ])('%s', (file, expected) => {
    const headers = fixture(file).replace(/^\ufeff/, '').split(/\r?\n/)[0].split(file.includes('semicolon') ? ';' : ',');
    expect(suggestMapping('contacts', headers)).toMatchObject(expected);
  });
});

describe('contacts import', () => {
  test.each(['hubspot-contacts.csv', 'salesforce-contacts.csv', 'pipedrive-people.csv', 'excel-semicolon-contacts.csv'])('%s: preview, run, report', async (file) => {
    const o = await orgWithRoles();
    const up = await o.member.post('/api/v1/imports', { resource: 'contacts', filename: file, content: fixture(file) });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { id, mapping, totalRows } = up.body.data;
    expect(totalRows).toBe(20);

    const preview = (await o.member.post(`/api/v1/imports/${id}/preview`, { mapping, duplicates: 'skip' })).body.data;
    // Row 4: invalid email; row 16: neither name nor email. Row 8 repeats row 3's email.
    expect(preview).toMatchObject({ totalRows: 20, create: 17, skip: 1, reject: 2, update: 0 });
    expect(preview.problems.map((p: { row: number }) => p.row)).toEqual([5, 17]);
    expect(preview.problems[0].errors[0]).toMatchObject({ path: 'email' });
    expect((await o.member.get('/api/v1/contacts')).body.total).toBe(0); // a dry run writes nothing

    const run = await o.member.post(`/api/v1/imports/${id}/run`, { mapping, duplicates: 'skip' });
    expect(run.status).toBe(202);
    const done = await (async () => {
      for (let i = 0; i < 200; i++) {
        const r = (await o.member.get(`/api/v1/imports/${id}`)).body.data;
        if (r.status !== 'running') return r;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error('import did not finish');
    })();
    expect(done).toMatchObject({ status: 'completed', processed: 20, created: 17, skipped: 1, rejected: 2 });
    const ada = (await o.member.get('/api/v1/contacts?q=ada.0@analytical.example')).body.data[0];
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', title: 'CTO', company: { name: 'Analytical Engines Ltd' } });
    const names = (await o.member.get('/api/v1/contacts?limit=50')).body.data.map((c: { fullName: string }) => c.fullName);
    expect(names.join(' ')).toMatch(/Tomás Núñez/); // (José is row 4: rejected for his invalid email)
    expect(names.join(' ')).toMatch(/Zoë/);
    // Companies were created once each and linked.
    const cos = (await o.member.get('/api/v1/companies?limit=50')).body.data.map((c: { name: string }) => c.name);
    expect(new Set(cos).size).toBe(cos.length);
    expect(cos).toContain('Navy Systems, Inc.');

    const report = await o.member.download(`/api/v1/imports/${id}/rejected`);
    expect(report.headers.get('content-disposition')).toMatch(/attachment/);
    const text = report.body.toString('utf8');
    expect(text).toContain('not-an-email');
    expect(text).toMatch(/A contact needs a name or an email/);
    expect((await o.member.post(`/api/v1/imports/${id}/run`, { mapping, duplicates: 'skip' })).status).toBe(409);
  });

  test('duplicates in the database are skipped or updated by email', async () => {
    const { member } = org;
    await member.post('/api/v1/contacts', { firstName: 'Ada', email: 'ada.0@analytical.example' });
    const up = (await member.post('/api/v1/imports', { resource: 'contacts', content: fixture('hubspot-contacts.csv') })).body.data;
    const preview = (await member.post(`/api/v1/imports/${up.id}/preview`, { mapping: up.mapping, duplicates: 'update' })).body.data;
    expect(preview.update).toBe(1);
    await member.post(`/api/v1/imports/${up.id}/run`, { mapping: up.mapping, duplicates: 'update' });
    expect(await waitDone(up.id)).toMatchObject({ created: 16, updated: 1 });
    const ada = (await member.get('/api/v1/contacts?q=ada.0@analytical.example')).body.data;
    expect(ada).toHaveLength(1);
    expect(ada[0]).toMatchObject({ lastName: 'Lovelace', title: 'CTO' });
  });

  test('viewers cannot import; a bad file is a clear 400', async () => {
    expect((await org.viewer.post('/api/v1/imports', { resource: 'contacts', content: 'a\n1' })).status).toBe(403);
    const empty = await org.member.post('/api/v1/imports', { resource: 'contacts', content: '\n\n' });
    expect(empty.status).toBe(400);
    expect((await org.member.post('/api/v1/imports', { resource: 'spaceships', content: 'a\n1' })).body.error.details[0].path).toBe('resource');
  });
});

describe('companies import', () => {
  test('messy numbers and a case-variant duplicate domain', async () => {
    const o = await orgWithRoles();
    const up = (await o.member.post('/api/v1/imports', { resource: 'companies', content: fixture('hubspot-companies.csv') })).body.data;
    expect(up.mapping).toMatchObject({ 'Company name': 'name', 'Company Domain Name': 'domain', 'Number of Employees': 'employeeCount', 'Annual Revenue': 'annualRevenue', City: 'address' });
    await o.member.post(`/api/v1/imports/${up.id}/run`, { mapping: up.mapping, duplicates: 'skip' });
    const done = await (async () => {
      for (let i = 0; i < 200; i++) {
        const r = (await o.member.get(`/api/v1/imports/${up.id}`)).body.data;
        if (r.status !== 'running') return r;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error('import did not finish');
    })();
    expect(done.status).toBe('completed');
    const list = (await o.member.get('/api/v1/companies?limit=50')).body.data;
    const navy = list.find((c: { name: string }) => c.name === 'Navy Systems, Inc.');
    expect(navy.annualRevenue).toBe('2500000000.00');
    expect(list.find((c: { name: string }) => c.name === 'Acme Corp').annualRevenue).toBe('9500000.00');
    expect(done.skipped).toBe(1); // the case-variant duplicate domain
    expect(done.rejected).toBeGreaterThanOrEqual(1); // "many" employees
    expect(done.rejectedSample.some((r: { errors: { message: string }[] }) => r.errors.some((e) => /"many" is not a number/.test(e.message)))).toBe(true);
  });
});

test('the import service is the one door: created rows carry activities and outbox events', async () => {
  const o = await orgWithRoles();
  const app = await testApp();
  const up = (await o.member.post('/api/v1/imports', { resource: 'contacts', content: 'First Name,Email\nAda,ada@x.test\nBob,bob@x.test\n' })).body.data;
  await o.member.post(`/api/v1/imports/${up.id}/run`, { mapping: up.mapping });
  for (let i = 0; i < 100 && (await o.member.get(`/api/v1/imports/${up.id}`)).body.data.status === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
  const counts = (await app.database.query(`select (select count(*) from activities where organization_id = $1 and entity_type = 'contact')::int as a, (select count(*) from outbox_events where organization_id = $1 and entity_type = 'contact')::int as e`, [o.orgId])).rows[0];
  expect(counts).toEqual({ a: 2, e: 2 });
});

test('an import whose process died picks up where it stopped, once, as the user who started it', async () => {
  const o = await orgWithRoles();
  const app = await testApp();
  const up = (await o.member.post('/api/v1/imports', { resource: 'contacts', content: 'First Name,Email\nAda,ada@resume.test\nBob,bob@resume.test\nCy,cy@resume.test\n' })).body.data;
  // As if the server died right after the user pressed Run: running, no progress, quiet for minutes.
  await app.database.query(`update imports set status = 'running', mapping = $2, updated_at = now() - interval '5 minutes' where id = $1`, [up.id, JSON.stringify(up.mapping)]);
  const fresh = (await o.member.post('/api/v1/imports', { resource: 'contacts', content: 'Email\nzed@resume.test\n' })).body.data;
  await app.database.query(`update imports set status = 'running', mapping = $2 where id = $1`, [fresh.id, JSON.stringify(fresh.mapping)]);

  const resumed = await app.imports.resumeStalled(app.database.db);
  expect(resumed).toContain(up.id);
  expect(resumed).not.toContain(fresh.id); // still making progress elsewhere: left alone
  expect(await app.imports.resumeStalled(app.database.db)).not.toContain(up.id); // claimed once
  let done;
  for (let i = 0; i < 100; i++) {
    done = (await o.member.get(`/api/v1/imports/${up.id}`)).body.data;
    if (done.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(done).toMatchObject({ status: 'completed', created: 3, processed: 3 });
  const [created] = (await o.member.get('/api/v1/contacts?q=resume.test')).body.data;
  const [activity] = (await o.member.get(`/api/v1/contacts/${created.id}/activities`)).body.data;
  expect(activity).toMatchObject({ action: 'created', actorId: o.member.userId });
});

describe('deals import', () => {
  test('amounts as people write them: "20k", "$7,500", "1.2m", "€3 000" (the parser the chat and forms use)', async () => {
    const content = 'Deal name,Amount,Currency\nOne,20k,USD\nTwo,"$7,500",USD\nThree,1.2m,USD\nFour,€3 000,EUR\nFive,lots,USD\n';
    const up = (await org.member.post('/api/v1/imports', { resource: 'deals', content })).body.data;
    await org.member.post(`/api/v1/imports/${up.id}/run`, { mapping: up.mapping, duplicates: 'skip' });
    const done = await waitDone(up.id);
    expect(done.status, JSON.stringify(done)).toBe('completed');
    const deals = (await org.member.get('/api/v1/deals?limit=50')).body.data as { name: string; amount: string; currency: string }[];
    const amount = (name: string) => deals.find((d) => d.name === name)?.amount;
    expect([amount('One'), amount('Two'), amount('Three'), amount('Four')]).toEqual(['20000.00', '7500.00', '1200000.00', '3000.00']);
    expect(deals.find((d) => d.name === 'Four')?.currency).toBe('EUR');
    expect(done.rejectedSample.some((r: { errors: { message: string }[] }) => r.errors.some((e) => /"lots" is not a number/.test(e.message)))).toBe(true);
  });
});
