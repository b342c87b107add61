// Create / edit a lead in a dialog, validated with the contract's LeadCreateSchema.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { LEAD_STATUSES, LeadCreateSchema, type Lead } from '../../../contracts/sales';
import { OwnerField } from '../../components/owner-field';
import { FormActions, Options, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { EditConflict } from '../../components/edit-conflict';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { useMe } from '../auth/session';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldsForm } from '../custom-fields/use-custom-fields-form';
import { useCreateLead, useUpdateLead, type LeadCreate } from './leads.queries';

const text = z.string();
const EDITABLE_STATUSES = LEAD_STATUSES.filter((s) => s !== 'converted');
const LeadFormSchema = z
  .object({
    firstName: text, lastName: text, email: text, phone: text, companyName: text, title: text, source: text,
    status: z.enum(LEAD_STATUSES), score: text.regex(/^(\d{1,3})?$/, 'must be a whole number from 0 to 100'), ownerId: text, notes: text,
  })
  .transform((v): LeadCreate => ({
    firstName: blankToNull(v.firstName), lastName: blankToNull(v.lastName), email: blankToNull(v.email), phone: blankToNull(v.phone),
    companyName: blankToNull(v.companyName), title: blankToNull(v.title), source: blankToNull(v.source), status: v.status,
    score: v.score === '' ? null : Number(v.score), ownerId: blankToNull(v.ownerId), notes: blankToNull(v.notes),
  }))
  .pipe(LeadCreateSchema);
type LeadFormValues = z.input<typeof LeadFormSchema>;
const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'companyName', 'title', 'source', 'status', 'score', 'ownerId', 'notes'] as const;

export function LeadFormDialog({ open, onOpenChange, lead }: { open: boolean; onOpenChange: (open: boolean) => void; lead?: Lead }) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={lead ? 'Edit lead' : 'New lead'}>
      {(onDone) => <LeadForm lead={lead} onDone={onDone} />}
    </RecordFormDialog>
  );
}

/** The form's values for a record, or for a new one (owned by whoever adds it). */
function defaults(meId: string, lead?: Lead): LeadFormValues {
  return {
    firstName: lead?.firstName ?? '', lastName: lead?.lastName ?? '', email: lead?.email ?? '', phone: lead?.phone ?? '', companyName: lead?.companyName ?? '',
    title: lead?.title ?? '', source: lead?.source ?? '', status: lead?.status ?? 'new', score: lead?.score === null || lead?.score === undefined ? '' : String(lead.score),
    ownerId: lead ? (lead.ownerId ?? '') : meId, notes: lead?.notes ?? '',
  };
}

function LeadForm({ lead, onDone }: { lead?: Lead; onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateLead();
  const update = useUpdateLead();
  const custom = useCustomFieldsForm('lead', lead);
  const form = useForm<LeadFormValues, unknown, z.output<typeof LeadFormSchema>>({
    resolver: zodResolver(LeadFormSchema),
    defaultValues: defaults(me.user.id, lead),
  });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: lead,
    onReload: (current) => form.reset(defaults(me.user.id, current as Lead)),
    form,
    fields: FIELDS,
    custom,
    save: async (body, version) => {
      if (lead) {
        await update.mutateAsync({ id: lead.id, body, version });
        toast.success('Lead saved');
        onDone();
      } else {
        const created = await create.mutateAsync(body);
        toast.success(`Lead ${created.fullName || created.email || created.companyName} created`);
        onDone();
        navigate(`/leads/${created.id}`);
      }
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="leads" labels={{ title: 'Job title', companyName: 'Company' }} onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" error={errors.firstName?.message}>
          <Input autoFocus autoComplete="off" {...form.register('firstName')} />
        </Field>
        <Field label="Last name" error={errors.lastName?.message}>
          <Input autoComplete="off" {...form.register('lastName')} />
        </Field>
        <Field label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="off" {...form.register('email')} />
        </Field>
        <Field label="Phone" error={errors.phone?.message}>
          <Input type="tel" autoComplete="off" {...form.register('phone')} />
        </Field>
        <Field label="Company" error={errors.companyName?.message}>
          <Input autoComplete="off" {...form.register('companyName')} />
        </Field>
        <Field label="Job title" error={errors.title?.message}>
          <Input {...form.register('title')} />
        </Field>
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            <Options values={lead?.status === 'converted' ? (['converted'] as const) : EDITABLE_STATUSES} />
          </Select>
        </Field>
        <Field label="Score" error={errors.score?.message} hint="0–100, computed from fit and engagement. A different number is kept as a manual override; clear it to recompute.">
          <Input inputMode="numeric" {...form.register('score')} />
        </Field>
        <Field label="Source" error={errors.source?.message}>
          <Input placeholder="Website, referral, event…" {...form.register('source')} />
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <Field label="Notes" error={errors.notes?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('notes')} />
        </Field>
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={lead ? 'Save changes' : 'Create lead'} />
    </form>
  );
}
