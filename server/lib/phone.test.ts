import { afterAll, describe, expect, test } from 'vitest';
import { testApp } from '../../test/app';
import { orgWithRoles } from '../../test/factories';
import { loadEnv } from '../env';
import { normalizePhone, setPhoneDefaultCountry } from './phone';

describe('phone numbers', () => {
  // The default country is process-wide (set from env when an app starts): put it back for the
  // other files this worker runs.
  afterAll(() => setPhoneDefaultCountry(undefined));

  test('without PHONE_DEFAULT_COUNTRY only international numbers are normalized; the rest is kept as typed', () => {
    setPhoneDefaultCountry(undefined);
    expect(normalizePhone('+1 (415) 555-2671')).toBe('+14155552671');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+49 30 901820 ext. 12')).toBe('+4930901820 x12');
    expect(normalizePhone('(415) 555-2671')).toBe('(415) 555-2671');
    expect(normalizePhone('  555-0199 ')).toBe('555-0199');
    expect(normalizePhone(null)).toBeNull();
  });

  test('PHONE_DEFAULT_COUNTRY reads national numbers; a bad value stops start-up', async () => {
    const app = await testApp({ env: { PHONE_DEFAULT_COUNTRY: 'us' } });
    expect(normalizePhone('(415) 555-2671')).toBe('+14155552671');
    expect(normalizePhone('555-0199')).toBe('555-0199'); // a 7-digit local number: no area code, kept
    const { member } = await orgWithRoles(app);
    const made = await member.post('/api/v1/contacts', { firstName: 'Pat', phone: '415.555.2671' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data.phone).toBe('+14155552671');
    const patched = await member.patch(`/api/v1/contacts/${made.body.data.id}`, { phone: '+44 20 7946 0958' });
    expect(patched.body.data.phone).toBe('+442079460958');
    const kept = await member.patch(`/api/v1/contacts/${made.body.data.id}`, { phone: '12-34' });
    expect(kept.status).toBe(200);
    expect(kept.body.data.phone).toBe('12-34');
    const lead = await member.post('/api/v1/leads', { firstName: 'Lee', phone: '(212) 555-0182 x7' });
    expect(lead.body.data.phone).toBe('+12125550182 x7');
    // The stored form goes back through the contact form's rules unchanged.
    expect((await member.patch(`/api/v1/contacts/${made.body.data.id}`, { phone: lead.body.data.phone })).body.data.phone).toBe('+12125550182 x7');

    expect(() => loadEnv({ NODE_ENV: 'test', DATA_DIR: app.env.DATA_DIR, BETTER_AUTH_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz', PHONE_DEFAULT_COUNTRY: 'Narnia' })).toThrow(/PHONE_DEFAULT_COUNTRY/);
  });
});

describe('amounts as people write them', () => {
  test('the deal API reads "7,500", "20k", "1.2m" and "3.000,50"; a currency sign or garbage is a 400', async () => {
    const { member, admin } = await orgWithRoles();
    for (const [typed, stored] of [['7,500', '7500.00'], ['20k', '20000.00'], ['1.2m', '1200000.00'], ['3.000,50', '3000.50'], [12.5, '12.50']] as const) {
      const res = await member.post('/api/v1/deals', { name: `Deal ${typed}`, amount: typed });
      expect(res.status, `${typed}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.data.amount).toBe(stored);
    }
    const deal = (await member.post('/api/v1/deals', { name: 'Patched' })).body.data;
    expect((await member.patch(`/api/v1/deals/${deal.id}`, { amount: '2.5k' })).body.data.amount).toBe('2500.00');
    for (const bad of ['$7,500', 'lots', '1.234']) {
      const res = await member.post('/api/v1/deals', { name: 'Bad', amount: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details[0].path).toBe('amount');
    }
    const company = await member.post('/api/v1/companies', { name: 'Revenue Co', annualRevenue: '12m' });
    expect(company.body.data.annualRevenue).toBe('12000000.00');
    // Currency custom fields read the same way, exactly (no float on the way: 16 digits survive).
    expect((await admin.post('/api/v1/custom-fields', { entity: 'deal', label: 'Setup fee', type: 'currency' })).status).toBe(201);
    const fee = async (v: unknown) => (await member.post('/api/v1/deals', { name: 'Fee', customFields: { setup_fee: v } })).body;
    expect((await fee('7,500')).data.customFields.setup_fee).toBe('7500.00');
    expect((await fee('-0.5')).data.customFields.setup_fee).toBe('-0.50');
    expect((await fee('9007199254740993.01')).data.customFields.setup_fee).toBe('9007199254740993.01');
    expect((await fee('$5')).error.details[0].path).toBe('customFields.setup_fee');
  });
});
