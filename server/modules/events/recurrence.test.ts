// Expansion starting the rrule walk near the range (recurrence.ts ruleOf) gives exactly the
// occurrences of the walk from the series start, for DAILY and WEEKLY rules in any zone across DST.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { occurrenceStarts } from './recurrence';

const DAY = 86400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

describe('occurrenceStarts', () => {
  test('the same occurrences as walking from the series start', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('DAILY', 'WEEKLY'),
        fc.integer({ min: 1, max: 3 }),
        fc.subarray(DAYS),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 365 * 24 * 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 30, max: 60 * 30 }),
        fc.integer({ min: 10, max: 900 }),
        fc.option(fc.integer({ min: 30, max: 900 })),
        (freq, interval, byday, zone, startQuarterHours, durationSteps, rangeStartDays, rangeDays, untilDays) => {
          const startsAt = new Date(Date.UTC(2024, 0, 1) + startQuarterHours * 900_000);
          const duration = durationSteps * 50 * 60_000;
          const rule = [`FREQ=${freq}`, `INTERVAL=${interval}`, byday.length ? `BYDAY=${byday.join(',')}` : '', untilDays ? `UNTIL=${new Date(startsAt.getTime() + untilDays * DAY).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}` : ''].filter(Boolean).join(';');
          const s = { startsAt, endsAt: new Date(startsAt.getTime() + duration), timezone: zone, recurrence: rule };
          const from = new Date(startsAt.getTime() + rangeStartDays * DAY);
          const to = new Date(from.getTime() + Math.min(rangeDays, 60) * DAY);
          const near = occurrenceStarts(s, from, to).map((d) => d.toISOString());
          const all = occurrenceStarts(s, startsAt, to)
            .filter((d) => d.getTime() + duration > from.getTime() || (duration === 0 && d >= from))
            .map((d) => d.toISOString());
          expect(near).toEqual(all);
        },
      ),
      { numRuns: 300 },
    );
  });
});
