import { describe, expect, test } from 'vitest';
import { enumLabel, formatMoney, formatNumber, markdownToPlain, plural, snippetParts } from './format';

describe('format', () => {
  test('money in the currency with grouping, exact (no float)', () => {
    expect(formatMoney('12000000.00', 'USD')).toBe('$12,000,000.00');
    expect(formatMoney('12000000.00', 'EUR')).toBe('€12,000,000.00');
    expect(formatMoney('9007199254740993.01', 'USD')).toBe('$9,007,199,254,740,993.01');
    expect(formatMoney(null, 'USD')).toBe('—');
  });

  test('enum labels, plurals and numbers', () => {
    expect(enumLabel('in_progress')).toBe('In progress');
    expect(enumLabel('follow_up')).toBe('Follow up');
    expect(enumLabel('closed-won')).toBe('Closed won');
    expect(plural(1, 'company', 'companies')).toBe('1 company');
    expect(plural(0, 'company', 'companies')).toBe('0 companies');
    expect(plural(2, 'company', 'companies')).toBe('2 companies');
    expect(formatNumber(1234567)).toMatch(/^1.234.567$/);
  });

  test('snippets: matched words marked, markdown reduced to words, enum values as words', () => {
    expect(snippetParts('**Discovery call** went well, status in_progress', { enums: true })).toEqual([
      { text: 'Discovery call', mark: true },
      { text: ' went well, status in progress', mark: false },
    ]);
    expect(snippetParts('## Plan\n- see [the deck](https://x.test) and `v2` _soon_').map((p) => p.text).join('')).toBe('Plan see the deck and v2 soon');
    expect(snippetParts('rename user_id').map((p) => p.text).join('')).toBe('rename user_id');
    // A bold cut off by the snippet's length is not left half-marked as raw "**".
    expect(snippetParts('the **rollout').map((p) => p.text).join('')).toBe('the rollout');
    expect(markdownToPlain('**Discovery call** with *Ada*')).toBe('Discovery call with Ada');
  });
});
