import { describe, expect, test } from 'vitest';
import { parse, parseTask } from './grammar';

const v = { types: ['contact', 'company'], plural: { contacts: 'contact', companies: 'company' } };

describe('offline grammar', () => {
  test.each([
    ['add contact Ada Lovelace, CTO at Acme, ada@acme.com', { kind: 'create', entity: 'contact', fields: { firstName: 'Ada', lastName: 'Lovelace', title: 'CTO', email: 'ada@acme.com' }, companyName: 'Acme' }],
    ['add Ada Lovelace, CTO at Acme, ada@acme.com', { kind: 'create', entity: 'contact', fields: { firstName: 'Ada', lastName: 'Lovelace', title: 'CTO', email: 'ada@acme.com' }, companyName: 'Acme' }],
    ['Create a new contact Grace Brewster Hopper, +1 555 0100', { kind: 'create', entity: 'contact', fields: { firstName: 'Grace Brewster', lastName: 'Hopper', phone: '+1 555 0100' } }],
    ['new contact bob@example.com', { kind: 'create', entity: 'contact', fields: { email: 'bob@example.com' } }],
    ['new company Initech in software', { kind: 'create', entity: 'company', fields: { name: 'Initech', industry: 'software' } }],
    ['add company Globex, globex.com, customer', { kind: 'create', entity: 'company', fields: { name: 'Globex', domain: 'globex.com', status: 'customer' } }],
    ['show contacts at Acme', { kind: 'list', entity: 'contact', filter: {}, companyName: 'Acme' }],
    ['list customer companies', { kind: 'list', entity: 'company', filter: { status: 'customer' } }],
    ['show me all companies in the software industry', { kind: 'list', entity: 'company', filter: { industry: { contains: 'software' } } }],
    ['find contacts named Ada', { kind: 'list', entity: 'contact', q: 'Ada', filter: {} }],
    ['What do we know about Acme?', { kind: 'about', query: 'Acme' }],
    ['who is Ada Lovelace', { kind: 'about', query: 'Ada Lovelace' }],
    ["set Ada Lovelace's title to CEO", { kind: 'update', target: 'Ada Lovelace', field: 'title', value: 'CEO' }],
    ["change company Acme's industry to fintech", { kind: 'update', entity: 'company', target: 'Acme', field: 'industry', value: 'fintech' }],
    ["update Ada's status to Customer", { kind: 'update', target: 'Ada', field: 'status', value: 'customer' }],
    ['delete contact Ada Lovelace', { kind: 'delete', entity: 'contact', target: 'Ada Lovelace' }],
    ['remove Initech', { kind: 'delete', target: 'Initech' }],
    ['help', { kind: 'help' }],
    ['What can you do?', { kind: 'help' }],
  ])('%s', (text, intent) => {
    expect(parse(text, v)).toMatchObject(intent);
  });

  test('anything else is "unknown" (the model then says so and shows help)', () => {
    expect(parse('sing me a song', v)).toEqual({ kind: 'unknown', text: 'sing me a song' });
    expect(parse("set Ada's favourite colour to blue", v).kind).toBe('unknown');
  });
});

describe('offline grammar: notes and tasks', () => {
  const w = { types: ['contact', 'company', 'task', 'note'], plural: { contacts: 'contact', companies: 'company', tasks: 'task', notes: 'note' } };
  test.each([
    ['note on Ada: met at the conference', { kind: 'note', target: 'Ada', body: 'met at the conference' }],
    ['add a note to Acme: renewal in March', { kind: 'note', target: 'Acme', body: 'renewal in March' }],
    ['show my tasks due this week', { kind: 'tasks', mine: true, view: 'week' }],
    ['show overdue tasks', { kind: 'tasks', mine: false, view: 'overdue' }],
    ["what's overdue?", { kind: 'tasks', mine: true, view: 'overdue' }],
    ['list my tasks', { kind: 'tasks', mine: true, view: 'open' }],
    ['complete task Call Ada', { kind: 'complete', target: 'Call Ada' }],
    ['mark Call Ada as done', { kind: 'complete', target: 'Call Ada' }],
    ['add task Call Ada', { kind: 'create', entity: 'task', fields: { title: 'Call Ada' } }],
  ])('%s', (text, intent) => {
    expect(parse(text, w)).toMatchObject(intent);
  });

  test('task due dates', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    expect(parseTask('Call Ada tomorrow', now)).toEqual({ title: 'Call Ada', dueAt: '2026-11-22T17:00:00.000Z' });
    expect(parseTask('Send deck by 2026-12-01', now)).toEqual({ title: 'Send deck', dueAt: '2026-12-01T17:00:00.000Z' });
    expect(parseTask('Plan offsite', now)).toEqual({ title: 'Plan offsite' });
  });
});

describe('offline grammar: deals and leads', () => {
  const w = { types: ['contact', 'company', 'deal', 'lead', 'task', 'note'], plural: { contacts: 'contact', companies: 'company', deals: 'deal', leads: 'lead', tasks: 'task', notes: 'note' } };
  test.each([
    ['move the Acme deal to negotiation', { kind: 'move', target: 'Acme', stage: 'negotiation' }],
    ['move Acme expansion to Lost, because price', { kind: 'move', target: 'Acme expansion', stage: 'Lost', reason: 'price' }],
    ['convert lead Grace Hopper', { kind: 'convert', target: 'Grace Hopper' }],
    ['pipeline summary', { kind: 'pipeline' }],
    ["how's our pipeline?", { kind: 'pipeline' }],
    ['new deal Acme expansion, 12,000', { kind: 'create', entity: 'deal', fields: { name: 'Acme expansion', amount: '12000.00' } }],
    ['new deal Globex renewal for $5k', { kind: 'create', entity: 'deal', fields: { name: 'Globex renewal', amount: '5000.00' } }],
    ['add lead Grace Hopper, CTO at Navy, grace@navy.test', { kind: 'create', entity: 'lead', fields: { firstName: 'Grace', lastName: 'Hopper', title: 'CTO', email: 'grace@navy.test', companyName: 'Navy' } }],
    ["set the Acme deal's amount to $7,500", { kind: 'update', target: 'Acme deal', field: 'amount', value: '7500' }],
    ['show deals', { kind: 'list', entity: 'deal', filter: {} }],
  ])('%s', (text, intent) => {
    expect(parse(text, w)).toMatchObject(intent);
  });
});
