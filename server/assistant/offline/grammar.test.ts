// The grammar as a registry: intents parse with a confidence, the most confident reading wins,
// a new intent (e.g. the calendar's) plugs in without touching the others, and answers to a
// question are recognised by label, number, "yes"/"cancel" or a name in them.
import { describe, expect, test } from 'vitest';
import { readings, registerIntent, type ParseEnv } from './grammar';
import { matchChoice } from './offline-model';

const env: ParseEnv = {
  v: { types: ['contact', 'company', 'deal', 'lead', 'project', 'task', 'note'], plural: { contacts: 'contact', companies: 'company', deals: 'deal', leads: 'lead', projects: 'project', tasks: 'task', notes: 'note' } },
  facts: { userId: 'u1', timezone: 'UTC', currency: 'USD', now: new Date('2026-12-01T10:00:00Z') },
  discourse: { recent: [] },
  resolved: {},
};
const top = (text: string) => readings(text, env)[0];

describe('the intent registry', () => {
  test.each([
    ['add Jane Doe from Acme as a contact', 'create'],
    ['create a deal for Initech worth 20k', 'create'],
    ['add a note to Globex: they want to renew early', 'note'],
    ['log a call with Jane — she wants a demo next week', 'log'],
    ['I emailed Bob the proposal', 'log'],
    ['we won the Globex renewal!', 'move'],
    ["what's Tom's phone number?", 'field'],
    ['how much is in my pipeline?', 'deals'],
    ['which deals close this month?', 'deals'],
    ['who works at Initech?', 'list'],
    ["what's overdue?", 'tasks'],
    ['please delete contact Peter Tran', 'delete'],
    ['help', 'help'],
    ['thanks!', 'smalltalk'],
  ])('%s → %s', (text, kind) => {
    expect(top(text)?.spec.kind).toBe(kind);
    expect(top(text)?.parsed.confidence).toBeGreaterThan(0.5);
  });

  test('nothing reads "sing me a song"', () => {
    expect(readings('sing me a song', env)).toEqual([]);
  });

  test('a new intent plugs in from outside (as the calendar will) and wins where it is more confident', () => {
    registerIntent<{ what: string }>({
      kind: 'test-schedule',
      parse: (u) => (/^schedule a meeting\b/i.test(u.text) ? { intent: { what: u.text }, confidence: 0.95, gist: 'schedule' } : null),
      plan: (i) => ({ text: `scheduled ${i.what}` }),
    });
    expect(top('schedule a meeting with Acme tomorrow')?.spec.kind).toBe('test-schedule');
    expect(() => registerIntent({ kind: 'test-schedule', parse: () => null, plan: () => ({ text: '' }) })).toThrow(/twice/);
  });
});

describe('answers to a question', () => {
  const ask = {
    question: 'Did you mean Jane Doe at Acme Corp, or create a new company "Acme"?',
    choices: [{ label: 'Jane Doe at Acme Corp', answer: { company: { id: 'c1' } } }, { label: 'Create a new company "Acme"', answer: { company: 'new' } }, { label: 'Cancel', answer: { cancel: true } }],
    request: 'add Jane Doe from Acme as a contact',
  };
  test.each([
    ['Jane Doe at Acme Corp', 0],
    ['the first one', 0],
    ['2', 1],
    ['cancel', 2],
    ['never mind', 2],
  ])('%s → choice %i', (text, i) => {
    expect(matchChoice(text, ask)).toBe(ask.choices[i]);
  });
  test('an unrelated message is a new request, not an answer', () => {
    expect(matchChoice('show my open deals', ask)).toBeUndefined();
    expect(matchChoice('yes', ask)).toBeUndefined(); // three choices: "yes" does not say which
  });
});
