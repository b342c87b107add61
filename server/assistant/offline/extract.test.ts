import { describe, expect, test } from 'vitest';
import { findDates, findMoney, findPeriod, findPhones, parsePerson, type Facts } from './extract';

const facts: Facts = { userId: 'u', timezone: 'UTC', currency: 'USD', now: new Date('2026-12-01T10:00:00Z') };

describe('people described in free text', () => {
  test.each([
    ['Sarah Connor, Head of IT at Cyberdyne', { name: 'Sarah Connor', title: 'Head of IT', company: 'Cyberdyne' }],
    ['Jane Doe from Acme', { name: 'Jane Doe', company: 'Acme' }],
    ["Kevin Malone, he's an accountant at Initech", { name: 'Kevin Malone', title: 'accountant', company: 'Initech' }],
    ['Priya Patel, priya@stark.com, Stark Industries', { name: 'Priya Patel', email: 'priya@stark.com', company: 'Stark Industries' }],
    ['Stanley Hudson to Stark Industries as sales rep', { name: 'Stanley Hudson', title: 'sales rep', company: 'Stark Industries' }],
    ['Holly Flax, HR manager', { name: 'Holly Flax', title: 'HR manager' }],
    ['Ada Lovelace, CTO at Globex, ada@globex.com', { name: 'Ada Lovelace', title: 'CTO', email: 'ada@globex.com', company: 'Globex' }],
    ["Liam O'Brien, phone 415-555-0199", { name: "Liam O'Brien", phone: '+1 415 555 0199' }],
    ['Alice Wong, VP of Engineering', { name: 'Alice Wong', title: 'VP of Engineering' }],
  ])('%s', (text, want) => {
    expect(parsePerson(text, facts)).toMatchObject(want);
  });
});

describe('dates, periods, phones, money', () => {
  test('dates in the user time zone, due by 17:00 local when no time is given', () => {
    expect(findDates('call Tom tomorrow', facts)[0]).toMatchObject({ day: '2026-12-02', at: '2026-12-02T17:00:00.000Z' });
    const berlin = { ...facts, timezone: 'Europe/Berlin', now: new Date('2026-12-01T23:30:00Z') }; // already Dec 2 in Berlin
    expect(findDates('call Tom tomorrow', berlin)[0]).toMatchObject({ day: '2026-12-03', at: '2026-12-03T16:00:00.000Z' });
    expect(findPeriod('which deals close this month', berlin)).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
    expect(findPeriod('deals closing next month', facts)).toMatchObject({ from: '2027-01-01', to: '2027-01-31' });
  });
  test('phones and amounts in sentences', () => {
    expect(findPhones('and her phone is +1 555 0100')[0].value).toBe('+1 555 0100');
    expect(findPhones('call +49 30 901820')[0].value).toBe('+49 30 901820');
    expect(findMoney('create a deal for Initech worth 20k').map((a) => a.amount)).toEqual(['20000.00']);
    expect(findMoney('a deal due 2027 with 12 seats')).toEqual([]);
  });
});
