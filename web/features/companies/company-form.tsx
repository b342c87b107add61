// Create / edit a company in a dialog, validated by the contract's CompanyCreateSchema.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { COMPANY_SIZES, COMPANY_STATUSES, CompanyCreateSchema, type Company, type CompanyCreate } from '../../../contracts/companies';
import { OwnerField } from '../../components/owner-field';
import { EditConflict } from '../../components/edit-conflict';
import { FormActions, Options, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { useMe } from '../auth/session';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldsForm } from '../custom-fields/use-custom-fields-form';
import { TagsField } from '../tags/tags-field';
import { useCreateCompany, useUpdateCompany } from './companies.queries';

const text = z.string();
/** "" → null, "12" → 12; anything else stays as text so the contract reports it on the field. */
function countOrText(v: string): number | null {
  const t = v.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

const CompanyFormSchema = z
  .object({
    name: text, domain: text, website: text, industry: text, size: z.union([z.enum(COMPANY_SIZES), z.literal('')]),
    status: z.enum(COMPANY_STATUSES), description: text, address: text, annualRevenue: text, employeeCount: text, tags: z.array(z.string()), ownerId: text,
  })
  .transform((v): CompanyCreate => ({
    name: v.name, domain: blankToNull(v.domain), website: blankToNull(v.website), industry: blankToNull(v.industry),
    size: v.size === '' ? null : v.size, status: v.status, description: blankToNull(v.description), address: blankToNull(v.address),
    annualRevenue: blankToNull(v.annualRevenue), employeeCount: countOrText(v.employeeCount), tags: v.tags, ownerId: blankToNull(v.ownerId),
  }))
  .pipe(CompanyCreateSchema);
type CompanyFormValues = z.input<typeof CompanyFormSchema>;
const FIELDS = ['name', 'domain', 'website', 'industry', 'size', 'status', 'description', 'address', 'annualRevenue', 'employeeCount', 'tags', 'ownerId'] as const;

/** A new company is owned by whoever creates it. */
function defaults(me: string, c?: Company): CompanyFormValues {
  return {
    name: c?.name ?? '', domain: c?.domain ?? '', website: c?.website ?? '', industry: c?.industry ?? '',
    size: (COMPANY_SIZES as readonly string[]).includes(c?.size ?? '') ? (c?.size as (typeof COMPANY_SIZES)[number]) : '',
    status: c?.status ?? 'lead', description: c?.description ?? '', address: c?.address ?? '', annualRevenue: c?.annualRevenue ?? '',
    employeeCount: c?.employeeCount?.toString() ?? '', tags: c?.tags ?? [], ownerId: c ? (c.ownerId ?? '') : me,
  };
}

export function CompanyFormDialog({ open, onOpenChange, company }: { open: boolean; onOpenChange: (open: boolean) => void; company?: Company }) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={company ? 'Edit company' : 'New company'}>
      {(onDone) => <CompanyForm company={company} onDone={onDone} />}
    </RecordFormDialog>
  );
}

function CompanyForm({ company, onDone }: { company?: Company; onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateCompany();
  const update = useUpdateCompany();
  const custom = useCustomFieldsForm('company', company);
  const form = useForm<CompanyFormValues, unknown, z.output<typeof CompanyFormSchema>>({
    resolver: zodResolver(CompanyFormSchema),
    defaultValues: defaults(me.user.id, company),
  });
  const { errors, isSubmitting } = form.formState;

  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: company,
    onReload: (current) => form.reset(defaults(me.user.id, current as Company)),
    form,
    fields: FIELDS,
    custom,
    save: async (body, version) => {
      if (company) {
        await update.mutateAsync({ id: company.id, body, version });
        toast.success('Company saved');
        onDone();
      } else {
        const created = await create.mutateAsync(body);
        toast.success(`Company ${created.name} created`);
        onDone();
        navigate(`/companies/${created.id}`);
      }
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="companies" labels={{ employeeCount: 'Employees' }} onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Domain" error={errors.domain?.message}>
          <Input placeholder="acme.com" {...form.register('domain')} />
        </Field>
        <Field label="Website" error={errors.website?.message}>
          <Input type="url" placeholder="https://acme.com" {...form.register('website')} />
        </Field>
        <Field label="Industry" error={errors.industry?.message}>
          <Input {...form.register('industry')} />
        </Field>
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            <Options values={COMPANY_STATUSES} />
          </Select>
        </Field>
        <Field label="Size" error={errors.size?.message}>
          <Select {...form.register('size')}>
            <option value="">Unknown</option>
            <Options values={COMPANY_SIZES} label={(s) => `${s} employees`} />
          </Select>
        </Field>
        <Field label="Employees" error={errors.employeeCount?.message}>
          <Input inputMode="numeric" {...form.register('employeeCount')} />
        </Field>
        <Field label="Annual revenue" error={errors.annualRevenue?.message}>
          <Input autoComplete="off" placeholder="e.g. 12m or 1,250,000" {...form.register('annualRevenue')} />
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <TagsField control={form.control} error={errors.tags?.message} />
        <Field label="Address" error={errors.address?.message} className="sm:col-span-2">
          <Textarea rows={2} {...form.register('address')} />
        </Field>
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={company ? 'Save changes' : 'Create company'} />
    </form>
  );
}
