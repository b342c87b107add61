// Calendar events: the /events list (upcoming first) and an event's page. The dialog that creates and
// edits them is event-form.tsx; the month/week/day/agenda calendar is calendar-page.tsx.
import { CalendarDays, MapPin } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { recordPath } from '../../../contracts/entities';
import type { Event, EventCreate } from '../../../contracts/events';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { textEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { Select } from '../../components/ui/input';
import { ListTable, ListToolbar, NameLink, useListPage, useNewRecord } from '../../components/list-page';
import { Fields } from '../../components/record';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { resourceHooks } from '../../lib/resource';
import { formatDate, formatDateTime, titleCase } from '../../lib/utils';
import { AttachmentsSection } from '../attachments/attachments-section';
import { canEdit, useMe } from '../auth/session';
import { ExportMenu } from '../export/export-menu';
import { NotesSection } from '../notes/notes-section';
import { RelatedTasks } from '../records/related-tasks';
import { EventFormDialog } from './event-form';
import { REPEATS, repeatOf } from './event-form-parts';

const events = resourceHooks<Event, EventCreate, Partial<EventCreate>>('events');

/** "15 Dec 2026, 14:00 – 15:00" in the viewer's locale; all-day events show dates only. */
export function when(e: Pick<Event, 'startsAt' | 'endsAt' | 'allDay'>) {
  if (e.allDay) {
    // An all-day end is exclusive (the midnight after the last day).
    const last = e.endsAt ? new Date(new Date(e.endsAt).getTime() - 86_400_000).toISOString() : null;
    return last && formatDate(last) !== formatDate(e.startsAt) && last > e.startsAt ? `${formatDate(e.startsAt)} – ${formatDate(last)}` : formatDate(e.startsAt);
  }
  return e.endsAt && e.endsAt !== e.startsAt ? `${formatDateTime(e.startsAt)} – ${formatDateTime(e.endsAt)}` : formatDateTime(e.startsAt);
}

const VIEWS = ['upcoming', 'mine', 'today', 'week'] as const;

const EVENT_COLUMNS: GridColumn<Event>[] = [
  { id: 'title', header: 'Title', sort: 'title', size: 260, pinned: true, cell: (e) => <NameLink to={`/events/${e.id}`}>{e.title}</NameLink> },
  { id: 'when', header: 'When', sort: 'startsAt', size: 280, cell: when },
  { id: 'location', header: 'Where', sort: 'location', size: 200, cell: (e) => e.location ?? '—', edit: textEditor('location', 'Location') },
];

export { EventFormDialog };

export function EventsPage() {
  const { creating, setCreating, newButton } = useNewRecord('New event');
  const list = useListPage('startsAt', ['view']);
  const { view: _preset, ...filter } = list.filter;
  const view = list.filters.view;
  const query = events.useList({ ...list.params, filter, view: view || undefined });
  const grid = useDataGrid('events', 'events', EVENT_COLUMNS);
  return (
    <>
      <PageHeader title="Events" description="Meetings, calls and deadlines." actions={<><ExportMenu resource="events" query={{ ...list.exportQuery, filter, view: view || undefined }} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search events">
        <Select aria-label="Show" className="sm:w-40" value={list.filters.view} onChange={(e) => list.update({ view: e.target.value })}>
          <option value="">All events</option>
          {VIEWS.map((v) => <option key={v} value={v}>{titleCase(v)}</option>)}
        </Select>
        {grid.menu}
      </ListToolbar>
      <ListTable
        query={query}
        list={list}
        label="Events"
        noMatches="No events match your search or filters."
        empty={<EmptyState icon={<CalendarDays aria-hidden="true" />} title="No events yet" message="Plan meetings and calls with the people you work with." action={newButton} />}
        grid={grid}
        href={(e) => `/events/${e.id}`}
      />
      <EventFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

export function EventDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const event = events.useOne(id);
  const activities = events.useActivities(id);
  const actions = useRecordActions({ remove: events.useDelete(), restore: events.useRestore(), listPath: '/events', label: () => event.data?.title ?? 'Event' });
  return (
    <RecordPage query={event} listPath="/events" listLabel="Events">
      {(e) => {
        const about = recordPath(e.relatedType, e.relatedId);
        return (
          <>
            <PageHeader title={e.title} description={when(e)} actions={canEdit(me.role) ? <EditDeleteButtons actions={actions} /> : null} />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
              <RecordSection id="event-details" title="Details" className="p-6 lg:col-span-2">
                <Fields
                  items={[
                    { label: 'When', value: when(e) },
                    { label: 'Time zone', value: e.timezone },
                    { label: 'Repeats', value: e.recurrence ? REPEATS[repeatOf(e.recurrence).repeat] + (repeatOf(e.recurrence).repeat === 'custom' ? `: ${e.recurrence}` : '') : e.recurringEventId ? <Link to={`/events/${e.recurringEventId}`} className="text-indigo-700 hover:underline">One occurrence of a series</Link> : null },
                    { label: 'Attendees', value: e.attendees.length ? e.attendees.map((a) => `${a.name ?? a.email ?? 'Attendee'}${a.response !== 'needs_action' ? ` (${titleCase(a.response)})` : ''}`).join(', ') : null },
                    { label: 'Reminders', value: e.reminders.length ? e.reminders.map((r) => `${r.minutesBefore ? `${r.minutesBefore} min before` : 'At the start'} (${r.channels.map((c) => (c === 'in_app' ? 'in app' : 'email')).join(', ')})`).join('; ') : null },
                    { label: 'Where', value: e.location ? <span className="inline-flex items-center gap-1"><MapPin className="size-3.5" aria-hidden="true" />{e.location}</span> : null },
                    { label: 'About', value: about ? <Link to={about} className="font-medium text-indigo-700 hover:underline">{titleCase(e.relatedType ?? '')}</Link> : null },
                    { label: 'Added', value: formatDateTime(e.createdAt) },
                  ]}
                />
                <LongText title="Description" text={e.description} />
              </RecordSection>
              <TimelineCard noun="event" activities={activities} />
            </div>
            <div className="mt-6"><RelatedTasks relatedType="event" relatedId={e.id} editable={canEdit(me.role)} /></div>
            <NotesSection relatedType="event" relatedId={e.id} />
            <AttachmentsSection relatedType="event" relatedId={e.id} />
            <EventFormDialog open={actions.editing} onOpenChange={actions.setEditing} event={e} />
            <DeleteRecordDialog actions={actions} id={e.id} name={e.title} description="The event disappears from lists and search. You can undo this right after." confirmLabel="Delete event" />
          </>
        );
      }}
    </RecordPage>
  );
}
