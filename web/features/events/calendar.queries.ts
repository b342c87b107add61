// The calendar page's data (GET /calendar for the visible range) and the event writes it makes:
// moving or resizing a whole event, one occurrence of a series (?occurrence=), or a series by the
// same shift. Every write refreshes the CRM queries (record pages' upcoming events) and the feed.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { CalendarItem, Event, EventUpdate } from '../../../contracts/events';
import { api, qs } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';

export const calendarKey = ['calendar'] as const;

export function useCalendarFeed(range: { from: string; to: string } | null, include: string[]) {
  return useQuery<CalendarItem[]>({
    queryKey: [...calendarKey, range?.from, range?.to, include.join(',')],
    enabled: Boolean(range),
    queryFn: ({ signal }) => api<{ data: CalendarItem[] }>(`/calendar${qs({ from: range!.from, to: range!.to, include: include.join(',') })}`, { signal }).then((r) => r.data),
    // While the next month loads the current one stays on screen (no empty flash on Next).
    placeholderData: keepPreviousData,
  });
}

/** The feed is one of the CRM roots (lib/resource.ts), so this refreshes it with the record pages. */
export const refreshCalendar = () => invalidateCrm();

/** PATCH one event, or with `occurrence` just that occurrence of its series (an edited occurrence row). */
export function patchEvent(id: string, body: EventUpdate, occurrence?: string | null) {
  return api<{ data: Event }>(`/events/${id}${qs({ occurrence: occurrence ?? undefined })}`, { method: 'PATCH', body }).then((r) => r.data);
}

/** DELETE an event (a series with all its occurrences), or with `occurrence` cancel only that one. */
export function deleteEvent(id: string, occurrence?: string | null) {
  return api<void>(`/events/${id}${qs({ occurrence: occurrence ?? undefined })}`, { method: 'DELETE' });
}

const shift = (iso: string | null, ms: number) => (iso ? new Date(new Date(iso).getTime() + ms).toISOString() : null);

/**
 * Moves a whole series by what one of its occurrences moved: the start by `startDelta`, the end by
 * `endDelta` (a resize changes only the end), from the series' own times.
 */
export async function shiftSeries(seriesId: string, startDelta: number, endDelta: number, extra: EventUpdate = {}) {
  const series = (await api<{ data: Event }>(`/events/${seriesId}`)).data;
  const endsAt = series.endsAt ? shift(series.endsAt, endDelta) : startDelta !== endDelta ? shift(series.startsAt, endDelta) : null;
  return patchEvent(seriesId, { startsAt: shift(series.startsAt, startDelta)!, endsAt, ...extra });
}

export function useEventWrite() {
  return useMutation({ mutationFn: (fn: () => Promise<unknown>) => fn(), onSettled: refreshCalendar });
}
