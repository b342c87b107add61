// Amounts as people write them — "20k", "$7,500", "1.2m", "€3 000", "3.000,50 €", "EUR 12,5",
// "15 thousand" — read into an exact decimal string ("20000.00") and, when written, a currency.
// One parser for the chat, the web forms and CSV import. Written here because no maintained npm
// package does this without pulling in a locale database: currency.js / dinero.js format and
// compute but do not read suffixes ("20k", "1.2m") or guess the decimal separator, and
// contracts/ may import only zod. Exact: the digits are handled as text, never as a float.
import { z } from 'zod';

export interface ParsedAmount {
  /** Exact decimal with two places, e.g. "1200000.00". */
  amount: string;
  /** ISO 4217 code when the text named one ("$", "€", "EUR", "dollars"). */
  currency?: string;
}

const SYMBOLS: Record<string, string> = { $: 'USD', 'US$': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'CHF': 'CHF', 'A$': 'AUD', 'C$': 'CAD', 'R$': 'BRL', '₩': 'KRW', 'zł': 'PLN', 'kr': 'SEK' };
const WORDS: Record<string, string> = { dollar: 'USD', dollars: 'USD', bucks: 'USD', usd: 'USD', euro: 'EUR', euros: 'EUR', eur: 'EUR', pound: 'GBP', pounds: 'GBP', gbp: 'GBP', quid: 'GBP', yen: 'JPY', jpy: 'JPY', chf: 'CHF', francs: 'CHF', cad: 'CAD', aud: 'AUD', inr: 'INR', rupees: 'INR', sek: 'SEK', nok: 'NOK', dkk: 'DKK', pln: 'PLN', brl: 'BRL', mxn: 'MXN', sgd: 'SGD', nzd: 'NZD', zar: 'ZAR', cny: 'CNY', hkd: 'HKD' };
const SCALES: Record<string, bigint> = { k: 1000n, thousand: 1000n, grand: 1000n, m: 1_000_000n, mm: 1_000_000n, mn: 1_000_000n, mio: 1_000_000n, million: 1_000_000n, millions: 1_000_000n, b: 1_000_000_000n, bn: 1_000_000_000n, billion: 1_000_000_000n };

const SPACE = '[ \\u00a0\\u202f\\u2009]';
const SYMBOL = '(US\\$|A\\$|C\\$|R\\$|[$€£¥₹₩]|zł)';
const CODE = `(${Object.keys(WORDS).join('|')})`;
const NUMBER = `(-?\\d{1,3}(?:(?:,|\\.|'|${SPACE})\\d{3})+(?:[.,]\\d{1,2})?|-?\\d+(?:[.,]\\d+)?)`;
const SCALE = `(k|thousand|grand|mm|mn|mio|m|million|millions|bn|b|billion)`;
/** symbol/code? number scale? symbol/code?, as a whole word. */
const AMOUNT = new RegExp(
  `(?<![\\w.,])(?:${SYMBOL}${SPACE}?|${CODE}${SPACE})?${NUMBER}(?:${SPACE}?${SCALE}\\b)?(?:${SPACE}?${SYMBOL}|${SPACE}?${CODE}\\b)?(?![\\w%])`,
  'giu',
);

/** "7,500" → "7500"; "3.000,50" → "3000.50"; "1.2" → "1.2"; "12,5" → "12.5". */
function normalizeDigits(raw: string): string | null {
  let s = raw.replace(/[ \u00a0\u202f\u2009']/g, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the later one is the decimal separator.
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    s = s.split(group).join('').replace(dec, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    // "7,500" / "1.000.000": groups of three are thousands; "12,5" / "1.2": a decimal part.
    const grouped = parts.length > 2 || (parts[1].length === 3 && sep === ',') || (parts.length > 2 && sep === '.');
    s = grouped ? parts.join('') : `${parts[0]}.${parts[1]}`;
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return negative ? `-${s}` : s;
}

/** decimal × scale, rounded to cents, as text (no float). */
function toCents(decimal: string, scale: bigint): bigint {
  const negative = decimal.startsWith('-');
  const [int, frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  // Work in millionths of a cent so "1.2345m" stays exact before rounding.
  const precision = 8;
  const units = BigInt(int + frac.padEnd(precision, '0').slice(0, precision)) * scale * 100n;
  const divisor = 10n ** BigInt(precision);
  let cents = units / divisor;
  if ((units % divisor) * 2n >= divisor) cents += 1n;
  return negative ? -cents : cents;
}

function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export interface FoundAmount extends ParsedAmount {
  /** Where in the text it was, and what it said. */
  index: number;
  raw: string;
}

function fromMatch(m: RegExpExecArray): FoundAmount | null {
  const [raw, symBefore, codeBefore, num, scale, symAfter, codeAfter] = m;
  const digits = normalizeDigits(num);
  if (!digits) return null;
  const scaleValue = scale ? SCALES[scale.toLowerCase()] : 1n;
  const sym = symBefore ?? symAfter;
  const code = codeBefore ?? codeAfter;
  const currency = sym ? SYMBOLS[sym] : code ? WORDS[code.toLowerCase()] : undefined;
  const cents = toCents(digits, scaleValue);
  // Deal amounts are numeric(18,2): 16 digits before the point.
  if ((cents < 0n ? -cents : cents) >= 10n ** 18n) return null;
  return { amount: centsToDecimal(cents), ...(currency ? { currency } : {}), index: m.index, raw: raw.trim() };
}

/** Every amount-looking phrase in free text, in order ("worth 20k", "for €3 000"). */
export function findAmounts(text: string): FoundAmount[] {
  const out: FoundAmount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const found = fromMatch(m as RegExpExecArray);
    if (found) out.push(found);
  }
  return out;
}

/** The whole text as one amount, or null: "20k" → {amount: "20000.00"}; "€3 000" → {amount: "3000.00", currency: "EUR"}. */
export function parseAmount(text: string): ParsedAmount | null {
  const s = text.trim();
  if (!s) return null;
  const all = findAmounts(s);
  if (all.length !== 1 || all[0].raw.length !== s.length) return null;
  const { amount, currency } = all[0];
  return currency ? { amount, currency } : { amount };
}

/** A form or API field that takes an amount as people write it and yields the exact decimal string. */
export const AmountInputSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const parsed = parseAmount(String(v));
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'must be an amount like 20000, 20k, $7,500 or 1.2m' });
    return z.NEVER;
  }
  return parsed.amount;
});

/** A form's amount box: blank stays blank; anything else as people write it → the exact decimal. */
export const AmountTextSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return '';
    const parsed = parseAmount(v);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'must be an amount like 20000, 20k, $7,500 or 1.2m' });
      return z.NEVER;
    }
    return parsed.amount;
  });
