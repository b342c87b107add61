// The seed fields contacts and companies carry beyond the basics (Issue 15.8): mobile, social
// profiles, communication preferences, lead source; billing and shipping addresses. Each is read
// the way people type it, refused clearly when it cannot be, filterable, and survives a CSV
// export → import round trip.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../../test/factories';

let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  org = await orgWithRoles();
});

async function waitDone(o: typeof org, id: string) {
  for (let i = 0; i < 200; i++) {
    const r = (await o.member.get(`/api/v1/imports/${id}`)).body.data;
    if (r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('import did not finish');
}

const csvRows = (body: Buffer) => parse(body.toString('utf8').replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];

describe('contact fields', () => {
  test('handles, bare domains and phones are stored in one canonical form', async () => {
    const r = await org.member.post('/api/v1/contacts', {
      firstName: 'Grace', lastName: 'Hopper', mobile: '+1 (415) 555-2671', twitterUrl: '@gracehopper',
      githubUrl: 'github.com/ghopper/', websiteUrl: 'grace.dev', preferredChannel: 'sms', source: 'webinar',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.data).toMatchObject({
      mobile: '+14155552671', twitterUrl: 'https://x.com/gracehopper', githubUrl: 'https://github.com/ghopper',
      websiteUrl: 'https://grace.dev', preferredChannel: 'sms', source: 'webinar', emailOptOut: false, doNotCall: false,
    });
    const up = await org.member.patch(`/api/v1/contacts/${r.body.data.id}`, { twitterUrl: 'https://twitter.com/amazing_grace', emailOptOut: true, doNotCall: true }, { 'if-match': `"${r.body.data.version}"` });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.data).toMatchObject({ twitterUrl: 'https://x.com/amazing_grace', emailOptOut: true, doNotCall: true });
  });

  test('a profile on another site, an unknown channel or a non-boolean opt-out is a 400 naming the field, and nothing is saved', async () => {
    const before = (await org.member.get('/api/v1/contacts')).body.total;
    for (const [field, value] of [['twitterUrl', 'https://evil.example/ada'], ['githubUrl', 'ada lovelace'], ['preferredChannel', 'pigeon'], ['emailOptOut', 'yes'], ['websiteUrl', 'javascript:alert(1)']] as const) {
      const r = await org.member.post('/api/v1/contacts', { firstName: 'Bad', [field]: value });
      expect(r.status, `${field}=${value}`).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect((await org.member.get('/api/v1/contacts')).body.total).toBe(before);
  });

  test('lists filter on opt-out, do-not-call and preferred channel', async () => {
    const o = await orgWithRoles();
    await o.member.post('/api/v1/contacts', { firstName: 'Opted', emailOptOut: true, preferredChannel: 'phone' });
    await o.member.post('/api/v1/contacts', { firstName: 'Reachable', preferredChannel: 'email' });
    const optedOut = await o.member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify({ emailOptOut: false }))}`);
    expect(optedOut.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['Reachable']);
    const byPhone = await o.member.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify({ preferredChannel: 'phone' }))}`);
    expect(byPhone.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['Opted']);
  });

  test('a CSV with mobile, social and preference columns maps and imports them', async () => {
    const o = await orgWithRoles();
    const content = [
      'First Name,Last Name,Email,Mobile Phone Number,Twitter Username,GitHub,Unsubscribed from all email,Do Not Call,Preferred contact method,Lead Source',
      'Ada,Lovelace,ada@example.com,+44 20 7946 0958,@ada,ada,Yes,No,Phone call,Webinar',
      'Alan,Turing,alan@example.com,,,,No,Yes,E-mail,Referral',
      'Bad,Channel,bad@example.com,,,,maybe,No,Pigeon,',
    ].join('\n');
    const up = await o.member.post('/api/v1/imports', { resource: 'contacts', filename: 'people.csv', content });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { id, mapping } = up.body.data;
    expect(mapping).toMatchObject({
      'Mobile Phone Number': 'mobile', 'Twitter Username': 'twitterUrl', GitHub: 'githubUrl', 'Unsubscribed from all email': 'emailOptOut',
      'Do Not Call': 'doNotCall', 'Preferred contact method': 'preferredChannel', 'Lead Source': 'source',
    });
    const preview = (await o.member.post(`/api/v1/imports/${id}/preview`, { mapping, duplicates: 'skip' })).body.data;
    expect(preview).toMatchObject({ create: 2, reject: 1 });
    expect(preview.problems[0].errors.map((e: { path: string }) => e.path).sort()).toEqual(['emailOptOut', 'preferredChannel']);
    expect((await o.member.post(`/api/v1/imports/${id}/run`, { mapping, duplicates: 'skip' })).status).toBe(202);
    expect((await waitDone(o, id)).status).toBe('completed');
    const people = (await o.member.get('/api/v1/contacts?sort=firstName')).body.data;
    expect(people).toMatchObject([
      { firstName: 'Ada', mobile: '+442079460958', twitterUrl: 'https://x.com/ada', githubUrl: 'https://github.com/ada', emailOptOut: true, doNotCall: false, preferredChannel: 'phone', source: 'Webinar' },
      { firstName: 'Alan', mobile: null, emailOptOut: false, doNotCall: true, preferredChannel: 'email' },
    ]);
  });
});

describe('company addresses', () => {
  test('billing and shipping addresses are stored in parts; an empty one is null; an unknown part is a 400', async () => {
    const r = await org.member.post('/api/v1/companies', {
      name: 'Analytical Engines Ltd',
      billingAddress: { street: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4LB', country: 'GB' },
      shippingAddress: { street: '', city: null },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.data.billingAddress).toEqual({ street: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4LB', country: 'GB' });
    expect(r.body.data.shippingAddress).toBeNull();
    const bad = await org.member.post('/api/v1/companies', { name: 'Nope', billingAddress: { town: 'Paris' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toMatch(/^billingAddress/);
    expect((await org.member.get(`/api/v1/companies?q=Nope`)).body.total).toBe(0);
  });

  test('export writes one column per address part, and import reads them back', async () => {
    const o = await orgWithRoles();
    await o.member.post('/api/v1/companies', { name: 'Babbage & Co', domain: 'babbage.example', billingAddress: { city: 'London', country: 'GB' }, shippingAddress: { street: '1 Dock Road', city: 'Liverpool', postalCode: 'L3 4AA' } });
    const csv = await o.viewer.download('/api/v1/companies/export?format=csv');
    const [row] = csvRows(csv.body);
    expect(row).toMatchObject({ 'billingAddress.city': 'London', 'billingAddress.country': 'GB', 'billingAddress.street': '', 'shippingAddress.street': '1 Dock Road', 'shippingAddress.postalCode': 'L3 4AA' });
    expect(Object.keys(row)).not.toContain('billingAddress');

    // Into a fresh organization: the exported headers map onto the same parts.
    const other = await orgWithRoles();
    const up = await other.member.post('/api/v1/imports', { resource: 'companies', filename: 'companies.csv', content: csv.body.toString('utf8') });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { id, mapping } = up.body.data;
    expect((await other.member.post(`/api/v1/imports/${id}/run`, { mapping, duplicates: 'skip' })).status).toBe(202);
    expect((await waitDone(other, id)).status).toBe('completed');
    const [company] = (await other.member.get('/api/v1/companies')).body.data;
    expect(company).toMatchObject({ name: 'Babbage & Co', billingAddress: { city: 'London', country: 'GB' }, shippingAddress: { street: '1 Dock Road', city: 'Liverpool', postalCode: 'L3 4AA' } });
  });

  test('HubSpot-style billing headers map onto the billing address', async () => {
    const o = await orgWithRoles();
    const up = await o.member.post('/api/v1/imports', { resource: 'companies', filename: 'c.csv', content: 'Company name,Billing Street,Billing City,Billing Zip,Billing Country,Shipping City\nAcme,1 Main St,Springfield,12345,US,Shelbyville\n' });
    expect(up.body.data.mapping).toMatchObject({ 'Billing Street': 'billingAddress.street', 'Billing City': 'billingAddress.city', 'Billing Zip': 'billingAddress.postalCode', 'Billing Country': 'billingAddress.country', 'Shipping City': 'shippingAddress.city' });
  });
});
