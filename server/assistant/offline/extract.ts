// Pulls the typed things out of a sentence: emails, phone numbers (libphonenumber-js), amounts
// (contracts/money.ts), dates in the user's time zone (chrono-node), person names (compromise),
// and the name/title/company/email/phone of a person described in free text.
import { createRequire } from 'node:module';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { findAmounts, type FoundAmount } from '../../../contracts/money';

// compromise and chrono-node take seconds to load on a busy machine: loaded on the first request
// the offline model reads, not at every start-up (or in processes that never use the assistant).
const requireLib = createRequire(import.meta.url);
let nlpLib: typeof import('compromise').default | undefined;
let chronoLib: typeof import('chrono-node') | undefined;
const nlp = (text: string) => (nlpLib ??= requireLib('compromise') as typeof import('compromise').default)(text);
const chrono = () => (chronoLib ??= requireLib('chrono-node') as typeof import('chrono-node'));

export interface Span {
  index: number;
  length: number;
}

/** Removes spans from text (replacing each by a space), keeping the rest's positions sane. */
export function cut(text: string, spans: Span[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.index - a.index)) out = `${out.slice(0, s.index)} ${out.slice(s.index + s.length)}`;
  return out.replace(/\s+/g, ' ').replace(/\s+([,;:])/g, '$1').trim();
}

const EMAIL = /[^\s,;<>()"']+@[^\s,;<>()"']+\.[a-z]{2,}/gi;
export function findEmails(text: string): (Span & { value: string })[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ index: m.index!, length: m[0].length, value: m[0].toLowerCase() }));
}

/** Valid numbers formatted internationally; anything with 7+ digits that looks like a phone kept as typed. */
export function findPhones(text: string): (Span & { value: string })[] {
  const out: (Span & { value: string })[] = [];
  for (const f of findPhoneNumbersInText(text, { defaultCountry: 'US' })) {
    out.push({ index: f.startsAt, length: f.endsAt - f.startsAt, value: f.number.formatInternational() });
  }
  // Invented numbers (555-…) fail validation but are still what the user meant.
  for (const m of text.matchAll(/(?<![\w@.-])\+?\(?\d[\d\s().-]{5,}\d(?![\w@-])/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(m[0].trim())) continue;
    if (out.some((o) => m.index! < o.index + o.length && o.index < m.index! + m[0].length)) continue;
    out.push({ index: m.index!, length: m[0].length, value: m[0].trim() });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Amounts that are surely money: with a currency, a scale (20k, 1.2m), grouping, or after worth/for/of/at/to/is. */
export function findMoney(text: string): FoundAmount[] {
  return findAmounts(text).filter((a) => {
    if (a.currency || /[kmb]|thousand|million|billion|grand/i.test(a.raw.replace(/[\d\s.,]/g, '')) || /\d[,.' ]\d{3}/.test(a.raw)) return true;
    const before = text.slice(Math.max(0, a.index - 12), a.index).toLowerCase();
    return /\b(worth|for|of|at|to|is|amount|value|valued|budget)\s*$/.test(before) && !/^\d{4}$/.test(a.raw);
  });
}

// ---------------------------------------------------------------------------------------------
// Dates in the user's time zone.

export interface Facts {
  userId: string;
  timezone: string;
  currency: string;
  now: Date;
  context?: { type: string; id: string; record: Record<string, unknown> };
}

/** Minutes east of UTC of a time zone at an instant. */
export function tzOffset(timezone: string, at: Date): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The user's calendar date of an instant, YYYY-MM-DD. */
export const localDay = (at: Date, timezone: string) => at.toLocaleDateString('en-CA', { timeZone: timezone });

/** 17:00 on a local calendar day, as an instant: a due date without a time is due by the end of the working day. */
export function endOfWorkday(day: string, timezone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, 17);
  return new Date(guess - tzOffset(timezone, new Date(guess)) * 60_000).toISOString();
}

function addDays(day: string, n: number) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export interface FoundDate extends Span {
  /** Local calendar day. */
  day: string;
  /** The instant: the time given, or 17:00 local when none was. */
  at: string;
  text: string;
  /** The wall-clock time said, if one was ("at 3pm" → 15:00). */
  time: { hour: number; minute: number } | null;
  /** Whether a day was said ("Friday", "tomorrow", "Dec 4") or only a time ("at 4pm"). */
  dayGiven: boolean;
}

/** A wall-clock time on a local day in `timezone` as an instant, with the offset of that day (DST-correct). */
export function wallClock(day: string, hour: number, minute: number, timezone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const first = guess - tzOffset(timezone, new Date(guess)) * 60_000;
  return new Date(guess - tzOffset(timezone, new Date(first)) * 60_000).toISOString();
}

/** `times`: also a time said alone ("4pm", "at 10:30"), on the day chrono puts it (the calendar reads it against an event's day). */
export function findDates(text: string, facts: Facts, opts: { times?: boolean } = {}): FoundDate[] {
  const ref = { instant: facts.now, timezone: tzOffset(facts.timezone, facts.now) };
  const out: FoundDate[] = [];
  for (const r of chrono().parse(text, ref, { forwardDate: true })) {
    const s = r.start;
    const timeAlone = opts.times && s.isCertain('hour') && /\d\s*(?:am|pm)\b|\d:\d{2}|^at\s|\bnoon\b|\bmidnight\b/i.test(r.text);
    // A bare number ("5") or a year alone is not a date here.
    if (!timeAlone && !s.isCertain('day') && !s.isCertain('weekday') && !s.isCertain('month') && !/\b(week|month|year|tomorrow|today|tonight)\b/i.test(r.text)) continue;
    const day = `${s.get('year')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
    // chrono applies the offset of today; the wall-clock time is re-read with the offset of that
    // day, so "at 10" on the far side of a DST change is still 10:00 there.
    const time = s.isCertain('hour') ? { hour: s.get('hour') ?? 0, minute: s.get('minute') ?? 0 } : null;
    const at = time ? wallClock(day, time.hour, time.minute, facts.timezone) : endOfWorkday(day, facts.timezone);
    const dayGiven = s.isCertain('day') || s.isCertain('weekday') || /\b(?:today|tomorrow|tonight|week|month|year)\b/i.test(r.text);
    out.push({ index: r.index, length: r.text.length, day, at, text: r.text, time, dayGiven });
  }
  return out;
}

export interface Period {
  from: string;
  to: string;
  label: string;
}

/** "today", "this week", "next month", "this quarter": a range of local days. */
export function findPeriod(text: string, facts: Facts): Period | null {
  const t = text.toLowerCase();
  const today = localDay(facts.now, facts.timezone);
  const [y, m] = today.split('-').map(Number);
  const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const month = (offset: number) => {
    const first = new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(y, m + offset, 0)).toISOString().slice(0, 10);
    return { from: first, to: last };
  };
  const quarter = (offset: number) => {
    const q = Math.floor((m - 1) / 3) + offset;
    return { from: new Date(Date.UTC(y, q * 3, 1)).toISOString().slice(0, 10), to: new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10) };
  };
  if (/\btoday\b/.test(t)) return { from: today, to: today, label: 'today' };
  if (/\btomorrow\b/.test(t)) return { from: addDays(today, 1), to: addDays(today, 1), label: 'tomorrow' };
  if (/\bthis week\b/.test(t)) return { from: addDays(today, -dow), to: addDays(today, 6 - dow), label: 'this week' };
  if (/\bnext week\b/.test(t)) return { from: addDays(today, 7 - dow), to: addDays(today, 13 - dow), label: 'next week' };
  if (/\b(this|the current) month\b/.test(t)) return { ...month(0), label: 'this month' };
  if (/\bnext month\b/.test(t)) return { ...month(1), label: 'next month' };
  if (/\blast month\b/.test(t)) return { ...month(-1), label: 'last month' };
  if (/\bthis quarter\b/.test(t)) return { ...quarter(0), label: 'this quarter' };
  if (/\bnext quarter\b/.test(t)) return { ...quarter(1), label: 'next quarter' };
  if (/\bthis year\b/.test(t)) return { from: `${y}-01-01`, to: `${y}-12-31`, label: 'this year' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// People.

/** Words that end a name ("Jane Doe from Acme", "Kevin, he's …"). */
const NOT_NAME = new Set(
  'a an the and or but at from of with to as for in on by is are was be he she his her hers him they them their who which that this these those today tomorrow yesterday named called contact contacts lead leads person new please our my me i we you it deal deals company companies task note about works working there here'.split(' '),
);
const NAME_WORD = /^[\p{L}][\p{L}'’.-]*$/u;

/** The person's name at the start of a phrase: name-like words up to the first word that cannot be part of one. */
export function leadingName(phrase: string): { name: string; rest: string; capitalized: boolean } | null {
  const words = phrase.trim().split(/\s+/);
  const taken: string[] = [];
  for (const w of words) {
    const bare = w.replace(/[,;:]+$/, '');
    if (!NAME_WORD.test(bare) || NOT_NAME.has(bare.toLowerCase()) || taken.length === 4) break;
    taken.push(bare);
    if (bare !== w) break; // a comma ends the name
  }
  if (taken.length === 0) return null;
  const rest = words.slice(taken.length).join(' ').replace(/^[,;:\s]+/, '');
  return { name: taken.join(' '), rest, capitalized: taken.every((w) => /^\p{Lu}/u.test(w)) };
}

/** Names compromise recognizes as people in a sentence (its lexicon knows common first names). */
export function peopleIn(text: string): string[] {
  return (nlp(text).people().out('array') as string[]).map((p) => p.replace(/[^\p{L}'’. -]+$/u, '').trim()).filter(Boolean);
}

export function splitName(name: string): { firstName: string; lastName?: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0] };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] };
}

const TITLE_WORDS = /\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|vp|svp|evp|chief|head|director|manager|lead|engineer|developer|designer|accountant|receptionist|buyer|rep|representative|sales|marketing|founder|co-founder|owner|partner|president|officer|consultant|analyst|assistant|admin|administrator|architect|specialist|coordinator|executive|intern|recruiter|hr|it|ops|operations|procurement|purchasing|counsel|lawyer|attorney|editor|scientist|product|support|success|account)\b/i;
const ORG_WORDS = /\b(inc|corp|corporation|co|company|llc|ltd|gmbh|ag|sa|plc|group|industries|systems|labs|technologies|tech|solutions|partners|holdings|bank|university|agency)\b\.?$/i;
export const looksLikeTitle = (s: string) => TITLE_WORDS.test(s) && !ORG_WORDS.test(s);
export const looksLikeOrg = (s: string) => ORG_WORDS.test(s) || (/^\p{Lu}/u.test(s) && !TITLE_WORDS.test(s));

export interface PersonDetails {
  name?: string;
  /** How sure we are the name is a name (0…1). */
  nameConfidence: number;
  email?: string;
  phone?: string;
  title?: string;
  company?: string;
  status?: string;
}

const STATUS = ['lead', 'prospect', 'customer', 'churned', 'inactive'];

/**
 * "Sarah Connor, Head of IT at Cyberdyne", "Kevin Malone, he's an accountant at Initech",
 * "Stanley Hudson to Stark Industries as sales rep", "Priya Patel, priya@stark.com, Stark Industries".
 */
export function parsePerson(phrase: string, facts: Facts, opts: { nameGiven?: boolean } = {}): PersonDetails {
  const out: PersonDetails = { nameConfidence: 0 };
  const emails = findEmails(phrase);
  const phones = findPhones(cut(phrase, emails));
  let text = cut(phrase, emails);
  text = cut(text, phones);
  if (emails[0]) out.email = emails[0].value;
  if (phones[0]) out.phone = phones[0].value;
  const dates = findDates(text, facts);
  text = cut(text, dates);
  text = text.replace(/\b(?:phone(?: number)?|tel|mobile|cell|email(?: address)?|e-mail)\s*[:]?\s*(?=,|$)/gi, '').replace(/\s+,/g, ',');
  text = text.replace(/^(?:named|called|for)\s+/i, '');

  const name = leadingName(text);
  let rest = text;
  if (name) {
    out.name = name.name;
    const words = name.name.split(' ');
    out.nameConfidence = (opts.nameGiven ? 0.9 : name.capitalized ? 0.85 : 0.55) - (words.length === 1 ? 0.1 : 0) - (words.length > 3 ? 0.2 : 0);
    // compromise agreeing that this is a person settles a lowercase or single-word name.
    if (!name.capitalized || words.length === 1) {
      const people = peopleIn(text);
      if (people.some((p) => p.toLowerCase().startsWith(name.name.toLowerCase().split(' ')[0]))) out.nameConfidence = Math.max(out.nameConfidence, 0.8);
    }
    rest = name.rest;
  }

  const segments = rest
    .split(/\s*(?:,|;|\s-\s|\s–\s|\s—\s|\band\b(?=\s+(?:is|works|she|he)))\s*/i)
    .map((s) => s.trim().replace(/^(?:and|who is|who's|is|works as|working as|he is|she is|he's|she's|they're|they are)\s+/i, '').replace(/^(?:a|an|the)\s+/i, '').trim())
    .filter(Boolean);
  for (const seg of segments) {
    const asFirst = /^as\s+(?:an?\s+)?(.+?)(?:\s+(?:at|from|with)\s+(.+))?$/i.exec(seg);
    if (asFirst) {
      out.title ??= asFirst[1];
      if (asFirst[2]) out.company ??= asFirst[2];
      continue;
    }
    // The last at/from/with/@/to/for splits title from company: "Head of IT at Cyberdyne",
    // "from Globex", "to Stark Industries as sales rep". "of" never does ("VP of Engineering").
    const m = /^(?:(.*)\s+|)(?:at|from|with|@|to|for)\s+(.+)$/i.exec(seg);
    if (m) {
      const [company, title] = m[2].split(/\s+as\s+(?:an?\s+)?/i);
      if (m[1]) out.title ??= m[1].replace(/^(?:an?|the)\s+/i, '');
      out.company ??= company;
      if (title) out.title ??= title;
    } else if (STATUS.includes(seg.toLowerCase())) out.status = seg.toLowerCase();
    else if (looksLikeTitle(seg) || /^[a-z]/.test(seg)) out.title ??= seg;
    else if (looksLikeOrg(seg)) out.company ??= seg;
    else out.title ??= seg;
  }
  if (out.company) out.company = out.company.replace(/\s+(?:today|yesterday|as a contact|as contact)$/i, '').replace(/^the\s+/i, '').trim();
  if (out.title) out.title = out.title.replace(/\s+as a contact$/i, '').trim();
  return out;
}
