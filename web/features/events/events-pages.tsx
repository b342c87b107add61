// Calendar events: the /events list (upcoming first), an event's page and the create / edit form.
// The calendar itself (month/week views, attendees, reminders) comes with Issue 11.
import { zodResolver } from '@hookform/resolvers/zod';
import { CalendarDays, MapPin } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { recordPath, type RelatedType } from '../../../contracts/entities';
import { EventCreateSchema, type Event, type EventCreate } from '../../../contracts/events';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { textEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, ListToolbar, NameLink, useListPage, useNewRecord } from '../../components/list-page';
import { Fields } from '../../components/record';
import { OwnerField } from '../../components/owner-field';
import { FormActions, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { EditConflict } from '../../components/edit-conflict';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { resourceHooks } from '../../lib/resource';
import { formatDate, formatDateTime, titleCase } from '../../lib/utils';
import { AttachmentsSection } from '../attachments/attachments-section';
import { canEdit, useMe } from '../auth/session';
import { ExportMenu } from '../export/export-menu';
import { NotesSection } from '../notes/notes-section';
import { RelatedTasks } from '../records/related-tasks';

const events = resourceHooks<Event, EventCreate, Partial<EventCreate>>('events');

/** "15 Dec 2026, 14:00 – 15:00" in the viewer's locale; all-day events show dates only. */
function when(e: Pick<Event, 'startsAt' | 'endsAt' | 'allDay'>) {
  const show = e.allDay ? formatDate : formatDateTime;
  return e.endsAt && e.endsAt !== e.startsAt ? `${show(e.startsAt)} – ${show(e.endsAt)}` : show(e.startsAt);
}

const VIEWS = ['upcoming', 'mine', 'today', 'week'] as const;

const EVENT_COLUMNS: GridColumn<Event>[] = [
  { id: 'title', header: 'Title', sort: 'title', size: 260, pinned: true, cell: (e) => <NameLink to={`/events/${e.id}`}>{e.title}</NameLink> },
  { id: 'when', header: 'When', sort: 'startsAt', size: 280, cell: when },
  { id: 'location', header: 'Where', sort: 'location', size: 200, cell: (e) => e.location ?? '—', edit: textEditor('location', 'Location') },
];

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

/** A datetime-local input's value ("2026-12-15T14:00", local time) ↔ the API's ISO instant. */
const toInput = (iso: string | null | undefined) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const fromInput = (local: string) => (local ? new Date(local).toISOString() : null);

const text = z.string();
const EventFormSchema = z
  .object({ title: text, description: text, location: text, startsAt: text.min(1, 'When does it start?'), endsAt: text, allDay: z.boolean(), timezone: text, ownerId: text })
  .transform((v): EventCreate => ({
    title: v.title, description: blankToNull(v.description), location: blankToNull(v.location), startsAt: fromInput(v.startsAt) ?? '', endsAt: fromInput(v.endsAt),
    allDay: v.allDay, timezone: v.timezone, ownerId: blankToNull(v.ownerId),
  }))
  .pipe(EventCreateSchema)
  .refine((e) => !e.endsAt || e.endsAt >= e.startsAt, { message: 'must be on or after the start', path: ['endsAt'] });
type EventFormValues = z.input<typeof EventFormSchema>;
const FIELDS = ['title', 'description', 'location', 'startsAt', 'endsAt', 'allDay', 'timezone', 'ownerId'] as const;
const ZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

interface EventFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  event?: Event;
  /** The record a new event is about (a record page's Add event); it then stays on that page. */
  related?: { type: RelatedType; id: string };
}

export function EventFormDialog({ open, onOpenChange, event, related }: EventFormDialogProps) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={event ? 'Edit event' : 'New event'}>
      {(onDone) => <EventForm event={event} related={related} onDone={onDone} />}
    </RecordFormDialog>
  );
}

/** The form's values for a record, or for a new one (owned by whoever adds it). */
function defaults(meId: string, event?: Event): EventFormValues {
  return {
    title: event?.title ?? '', description: event?.description ?? '', location: event?.location ?? '', startsAt: toInput(event?.startsAt), endsAt: toInput(event?.endsAt),
    allDay: event?.allDay ?? false, timezone: event?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, ownerId: event ? (event.ownerId ?? '') : meId,
  };
}

function EventForm({ event, related, onDone }: { event?: Event; related?: { type: RelatedType; id: string }; onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = events.useCreate();
  const update = events.useUpdate();
  const form = useForm<EventFormValues, unknown, z.output<typeof EventFormSchema>>({
    resolver: zodResolver(EventFormSchema),
    defaultValues: defaults(me.user.id, event),
  });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: event,
    onReload: (current) => form.reset(defaults(me.user.id, current as Event)),
    form,
    fields: FIELDS,
    save: async (body, version) => {
      if (event) {
        await update.mutateAsync({ id: event.id, body, version });
        toast.success('Event saved');
        onDone();
      } else {
        const created = await create.mutateAsync({ ...body, ...(related ? { relatedType: related.type, relatedId: related.id } : {}) });
        toast.success(`Event ${created.title} created`);
        onDone();
        if (!related) navigate(`/events/${created.id}`);
      }
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="events" onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" error={errors.title?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" {...form.register('title')} />
        </Field>
        <Field label="Starts" error={errors.startsAt?.message}>
          <Input type="datetime-local" {...form.register('startsAt')} />
        </Field>
        <Field label="Ends" error={errors.endsAt?.message}>
          <Input type="datetime-local" {...form.register('endsAt')} />
        </Field>
        <Field label="Time zone" error={errors.timezone?.message}>
          <Select {...form.register('timezone')}>
            {ZONES.map((z) => <option key={z} value={z}>{z}</option>)}
          </Select>
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <Field label="Where" error={errors.location?.message} className="sm:col-span-2">
          <Input placeholder="An address, a room or a meeting link" {...form.register('location')} />
        </Field>
        <label className="flex items-center gap-2 text-sm text-zinc-700 sm:col-span-2">
          <input type="checkbox" className="size-4 rounded border-zinc-300" {...form.register('allDay')} /> All day
        </label>
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </div>
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={event ? 'Save changes' : 'Create event'} />
    </form>
  );
}
