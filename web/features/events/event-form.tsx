// The event dialog (create and edit), used by the calendar, /events, an event's page and record
// pages ("Schedule meeting", "Add event"): title, when (times in the event's own time zone, or whole
// days), where, attendees, repeat, reminders, owner, related record. Editing one occurrence of a
// series asks "this event or all events" on save and on delete (scope-dialog.tsx).
import { zodResolver } from '@hookform/resolvers/zod';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import type { RelatedType } from '../../../contracts/entities';
import type { Event, EventCreate, EventUpdate } from '../../../contracts/events';
import { EventReminderSchema } from '../../../contracts/reminders';
import { EditConflict } from '../../components/edit-conflict';
import { OwnerField } from '../../components/owner-field';
import { FormActions, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { blankToNull } from '../../lib/forms';
import { resourceHooks } from '../../lib/resource';
import { useMe } from '../auth/session';
import { RecordPicker } from '../tasks/record-picker';
import { deleteEvent, patchEvent, refreshCalendar } from './calendar.queries';
import { AttendeesField, attendeesIn, REPEATS, repeatOf, RemindersField, RruleInput, ruleOf, type Repeat } from './event-form-parts';
import { addDays, browserZone, fromLocal, toDateInput, toLocalInput, ZONES } from './event-time';
import { useScopeQuestion } from './scope-dialog';

const events = resourceHooks<Event, EventCreate, EventUpdate>('events');

type AttendeeIn = NonNullable<EventCreate['attendees']>[number];
const AttendeeInSchema = z.object({ type: z.enum(['contact', 'member']), id: z.string(), name: z.string().optional(), email: z.string().optional(), response: z.enum(['needs_action', 'accepted', 'declined', 'tentative']).optional() });

const FormSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the event a title'),
    description: z.string(),
    location: z.string(),
    allDay: z.boolean(),
    startsAt: z.string(),
    endsAt: z.string(),
    startDay: z.string(),
    endDay: z.string(),
    timezone: z.string(),
    ownerId: z.string(),
    repeat: z.enum(Object.keys(REPEATS) as [Repeat, ...Repeat[]]),
    rrule: z.string(),
    attendees: z.array(AttendeeInSchema),
    reminders: z.array(EventReminderSchema),
    related: z.object({ type: z.string(), id: z.string() }).nullable(),
  })
  .superRefine((v, ctx) => {
    const [start, end, s, e] = v.allDay ? [v.startDay, v.endDay, 'startDay', 'endDay'] : [v.startsAt, v.endsAt, 'startsAt', 'endsAt'];
    if (!start) ctx.addIssue({ code: 'custom', path: [s], message: 'When does it start?' });
    else if (end && end < start) ctx.addIssue({ code: 'custom', path: [e], message: 'must be on or after the start' });
    if (v.repeat === 'custom' && !v.rrule.trim()) ctx.addIssue({ code: 'custom', path: ['rrule'], message: 'Write the rule, e.g. FREQ=WEEKLY;BYDAY=MO' });
  })
  .transform((v): EventCreate => {
    const zone = v.timezone;
    const startsAt = v.allDay ? fromLocal(v.startDay, zone) : fromLocal(v.startsAt, zone);
    // All-day ends are exclusive (the midnight after the last day), as in iCalendar.
    const endsAt = v.allDay ? fromLocal(addDays(v.endDay || v.startDay, 1), zone) : fromLocal(v.endsAt, zone);
    return {
      title: v.title, description: blankToNull(v.description), location: blankToNull(v.location), startsAt: startsAt ?? '', endsAt, allDay: v.allDay, timezone: zone,
      ownerId: blankToNull(v.ownerId), recurrence: ruleOf(v.repeat, v.rrule), attendees: v.attendees as AttendeeIn[], reminders: v.reminders,
      relatedType: (v.related?.type as RelatedType | undefined) ?? null, relatedId: v.related?.id ?? null,
    };
  });
type FormValues = z.input<typeof FormSchema>;
const FIELDS = ['title', 'description', 'location', 'startsAt', 'endsAt', 'startDay', 'endDay', 'allDay', 'timezone', 'ownerId', 'rrule', 'attendees', 'reminders'] as const;

/** What a new event starts with (a drag on the calendar, a record page's "Schedule meeting"). */
export interface EventDraft {
  startsAt?: string;
  endsAt?: string | null;
  allDay?: boolean;
  attendees?: AttendeeIn[];
  title?: string;
}

export interface EventFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Editing this event (for an occurrence: its series, with `occurrence`). */
  event?: Event;
  /** Editing one occurrence of `event` (a series): its start in the series and its own times. */
  occurrence?: { start: string; startsAt: string; endsAt: string | null };
  /** The record a new event is about (a record page's Add event / Schedule meeting). */
  related?: { type: RelatedType; id: string };
  draft?: EventDraft;
  /** The zone new events are planned in (the calendar's); default the browser's. */
  zone?: string;
  /** Stay where we are after creating (the calendar) instead of opening the new event's page. */
  stay?: boolean;
  /** Offer Delete (the calendar; an event's own page has its own). */
  allowDelete?: boolean;
  title?: string;
}

export function EventFormDialog({ title, ...props }: EventFormDialogProps) {
  return (
    <RecordFormDialog open={props.open} onOpenChange={props.onOpenChange} title={title ?? (props.event ? 'Edit event' : 'New event')}>
      {(onDone) => <EventForm {...props} onDone={onDone} />}
    </RecordFormDialog>
  );
}

function defaults(meId: string, p: EventFormDialogProps): FormValues {
  const e = p.event;
  const zone = e?.timezone ?? p.zone ?? browserZone();
  const start = p.occurrence?.startsAt ?? e?.startsAt ?? p.draft?.startsAt ?? null;
  const end = p.occurrence ? p.occurrence.endsAt : (e?.endsAt ?? p.draft?.endsAt ?? null);
  const allDay = e?.allDay ?? p.draft?.allDay ?? false;
  // An all-day end is exclusive: the form shows the last day.
  const endDay = end ? (allDay ? addDays(toDateInput(end, zone), -1) : toDateInput(end, zone)) : '';
  const { repeat, rrule } = repeatOf(e?.recurrence);
  return {
    title: e?.title ?? p.draft?.title ?? '', description: e?.description ?? '', location: e?.location ?? '', allDay,
    startsAt: toLocalInput(start, zone), endsAt: toLocalInput(end, zone), startDay: toDateInput(start, zone), endDay: endDay && endDay < toDateInput(start, zone) ? toDateInput(start, zone) : endDay,
    timezone: zone, ownerId: e ? (e.ownerId ?? '') : meId, repeat, rrule,
    attendees: e ? attendeesIn(e.attendees) : (p.draft?.attendees ?? []), reminders: e?.reminders ?? [{ minutesBefore: 10, channels: ['in_app'] }],
    related: e?.relatedType && e.relatedId ? { type: e.relatedType, id: e.relatedId } : p.related ?? null,
  };
}

const ms = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : 0);

function EventForm(props: EventFormDialogProps & { onDone: () => void }) {
  const { event, occurrence, stay, allowDelete, onDone } = props;
  const navigate = useNavigate();
  const me = useMe();
  const create = events.useCreate();
  const update = events.useUpdate();
  const scope = useScopeQuestion();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<FormValues, unknown, EventCreate>({ resolver: zodResolver(FormSchema), defaultValues: defaults(me.user.id, props) });
  const { errors, isSubmitting } = form.formState;
  const [allDay, repeat, attendees] = form.watch(['allDay', 'repeat', 'attendees']);
  // "Email the invitation": the server sends each attendee with an address an .ics (METHOD:REQUEST) once saved.
  const [invite, setInvite] = useState(false);
  const withInvite = <T extends object>(body: T): T => (invite ? ({ ...body, notify: true } as T) : body);
  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: event,
    onReload: (current) => form.reset(defaults(me.user.id, { ...props, event: current as Event, occurrence: undefined })),
    form,
    fields: FIELDS,
    save: async (body, version) => {
      if (!event) {
        const created = await create.mutateAsync(withInvite(body));
        toast.success(`Event ${created.title} created`);
        onDone();
        if (!stay && !props.related) navigate(`/events/${created.id}`);
        return;
      }
      if (occurrence) {
        const answer = await scope.question('change');
        if (!answer) return;
        if (answer === 'this') {
          const { recurrence: _r, ...one } = body;
          await patchEvent(event.id, withInvite(one), occurrence.start);
          await refreshCalendar();
        } else {
          // The series keeps its own first start: shift it by what this occurrence moved.
          const moved = ms(body.startsAt) - ms(occurrence.startsAt);
          const length = body.endsAt ? ms(body.endsAt) - ms(body.startsAt) : null;
          const startsAt = new Date(ms(event.startsAt) + moved).toISOString();
          await update.mutateAsync({ id: event.id, body: withInvite({ ...body, startsAt, endsAt: length === null ? null : new Date(ms(startsAt) + length).toISOString() }), version });
        }
      } else {
        await update.mutateAsync({ id: event.id, body: withInvite(body), version });
      }
      toast.success('Event saved');
      onDone();
    },
  });

  async function remove() {
    if (!event) return;
    try {
      if (occurrence) {
        const answer = await scope.question('delete');
        if (!answer) return;
        await deleteEvent(event.id, answer === 'this' ? occurrence.start : null);
      } else {
        await deleteEvent(event.id);
      }
      await refreshCalendar();
      toast.success('Event deleted');
      onDone();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  const toggleAllDay = (on: boolean) => {
    const v = form.getValues();
    if (on) form.reset({ ...v, allDay: true, startDay: v.startsAt.slice(0, 10) || v.startDay, endDay: v.endsAt.slice(0, 10) || v.startsAt.slice(0, 10) || v.endDay }, { keepDirty: true, keepErrors: false });
    else form.reset({ ...v, allDay: false, startsAt: v.startsAt || (v.startDay ? `${v.startDay}T09:00` : ''), endsAt: v.endsAt || (v.startDay ? `${v.startDay}T10:00` : '') }, { keepDirty: true });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="events" onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" error={errors.title?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" placeholder="Meeting with…" {...form.register('title')} />
        </Field>
        <label className="flex items-center gap-2 text-sm text-zinc-700 sm:col-span-2">
          <input type="checkbox" className="size-4 rounded border-zinc-300" checked={allDay} onChange={(e) => toggleAllDay(e.target.checked)} /> All day
        </label>
        {allDay ? (
          <>
            <Field label="Starts" error={errors.startDay?.message}><Input type="date" {...form.register('startDay')} /></Field>
            <Field label="Ends" error={errors.endDay?.message}><Input type="date" {...form.register('endDay')} /></Field>
          </>
        ) : (
          <>
            <Field label="Starts" error={errors.startsAt?.message}><Input type="datetime-local" {...form.register('startsAt')} /></Field>
            <Field label="Ends" error={errors.endsAt?.message}><Input type="datetime-local" {...form.register('endsAt')} /></Field>
          </>
        )}
        <Field label="Time zone" error={errors.timezone?.message}>
          <Select {...form.register('timezone')}>{ZONES.map((z) => <option key={z} value={z}>{z}</option>)}</Select>
        </Field>
        <Field label="Repeats" error={errors.repeat?.message}>
          <Select {...form.register('repeat')}>
            {(Object.keys(REPEATS) as Repeat[]).map((r) => <option key={r} value={r}>{REPEATS[r]}</option>)}
          </Select>
        </Field>
        {repeat === 'custom' ? (
          <Field label="Rule (RFC 5545 RRULE)" error={errors.rrule?.message} className="sm:col-span-2" hint="Repeats from the start, in the event's time zone.">
            <RruleInput {...form.register('rrule')} />
          </Field>
        ) : null}
        <Field label="Where" error={errors.location?.message} className="sm:col-span-2">
          <Input placeholder="An address, a room or a meeting link" {...form.register('location')} />
        </Field>
        <Controller control={form.control} name="attendees" render={({ field }) => (
          <div className="space-y-1.5 sm:col-span-2">
            <span id="attendees-label" className="text-sm font-medium text-zinc-800">Attendees</span>
            <AttendeesField value={field.value as AttendeeIn[]} onChange={field.onChange} />
            {errors.attendees?.message ? <p className="text-xs text-red-600">{errors.attendees.message}</p> : null}
            {me.features.email && (attendees?.length ?? 0) > 0 ? (
              <label className="flex items-center gap-2 pt-1 text-sm">
                <input type="checkbox" className="size-4 accent-indigo-600" checked={invite} onChange={(e) => setInvite(e.target.checked)} />
                {event ? 'Email the attendees the updated invitation' : 'Email the attendees an invitation'}
              </label>
            ) : null}
          </div>
        )} />
        <Controller control={form.control} name="related" render={({ field }) => (
          <Field label="Related to" className="sm:col-span-2">
            <RecordPicker value={field.value as { type: RelatedType; id: string } | null} onChange={field.onChange} />
          </Field>
        )} />
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <div className="sm:col-span-2">
          <Controller control={form.control} name="reminders" render={({ field }) => <RemindersField value={field.value} onChange={field.onChange} error={errors.reminders?.message ?? errors.reminders?.root?.message} />} />
        </div>
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-2">
        {event && allowDelete ? (
          <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => (occurrence ? void remove() : setConfirmDelete(true))}>
            <Trash2 aria-hidden="true" /> Delete
          </Button>
        ) : <span />}
        <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={event ? 'Save changes' : 'Create event'} />
      </div>
      {scope.dialog}
      <ConfirmDialog open={confirmDelete} onOpenChange={setConfirmDelete} title="Delete this event?" description={`${event?.title ?? 'The event'} disappears from the calendar, lists and search.`} confirmLabel="Delete event" onConfirm={() => void remove()} />
    </form>
  );
}
