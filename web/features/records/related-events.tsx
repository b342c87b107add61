// Upcoming events about a record, soonest first, with Add event in place (about this record).
import { useState } from 'react';
import { Link } from 'react-router';
import type { RelatedType } from '../../../contracts/entities';
import type { Event } from '../../../contracts/events';
import { RelatedCard, RelatedRow } from '../../components/related-card';
import { formatDate, formatDateTime } from '../../lib/utils';
import { resourceHooks } from '../../lib/resource';
import { EventFormDialog } from '../events/event-form';
import { nextHourDraft } from '../events/schedule-meeting';

const events = resourceHooks<Event, never>('events');

export function RelatedEvents({ relatedType, relatedId, editable }: { relatedType: RelatedType; relatedId: string; editable: boolean }) {
  const upcoming = events.useList({ filter: { relatedType, relatedId }, view: 'upcoming', sort: 'startsAt', limit: 20 });
  const [adding, setAdding] = useState(false);
  const rows = upcoming.data?.data ?? [];
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
      >
        {rows.map((e) => (
          <RelatedRow
            key={e.id}
            main={<Link to={`/events/${e.id}`} className="hover:text-indigo-700 hover:underline">{e.title}</Link>}
            details={[e.allDay ? formatDate(e.startsAt) : formatDateTime(e.startsAt), e.location].filter(Boolean).join(' · ')}
          />
        ))}
      </RelatedCard>
      <EventFormDialog open={adding} onOpenChange={setAdding} related={{ type: relatedType, id: relatedId }} draft={nextHourDraft()} />
    </>
  );
}
