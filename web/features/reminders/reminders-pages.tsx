// Reminders: the /reminders list (mine and upcoming first; tick one done right in the list), a
// reminder's page, and the create / edit form. They fire into the bell (and email) at their time.
import { zodResolver } from '@hookform/resolvers/zod';
import { BellRing } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { recordPath, type RelatedType } from '../../../contracts/entities';
import { REMINDER_CHANNELS, REMINDER_VIEWS, ReminderCreateSchema, type Reminder, type ReminderCreate } from '../../../contracts/reminders';
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
import { DeleteRecordDialog, EditDeleteButtons, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { Badge } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { blankToNull } from '../../lib/forms';
import { resourceHooks } from '../../lib/resource';
import { formatDateTime, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { ExportMenu } from '../export/export-menu';

const reminders = resourceHooks<Reminder, ReminderCreate, Partial<ReminderCreate>>('reminders');
const CHANNEL_LABELS = { in_app: 'In the app', email: 'Email' } as const;

function status(r: Reminder) {
  if (r.done) return <Badge tone="customer">Done</Badge>;
  if (r.firedAt) return <Badge tone="lead">Sent</Badge>;
  if (Date.parse(r.remindAt) < Date.now()) return <Badge tone="prospect">Due</Badge>;
  return <Badge>Scheduled</Badge>;
}

function DoneBox({ r }: { r: Reminder }) {
  const me = useMe();
  const update = reminders.useUpdate();
  return (
    <input
      type="checkbox"
      className="size-4 accent-indigo-600"
      aria-label={r.done ? `Mark “${r.title}” not done` : `Mark “${r.title}” done`}
      checked={r.done}
      disabled={!canEdit(me.role) || update.isPending}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => update.mutate({ id: r.id, body: { done: e.target.checked } }, { onError: (err) => toast.error(errorMessage(err)) })}
    />
  );
}

const COLUMNS: GridColumn<Reminder>[] = [
  { id: 'done', header: 'Done', sort: 'done', size: 64, cell: (r) => <DoneBox r={r} /> },
  { id: 'title', header: 'Reminder', sort: 'title', size: 280, pinned: true, cell: (r) => <NameLink to={`/reminders/${r.id}`}>{r.title}</NameLink>, edit: textEditor('title', 'Title') },
  { id: 'remindAt', header: 'When', sort: 'remindAt', size: 200, cell: (r) => formatDateTime(r.remindAt) },
  { id: 'status', header: 'Status', size: 120, cell: status },
];

export function RemindersPage() {
  const { creating, setCreating, newButton } = useNewRecord('New reminder');
  const list = useListPage('remindAt', ['view']);
  const { view: _preset, ...filter } = list.filter;
  const view = list.filters.view;
  const query = reminders.useList({ ...list.params, filter, view: view || undefined });
  const grid = useDataGrid('reminders', 'reminders', COLUMNS);
  return (
    <>
      <PageHeader title="Reminders" description="They reach you in the bell — and by email — at the time you set." actions={<><ExportMenu resource="reminders" query={{ ...list.exportQuery, filter, view: view || undefined }} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search reminders">
        <Select aria-label="Show" className="sm:w-40" value={list.filters.view} onChange={(e) => list.update({ view: e.target.value })}>
          <option value="">All reminders</option>
          {REMINDER_VIEWS.map((v) => <option key={v} value={v}>{titleCase(v)}</option>)}
        </Select>
        {grid.menu}
      </ListToolbar>
      <ListTable
        query={query}
        list={list}
        label="Reminders"
        noMatches="No reminders match your search or filters."
        empty={<EmptyState icon={<BellRing aria-hidden="true" />} title="No reminders yet" message={'Set one here, or ask the assistant: "remind me to call Bob tomorrow at 10".'} action={newButton} />}
        grid={grid}
        href={(r) => `/reminders/${r.id}`}
      />
      <ReminderFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

export function ReminderDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const reminder = reminders.useOne(id);
  const activities = reminders.useActivities(id);
  const update = reminders.useUpdate();
  const actions = useRecordActions({ remove: reminders.useDelete(), restore: reminders.useRestore(), listPath: '/reminders', label: () => reminder.data?.title ?? 'Reminder' });
  return (
    <RecordPage query={reminder} listPath="/reminders" listLabel="Reminders">
      {(r) => {
        const about = recordPath(r.relatedType, r.relatedId);
        const toggle = canEdit(me.role) ? (
          <Button variant="secondary" disabled={update.isPending} onClick={() => update.mutate({ id: r.id, body: { done: !r.done } }, { onError: (e) => toast.error(errorMessage(e)) })}>
            {r.done ? 'Not done' : 'Mark done'}
          </Button>
        ) : null;
        return (
          <>
            <PageHeader title={r.title} description={formatDateTime(r.remindAt)} actions={canEdit(me.role) ? <>{toggle}<EditDeleteButtons actions={actions} /></> : null} />
            <div className="grid gap-6 lg:grid-cols-3">
              <RecordSection id="reminder-details" title="Details" className="p-6 lg:col-span-2">
                <Fields
                  items={[
                    { label: 'When', value: formatDateTime(r.remindAt) },
                    { label: 'Status', value: status(r) },
                    { label: 'Sent', value: r.firedAt ? formatDateTime(r.firedAt) : null },
                    { label: 'How', value: r.channels.map((c) => CHANNEL_LABELS[c]).join(', ') },
                    { label: 'About', value: about ? <Link to={about} className="font-medium text-indigo-700 hover:underline">{titleCase(r.relatedType ?? '')}</Link> : null },
                    { label: 'Added', value: formatDateTime(r.createdAt) },
                  ]}
                />
              </RecordSection>
              <TimelineCard noun="reminder" activities={activities} />
            </div>
            <ReminderFormDialog open={actions.editing} onOpenChange={actions.setEditing} reminder={r} />
            <DeleteRecordDialog actions={actions} id={r.id} name={r.title} description="The reminder will not fire. You can undo this right after." confirmLabel="Delete reminder" />
          </>
        );
      }}
    </RecordPage>
  );
}

/** A datetime-local input's value (local time) ↔ the API's ISO instant. */
const toInput = (iso: string | null | undefined) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const text = z.string();
const FormSchema = z
  .object({ title: text, remindAt: text.min(1, 'When should it remind you?'), inApp: z.boolean(), email: z.boolean(), ownerId: text })
  .transform((v): ReminderCreate => ({
    title: v.title,
    remindAt: v.remindAt ? new Date(v.remindAt).toISOString() : '',
    channels: REMINDER_CHANNELS.filter((c) => (c === 'in_app' ? v.inApp : v.email)),
    ownerId: blankToNull(v.ownerId),
  }))
  .pipe(ReminderCreateSchema);
type FormValues = z.input<typeof FormSchema>;
const FIELDS = ['title', 'remindAt', 'channels', 'ownerId'] as const;

function defaults(meId: string, r?: Reminder): FormValues {
  // A new reminder: in an hour, on the hour — what a phone's reminder app proposes.
  const soon = new Date(Math.ceil((Date.now() + 3600_000) / 3600_000) * 3600_000).toISOString();
  return { title: r?.title ?? '', remindAt: toInput(r?.remindAt ?? soon), inApp: r ? r.channels.includes('in_app') : true, email: r ? r.channels.includes('email') : true, ownerId: r ? (r.ownerId ?? '') : meId };
}

export function ReminderFormDialog({ open, onOpenChange, reminder, related }: { open: boolean; onOpenChange: (o: boolean) => void; reminder?: Reminder; related?: { type: RelatedType; id: string } }) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={reminder ? 'Edit reminder' : 'New reminder'}>
      {(onDone) => <ReminderForm reminder={reminder} related={related} onDone={onDone} />}
    </RecordFormDialog>
  );
}

function ReminderForm({ reminder, related, onDone }: { reminder?: Reminder; related?: { type: RelatedType; id: string }; onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = reminders.useCreate();
  const update = reminders.useUpdate();
  const form = useForm<FormValues, unknown, z.output<typeof FormSchema>>({ resolver: zodResolver(FormSchema), defaultValues: defaults(me.user.id, reminder) });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: reminder,
    onReload: (current) => form.reset(defaults(me.user.id, current as Reminder)),
    form,
    fields: FIELDS,
    save: async (body, version) => {
      if (reminder) {
        await update.mutateAsync({ id: reminder.id, body, version });
        toast.success('Reminder saved');
        onDone();
      } else {
        const created = await create.mutateAsync({ ...body, ...(related ? { relatedType: related.type, relatedId: related.id } : {}) });
        toast.success(`Reminder set for ${formatDateTime(created.remindAt)}`);
        onDone();
        if (!related) navigate('/reminders');
      }
    },
  });
  const channelsError = (errors as { channels?: { message?: string } }).channels?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="reminders" onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Remind me to" error={errors.title?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" placeholder="Call Bob about the renewal" {...form.register('title')} />
        </Field>
        <Field label="When" error={errors.remindAt?.message}>
          <Input type="datetime-local" {...form.register('remindAt')} />
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-zinc-700">How</legend>
          <div className="flex gap-4 text-sm text-zinc-700">
            <label className="flex items-center gap-2"><input type="checkbox" className="size-4 accent-indigo-600" {...form.register('inApp')} /> In the app</label>
            <label className="flex items-center gap-2"><input type="checkbox" className="size-4 accent-indigo-600" {...form.register('email')} /> Email</label>
          </div>
          {channelsError && <p className="mt-1 text-xs text-red-600">{channelsError}</p>}
        </fieldset>
      </div>
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={reminder ? 'Save changes' : 'Set reminder'} />
    </form>
  );
}
