// Wall-clock ↔ instant for the event form and the calendar, in a named IANA zone (luxon), so the
// form's times mean the same in every browser: 09:00 in the event's time zone, not the viewer's.
// All-day events are stored as midnights in their zone with an exclusive end (as iCalendar's DTEND).
import { DateTime } from 'luxon';

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "2026-12-15T14:00" (a datetime-local value) of an instant, in `zone`. */
export function toLocalInput(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const d = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  return d.isValid ? d.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/** "2026-12-15" (a date input value) of an instant, in `zone`. */
export function toDateInput(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const d = DateTime.fromISO(iso).setZone(zone);
  return d.isValid ? d.toISODate()! : '';
}

/** The instant (ISO, UTC) of a wall-clock "2026-12-15T14:00" or a date "2026-12-15" in `zone`; null when blank or invalid. */
export function fromLocal(local: string, zone: string): string | null {
  if (!local) return null;
  const d = DateTime.fromISO(local, { zone });
  return d.isValid ? d.toUTC().toISO() : null;
}

/** A date input value moved by whole days ("2026-12-15", 1 → "2026-12-16"). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate() ?? date;
}

/** The zones a picker offers: UTC first, then what the runtime knows. */
export const ZONES = [...new Set(['UTC', browserZone(), ...Intl.supportedValuesOf('timeZone')])];
