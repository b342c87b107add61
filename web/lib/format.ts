// The one place the web app turns values into text: money in the organization's currency with
// grouping, numbers and dates in the user's locale and time zone (the browser's), enum values as
// labels, counts with the right plural, and search snippets without markdown syntax.
// Everything goes through Intl (NumberFormat, DateTimeFormat, PluralRules); nothing hand-rolled.
import { markdownToPlain } from '../../contracts/markdown';
import { formatMoney } from './money';

export { markdownToPlain };

export { formatMoney };

/** undefined = the browser's locale and time zone, which is what the user reads in. */
const LOCALE: string | undefined = undefined;

const numberFormat = new Intl.NumberFormat(LOCALE);
/** 12000000 → "12,000,000" (in the user's locale). */
export function formatNumber(n: number | string | null | undefined): string {
  if (n === null || n === undefined || n === '') return '—';
  return numberFormat.format(typeof n === 'string' ? (n as Intl.StringNumericLiteral) : n);
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateFormat.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateTimeFormat.format(d);
}

/** An amount in the organization's currency, or "—" when there is none. */
export function formatOrgMoney(amount: string | null | undefined, orgCurrency: string | undefined): string {
  return formatMoney(amount, orgCurrency || 'USD');
}

/** "in_progress" → "In progress", "follow_up" → "Follow up", "lead" → "Lead". */
export function enumLabel(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const pluralRules = new Intl.PluralRules('en');
/** plural(1, 'company', 'companies') → "1 company"; plural(3, 'company', 'companies') → "3 companies". */
export function plural(n: number, one: string, other: string): string {
  return `${formatNumber(n)} ${pluralRules.select(n) === 'one' ? one : other}`;
}

/** Enum values as they appear inside search documents (a task's "in_progress"). */
const SNAKE = /\b[a-z]+(?:_[a-z]+)+\b/g;

export interface SnippetPart {
  text: string;
  /** A matched word (the server marks them **…**). */
  mark: boolean;
}

/**
 * A search or timeline snippet as plain text parts. The server marks matched words **like this**;
 * record bodies are markdown, so their own **bold**, _emphasis_, `code`, [links](…), headings and
 * list bullets are reduced to their text — the snippet is rendered as React text, never as HTML.
 * With `enums` (search snippets, whose documents carry field values), snake_case values
 * ("in_progress") read as words ("in progress"); people's own text is left as they wrote it.
 */
export function snippetParts(text: string, { enums = false } = {}): SnippetPart[] {
  const words = markdownToPlain(text, { keepBold: true });
  const plain = enums ? words.replace(SNAKE, (m) => enumLabel(m).toLowerCase()) : words;
  const parts: SnippetPart[] = [];
  plain.split('**').forEach((piece, i) => {
    if (!piece) return;
    // An odd number of ** (a cut-off bold) leaves a last "mark" open: show it as text.
    parts.push({ text: piece, mark: i % 2 === 1 });
  });
  return parts;
}
