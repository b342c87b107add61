// The event form's wall-clock ↔ instant conversions and repeat presets: times mean the event's
// zone (not the browser's), across a DST change, and a saved rule comes back as its choice.
import { describe, expect, test } from 'vitest';
import { repeatOf, ruleOf } from './event-form-parts';
import { addDays, fromLocal, toDateInput, toLocalInput } from './event-time';

describe('event times', () => {
  test('a wall-clock time is read in the given zone, on either side of a DST change', () => {
    expect(fromLocal('2026-03-28T09:00', 'Europe/Berlin')).toBe('2026-03-28T08:00:00.000Z'); // CET
    expect(fromLocal('2026-03-30T09:00', 'Europe/Berlin')).toBe('2026-03-30T07:00:00.000Z'); // CEST
    expect(fromLocal('2026-12-15T14:00', 'UTC')).toBe('2026-12-15T14:00:00.000Z');
    expect(fromLocal('', 'UTC')).toBeNull();
    expect(fromLocal('not a date', 'UTC')).toBeNull();
  });

  test('an instant is shown in the zone, and round-trips', () => {
    expect(toLocalInput('2026-03-30T07:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-30T09:00');
    expect(toLocalInput('2026-12-15T23:30:00Z', 'America/New_York')).toBe('2026-12-15T18:30');
    expect(fromLocal(toLocalInput('2026-07-01T12:15:00.000Z', 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('2026-07-01T12:15:00.000Z');
    // An all-day event's midnight in its zone is that day there, not the UTC day before.
    expect(toDateInput('2026-11-04T23:00:00Z', 'Europe/Berlin')).toBe('2026-11-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  test('repeat presets and custom rules', () => {
    expect(repeatOf(null)).toEqual({ repeat: 'none', rrule: '' });
    expect(repeatOf('FREQ=WEEKLY')).toEqual({ repeat: 'weekly', rrule: '' });
    expect(repeatOf('RRULE:FREQ=DAILY')).toEqual({ repeat: 'daily', rrule: '' });
    expect(repeatOf('FREQ=WEEKLY;BYDAY=MO;COUNT=10')).toEqual({ repeat: 'custom', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=10' });
    expect(ruleOf('none', 'x')).toBeNull();
    expect(ruleOf('monthly', '')).toBe('FREQ=MONTHLY');
    expect(ruleOf('custom', ' FREQ=YEARLY;COUNT=3 ')).toBe('FREQ=YEARLY;COUNT=3');
  });
});
