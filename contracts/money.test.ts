import { describe, expect, test } from 'vitest';
import { AmountInputSchema, findAmounts, parseAmount } from './money';

describe('parseAmount', () => {
  test.each([
    ['20k', '20000.00', undefined],
    ['20K', '20000.00', undefined],
    ['$7,500', '7500.00', 'USD'],
    ['1.2m', '1200000.00', undefined],
    ['€3 000', '3000.00', 'EUR'],
    ['€3\u202f000', '3000.00', 'EUR'],
    ['3.000,50 €', '3000.50', 'EUR'],
    ['12,5', '12.50', undefined],
    ['1,234,567.891', '1234567.89', undefined],
    ['EUR 12,000', '12000.00', 'EUR'],
    ['15 thousand', '15000.00', undefined],
    ['2.5 million dollars', '2500000.00', 'USD'],
    ['£1.5k', '1500.00', 'GBP'],
    ['8.5k', '8500.00', undefined],
    ['12000', '12000.00', undefined],
    ['0.005', '0.01', undefined],
    ['-250', '-250.00', undefined],
    ["1'000'000 CHF", '1000000.00', 'CHF'],
    ['3bn', '3000000000.00', undefined],
  ])('%s → %s %s', (text, amount, currency) => {
    expect(parseAmount(text)).toEqual(currency ? { amount, currency } : { amount });
  });

  test.each(['', 'abc', 'twenty', '12 apples', '1.2.3x', '20k 30k', '1e999'])('%j is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  test('finds amounts inside sentences, with where they were', () => {
    expect(findAmounts('create a deal for Initech worth 20k').map((a) => [a.raw, a.amount])).toEqual([['20k', '20000.00']]);
    expect(findAmounts('open a deal with Cyberdyne for €3 000 today')[0]).toMatchObject({ amount: '3000.00', currency: 'EUR', raw: '€3 000' });
  });

  test('the schema turns what people type into the exact decimal, and says what it wants otherwise', () => {
    expect(AmountInputSchema.parse('$1.2m')).toBe('1200000.00');
    expect(AmountInputSchema.parse(7500)).toBe('7500.00');
    const r = AmountInputSchema.safeParse('lots');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/20k/);
  });
});
