// Recurrence rules (RFC 5545 RRULE, through the rrule package) expanded in the event's own time zone.
// rrule computes in UTC, so a weekly 09:00 Europe/Berlin meeting would drift by an hour at each DST
// change. We expand on "floating" wall-clock times instead (the local 09:00 written as 09:00 UTC) and
// turn each result back into a real instant in the event's zone with luxon: 09:00 local all year.
import { DateTime } from 'luxon';
// rrule is CommonJS with an ESM shim that Node's own loader sees only as a default export (named
// imports work under vitest but not in `npm start`): take RRule from the default.
import rrule, { type Options } from 'rrule';
const { RRule } = rrule;
type RRule = InstanceType<typeof RRule>;
import { fieldError } from '../../lib/errors';

/** More occurrences than this in one range is a request to narrow it (a minutely rule, a decade). */
export const MAX_OCCURRENCES = 5000;

const NUMERIC = ['count', 'interval', 'bysetpos', 'bymonth', 'bymonthday', 'byyearday', 'byweekno', 'byhour', 'byminute', 'bysecond'] as const;

/**
 * The rule checked and written back in its canonical form (`FREQ=WEEKLY;BYDAY=MO`, no `RRULE:`).
 * rrule's parser is lenient (it takes `COUNT=abc` or `BYDAY=XX` silently), so we check what it made.
 */
export function normalizeRule(input: string): string {
  const bad = (message: string) => fieldError('recurrence', message);
  const text = input.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(text) || /(^|;)\s*(DTSTART|TZID)\b/i.test(text)) throw bad('give only the RRULE (startsAt and timezone say when the series starts)');
  let opts: Partial<Options>;
  try {
    opts = RRule.parseString(text.toUpperCase());
  } catch (err) {
    throw bad(`not a valid RFC 5545 RRULE (${(err as Error).message})`);
  }
  if (opts.freq === undefined) throw bad('FREQ is required, e.g. FREQ=WEEKLY;BYDAY=MO');
  if (opts.freq === RRule.SECONDLY || opts.freq === RRule.MINUTELY) throw bad('repeating more often than hourly is not supported');
  for (const key of NUMERIC) {
    const v = opts[key] as unknown;
    if (v === undefined || v === null) continue;
    if (!(Array.isArray(v) ? v : [v]).every((n) => Number.isInteger(n))) throw bad(`${key.toUpperCase()} must be a whole number`);
  }
  if (opts.count !== undefined && opts.count !== null && opts.count < 1) throw bad('COUNT must be at least 1');
  if (opts.interval !== undefined && opts.interval < 1) throw bad('INTERVAL must be at least 1');
  const days = opts.byweekday === undefined || opts.byweekday === null ? [] : Array.isArray(opts.byweekday) ? opts.byweekday : [opts.byweekday];
  if (days.some((d) => d === null || d === undefined)) throw bad('BYDAY takes MO, TU, WE, TH, FR, SA, SU (optionally with a number, e.g. 1MO)');
  if (opts.until && Number.isNaN(new Date(opts.until).getTime())) throw bad('UNTIL must be a date such as 20261231T235959Z');
  return RRule.optionsToString(opts).replace(/^RRULE:/, '');
}

/** A real instant → the same wall-clock time in `zone`, written as if it were UTC. */
function toFloating(d: Date, zone: string): Date {
  const l = DateTime.fromJSDate(d, { zone });
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond));
}

/** A floating wall-clock time → the real instant it is in `zone` (a time skipped by DST moves forward). */
function fromFloating(d: Date, zone: string): Date {
  return DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds() },
    { zone },
  ).toJSDate();
}

export interface Series {
  startsAt: Date;
  endsAt: Date | null;
  timezone: string;
  recurrence: string;
}

function ruleOf(s: Series, notBefore?: Date): RRule {
  const opts = RRule.parseString(s.recurrence);
  // UNTIL is a real instant (usually ...Z): compare it on the same floating clock as the rest.
  if (opts.until) opts.until = toFloating(opts.until, s.timezone);
  let dtstart = toFloating(s.startsAt, s.timezone);
  // rrule walks every occurrence from DTSTART, so a weekly series begun years ago costs years of
  // steps per read. A DAILY or WEEKLY rule without COUNT repeats every INTERVAL days or weeks on the
  // floating clock: start the walk a whole number of periods later, at least one period before the
  // range, which yields the same occurrences from there on. (COUNT counts from the real start;
  // months and years have no fixed length.)
  if (notBefore && !opts.count && (opts.freq === RRule.DAILY || opts.freq === RRule.WEEKLY)) {
    const period = (opts.interval ?? 1) * (opts.freq === RRule.WEEKLY ? 7 : 1) * 86400_000;
    const k = Math.floor((notBefore.getTime() - dtstart.getTime()) / period) - 1;
    if (k > 0) dtstart = new Date(dtstart.getTime() + k * period);
  }
  return new RRule({ ...opts, dtstart });
}

/**
 * Starts (real instants) of the occurrences of `s` that overlap [from, to), in order. A zero-length
 * event overlaps when it starts in the range. Throws a 400 past MAX_OCCURRENCES.
 */
export function occurrenceStarts(s: Series, from: Date, to: Date): Date[] {
  const duration = s.endsAt ? s.endsAt.getTime() - s.startsAt.getTime() : 0;
  const day = 86400_000;
  // Wall clocks differ from UTC by at most a day; the margin is filtered out below on real instants.
  const after = new Date(toFloating(from, s.timezone).getTime() - duration - day);
  const before = new Date(toFloating(to, s.timezone).getTime() + day);
  let tooMany = false;
  const floating = ruleOf(s, after).between(after, before, true, (_d, i) => {
    if (i < MAX_OCCURRENCES * 2) return true;
    tooMany = true;
    return false;
  });
  const starts = floating
    .map((d) => fromFloating(d, s.timezone))
    .filter((start) => start < to && (duration > 0 ? start.getTime() + duration > from.getTime() : start >= from));
  if (tooMany || starts.length > MAX_OCCURRENCES) throw fieldError('to', `more than ${MAX_OCCURRENCES} occurrences in this range; ask for a shorter one`);
  return starts;
}

/** Whether `at` is the start of one of the occurrences of `s`. */
export function isOccurrence(s: Series, at: Date): boolean {
  return occurrenceStarts({ ...s, endsAt: null }, at, new Date(at.getTime() + 1)).some((d) => d.getTime() === at.getTime());
}
