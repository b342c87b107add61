// Upcoming events about a record (occurrences of series included), soonest first, with Add event in
// place (about this record).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RelatedType } from '../../../contracts/entities';
import type { EventOccurrence } from '../../../contracts/events';
import { RelatedCard, RelatedRow } from '../../components/related-card';
import { formatDate, formatDateTime } from '../../lib/utils';
import { api, qs } from '../../lib/api';
import { EventFormDialog } from '../events/event-form';
import { nextHourDraft } from '../events/schedule-meeting';

const SHOWN = 5;
const AHEAD_DAYS = 180;

/**
 * The record's events from now on for half a year, as occurrences (GET /events?from=&to=: a weekly
 * series that began last month shows its next meetings), soonest first. Under the 'events' root,
 * so every CRM write and the realtime stream refresh it.
 */
function useUpcoming(relatedType: RelatedType, relatedId: string) {
  const [from] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const to = new Date(from.getTime() + AHEAD_DAYS * 86_400_000);
  return useQuery({
    queryKey: ['events', 'upcoming', relatedType, relatedId, from.toISOString()],
    queryFn: ({ signal }) => api<{ data: EventOccurrence[]; total: number }>(`/events${qs({ from: from.toISOString(), to: to.toISOString(), filter: JSON.stringify({ relatedType, relatedId }) })}`, { signal }),
  });
}

export function RelatedEvents({ relatedType, relatedId, editable }: { relatedType: RelatedType; relatedId: string; editable: boolean }) {
  const upcoming = useUpcoming(relatedType, relatedId);
  const [adding, setAdding] = useState(false);
  const rows = (upcoming.data?.data ?? []).slice(0, SHOWN);
  return (
    <>
      <RelatedCard
        id={`${relatedType}-events`}
        title="Upcoming events"
        total={upcoming.data?.total}
        isPending={upcoming.isPending}
        error={upcoming.error}
        onRetry={() => upcoming.refetch()}
        add={editable ? { label: 'Add event', onClick: () => setAdding(true) } : undefined}
        empty="Nothing planned."
        count={rows.length}
        more={(upcoming.data?.total ?? 0) > SHOWN ? <Link to="/calendar" className="font-medium text-indigo-700 hover:underline">See all in the calendar</Link> : undefined}
      >
        {rows.map((e) => (
          <RelatedRow
            key={`${e.id}:${e.occurrenceStart ?? ''}`}
            main={<Link to={`/events/${e.id}`} className="hover:text-indigo-700 hover:underline">{e.title}</Link>}
            details={[e.allDay ? formatDate(e.startsAt) : formatDateTime(e.startsAt), e.location].filter(Boolean).join(' · ')}
          />
        ))}
      </RelatedCard>
      <EventFormDialog open={adding} onOpenChange={setAdding} related={{ type: relatedType, id: relatedId }} draft={nextHourDraft()} />
    </>
  );
}
