// Create / edit a campaign in a dialog: type and status, dates, budget and actual cost (typed as
// people write amounts: "5k", "7,500"), owner, goals, tags and the campaign custom fields.
// Validation is the contract's CampaignCreateSchema fed the form's strings (blank → null).
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, CampaignCreateSchema, MERGE_FIELDS, type Campaign } from '../../../contracts/campaigns';
import { AmountTextSchema } from '../../../contracts/money';
import { EditConflict } from '../../components/edit-conflict';
import { OwnerField } from '../../components/owner-field';
import { FormActions, Options, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { useMe } from '../auth/session';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldsForm } from '../custom-fields/use-custom-fields-form';
import { TagsField } from '../tags/tags-field';
import { label, useCreateCampaign, useUpdateCampaign, type CampaignCreate } from './campaigns.queries';

const text = z.string();
const CampaignFormSchema = z
  .object({
    name: text, description: text, type: z.enum(CAMPAIGN_TYPES), status: z.enum(CAMPAIGN_STATUSES), startDate: text, endDate: text,
    budget: AmountTextSchema, actualCost: AmountTextSchema, currency: text.trim().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO currency code'),
    ownerId: text, goals: text, tags: z.array(z.string()), emailSubject: text, emailBody: text,
  })
  .transform((v): CampaignCreate => ({
    name: v.name, description: blankToNull(v.description), type: v.type, status: v.status, startDate: blankToNull(v.startDate), endDate: blankToNull(v.endDate),
    budget: blankToNull(v.budget), actualCost: blankToNull(v.actualCost), currency: v.currency.toUpperCase(), ownerId: blankToNull(v.ownerId), goals: blankToNull(v.goals), tags: v.tags,
    emailSubject: blankToNull(v.emailSubject), emailBody: blankToNull(v.emailBody),
  }))
  .pipe(CampaignCreateSchema);
type CampaignFormValues = z.input<typeof CampaignFormSchema>;
const FIELDS = ['name', 'description', 'type', 'status', 'startDate', 'endDate', 'budget', 'actualCost', 'currency', 'ownerId', 'goals', 'tags', 'emailSubject', 'emailBody'] as const;

function defaults(fresh: { meId: string; currency: string }, c?: Campaign): CampaignFormValues {
  return {
    name: c?.name ?? '', description: c?.description ?? '', type: c?.type ?? 'email', status: c?.status ?? 'planning', startDate: c?.startDate ?? '', endDate: c?.endDate ?? '',
    budget: c?.budget ?? '', actualCost: c?.actualCost ?? '', currency: c?.currency ?? fresh.currency, ownerId: c ? (c.ownerId ?? '') : fresh.meId, goals: c?.goals ?? '', tags: c?.tags ?? [],
    emailSubject: c?.emailSubject ?? '', emailBody: c?.emailBody ?? '',
  };
}

interface CampaignFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  campaign?: Campaign;
}

export function CampaignFormDialog({ open, onOpenChange, campaign }: CampaignFormDialogProps) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={campaign ? 'Edit campaign' : 'New campaign'}>
      {(onDone) => <CampaignForm campaign={campaign} onDone={onDone} />}
    </RecordFormDialog>
  );
}

function CampaignForm({ campaign, onDone }: { campaign?: Campaign; onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const custom = useCustomFieldsForm('campaign', campaign);
  const fresh = { meId: me.user.id, currency: me.organization.currency };
  const form = useForm<CampaignFormValues, unknown, z.output<typeof CampaignFormSchema>>({ resolver: zodResolver(CampaignFormSchema), defaultValues: defaults(fresh, campaign) });
  const { errors, isSubmitting } = form.formState;

  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: campaign,
    onReload: (current) => form.reset(defaults(fresh, current as Campaign)),
    form,
    fields: FIELDS,
    custom,
    save: async (body, version) => {
      if (campaign) {
        await update.mutateAsync({ id: campaign.id, body, version });
        toast.success('Campaign saved');
        onDone();
      } else {
        const created = await create.mutateAsync(body);
        toast.success(`Campaign ${created.name} created`);
        onDone();
        navigate(`/campaigns/${created.id}`);
      }
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="campaigns" onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Type" error={errors.type?.message}>
          <Select {...form.register('type')}>
            <Options values={CAMPAIGN_TYPES} label={label} />
          </Select>
        </Field>
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            <Options values={CAMPAIGN_STATUSES} label={label} />
          </Select>
        </Field>
        <Field label="Start date" error={errors.startDate?.message}>
          <Input type="date" {...form.register('startDate')} />
        </Field>
        <Field label="End date" error={errors.endDate?.message}>
          <Input type="date" {...form.register('endDate')} />
        </Field>
        <Field label="Budget" error={errors.budget?.message}>
          <Input autoComplete="off" placeholder="e.g. 5k or 7,500" {...form.register('budget')} />
        </Field>
        <Field label="Actual cost" error={errors.actualCost?.message}>
          <Input autoComplete="off" placeholder="What was spent so far" {...form.register('actualCost')} />
        </Field>
        <Field label="Currency" error={errors.currency?.message}>
          <Input autoComplete="off" maxLength={3} {...form.register('currency')} />
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <Field label="Goals" error={errors.goals?.message} className="sm:col-span-2">
          <Textarea rows={2} placeholder="e.g. 200 sign-ups, 10 deals" {...form.register('goals')} />
        </Field>
        <TagsField control={form.control} error={errors.tags?.message} className="sm:col-span-2" />
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
        {form.watch('type') === 'email' ? (
          <>
            <Field label="Email subject" error={errors.emailSubject?.message} className="sm:col-span-2">
              <Input autoComplete="off" placeholder="e.g. {{firstName}}, join our spring webinar" {...form.register('emailSubject')} />
            </Field>
            <Field label="Email message" error={errors.emailBody?.message} className="sm:col-span-2" hint={`Merge fields: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(' ')}. Links are tracked; an unsubscribe link is added.`}>
              <Textarea rows={6} {...form.register('emailBody')} />
            </Field>
          </>
        ) : null}
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={campaign ? 'Save changes' : 'Create campaign'} />
    </form>
  );
}
