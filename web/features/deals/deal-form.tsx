// Create / edit a deal in a dialog. Pipeline and stage are chosen at creation; later stage changes
// go through the board or the deal page's stage stepper (moves keep positions, history and lost
// reasons right). A new deal is owned by whoever creates it; from a contact's or company's page it
// starts with that contact as primary contact and that company.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import type { Deal, Pipeline } from '../../../contracts/sales';
import { OwnerField } from '../../components/owner-field';
import { FormActions, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { EditConflict } from '../../components/edit-conflict';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { useMe } from '../auth/session';
import { CompanyPicker } from '../contacts/company-picker';
import { ContactPicker, contactName as contactLabel } from '../contacts/contact-picker';
import { useContacts } from '../contacts/contacts.queries';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldsForm } from '../custom-fields/use-custom-fields-form';
import { TagsField } from '../tags/tags-field';
import { CampaignPicker } from '../campaigns/campaign-picker';
import { AMOUNT_TEXT } from './deal-quick-edit';
import { useCreateDeal, usePipelines, useUpdateDeal, type DealCreate } from './deals.queries';

const text = z.string();
const DealFormSchema = z
  .object({
    name: text.trim().min(1, 'Name is required'), amount: AMOUNT_TEXT, currency: text.trim().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO currency code'),
    pipelineId: text, stageId: text, expectedCloseDate: text, companyId: z.string().nullable(), primaryContactId: z.string().nullable(), ownerId: text, source: text, tags: z.array(z.string()), description: text, campaignId: z.string().nullable(),
  })
  .transform((v): DealCreate => ({
    name: v.name, amount: blankToNull(v.amount), currency: v.currency.toUpperCase(), expectedCloseDate: blankToNull(v.expectedCloseDate),
    companyId: v.companyId, primaryContactId: v.primaryContactId, ownerId: blankToNull(v.ownerId), source: blankToNull(v.source), tags: v.tags, description: blankToNull(v.description), campaignId: v.campaignId,
    ...(v.pipelineId ? { pipelineId: v.pipelineId } : {}), ...(v.stageId ? { stageId: v.stageId } : {}),
  }));
type DealFormValues = z.input<typeof DealFormSchema>;
const FIELDS = ['name', 'amount', 'currency', 'pipelineId', 'stageId', 'expectedCloseDate', 'companyId', 'primaryContactId', 'ownerId', 'source', 'tags', 'description', 'campaignId'] as const;

interface DealFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deal?: Deal;
  /** Preselected pipeline when creating from the board. */
  pipelineId?: string;
  /** Preset company and primary contact when adding from a record's page. */
  company?: { id: string; name: string } | null;
  primaryContact?: { id: string; name: string } | null;
  /** Called with a new deal instead of opening its page (adding in place). */
  onCreated?: (deal: Deal) => void;
}

export function DealFormDialog({ open, onOpenChange, ...props }: DealFormDialogProps) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={props.deal ? 'Edit deal' : 'New deal'}>
      {(onDone) => <DealForm {...props} onDone={onDone} />}
    </RecordFormDialog>
  );
}

/** The form's values for a deal, or for a new one: prefilled from the page it is opened on, owned by you, in the org's currency. */
function defaults(deal: Deal | undefined, pipelineId: string | undefined, fresh: { meId: string; currency: string; companyId?: string | null; primaryContactId?: string | null }): DealFormValues {
  return {
    name: deal?.name ?? '', amount: deal?.amount ?? '', currency: deal?.currency ?? fresh.currency, pipelineId: deal?.pipelineId ?? pipelineId ?? '', stageId: '',
    expectedCloseDate: deal?.expectedCloseDate ?? '', companyId: deal ? deal.companyId : (fresh.companyId ?? null),
    primaryContactId: deal ? deal.primaryContactId : (fresh.primaryContactId ?? null), ownerId: deal ? (deal.ownerId ?? '') : fresh.meId, source: deal?.source ?? '',
    tags: deal?.tags ?? [], description: deal?.description ?? '', campaignId: deal?.campaignId ?? null,
  };
}

function DealForm({ deal, pipelineId, company, primaryContact, onCreated, onDone }: Omit<DealFormDialogProps, 'open' | 'onOpenChange'> & { onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateDeal();
  const update = useUpdateDeal();
  const pipelines = usePipelines();
  const custom = useCustomFieldsForm('deal', deal);
  const [companyName, setCompanyName] = useState<string | null>(deal ? (deal.company?.name ?? null) : (company?.name ?? null));
  const [campaignName, setCampaignName] = useState<string | null>(deal?.campaign?.name ?? null);
  const [contactName, setContactName] = useState<string | null>(deal ? null : (primaryContact?.name ?? null));
  const savedContact = useContacts({ limit: 1, filter: { id: deal?.primaryContactId ?? '' } }, { enabled: Boolean(deal?.primaryContactId) });
  const shownContactName = contactName ?? (savedContact.data?.data[0] ? contactLabel(savedContact.data.data[0]) : null);
  const fresh = { meId: me.user.id, currency: me.organization.currency, companyId: company?.id, primaryContactId: primaryContact?.id };
  const form = useForm<DealFormValues, unknown, DealCreate>({
    resolver: zodResolver(DealFormSchema),
    defaultValues: defaults(deal, pipelineId, fresh),
  });
  const { errors, isSubmitting } = form.formState;
  const chosenPipeline: Pipeline | undefined = pipelines.data?.find((p) => p.id === form.watch('pipelineId')) ?? pipelines.data?.find((p) => p.isDefault);

  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: deal,
    onReload: (current) => {
      const d = current as Deal;
      form.reset(defaults(d, pipelineId, fresh));
      setCompanyName(d.company?.name ?? null);
      setCampaignName(d.campaign?.name ?? null);
    },
    form,
    fields: FIELDS,
    custom,
    save: async (body, version) => {
      if (deal) {
        const { pipelineId: _p, stageId: _s, ...changes } = body;
        await update.mutateAsync({ id: deal.id, body: changes, version });
        toast.success('Deal saved');
        onDone();
      } else {
        const created = await create.mutateAsync(body);
        toast.success(`Deal ${created.name} created`);
        onDone();
        if (onCreated) onCreated(created);
        else if (!pipelineId) navigate(`/deals/${created.id}`);
      }
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="deals" onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Amount" error={errors.amount?.message}>
          <Input autoComplete="off" placeholder="e.g. 20k or 7,500" {...form.register('amount')} />
        </Field>
        <Field label="Currency" error={errors.currency?.message}>
          <Input maxLength={3} className="uppercase" {...form.register('currency')} />
        </Field>
        {deal ? null : (
          <>
            <Field label="Pipeline" error={errors.pipelineId?.message}>
              <Select {...form.register('pipelineId', { onChange: () => form.setValue('stageId', '') })}>
                <option value="">Default pipeline</option>
                {pipelines.data?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Stage" error={errors.stageId?.message}>
              <Select {...form.register('stageId')}>
                <option value="">First open stage</option>
                {chosenPipeline?.stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        )}
        <Field label="Expected close date" error={errors.expectedCloseDate?.message}>
          <Input type="date" {...form.register('expectedCloseDate')} />
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <Controller
          control={form.control}
          name="companyId"
          render={({ field }) => (
            <Field label="Company" error={errors.companyId?.message}>
              <CompanyPicker value={field.value} selectedName={companyName} onChange={(c) => { setCompanyName(c?.name ?? null); field.onChange(c?.id ?? null); }} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="primaryContactId"
          render={({ field }) => (
            <Field label="Primary contact" error={errors.primaryContactId?.message}>
              <ContactPicker
                value={field.value}
                selectedName={shownContactName}
                companyId={form.watch('companyId')}
                onChange={(c) => { setContactName(c?.name ?? null); field.onChange(c?.id ?? null); }}
              />
            </Field>
          )}
        />
        <Field label="Source" error={errors.source?.message}>
          <Input placeholder="Referral, website, event…" {...form.register('source')} />
        </Field>
        <Controller
          control={form.control}
          name="campaignId"
          render={({ field }) => (
            <Field label="Campaign" error={errors.campaignId?.message}>
              <CampaignPicker value={field.value} selectedName={campaignName} onChange={(c) => { setCampaignName(c?.name ?? null); field.onChange(c?.id ?? null); }} />
            </Field>
          )}
        />
        <TagsField control={form.control} error={errors.tags?.message} className="sm:col-span-2" />
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={deal ? 'Save changes' : 'Create deal'} />
    </form>
  );
}
