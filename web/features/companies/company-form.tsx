// Create / edit a company in a dialog, validated by the contract's CompanyCreateSchema.
import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { ADDRESS_PARTS, COMPANY_SIZES, COMPANY_STATUSES, CompanyCreateSchema, type Company, type CompanyCreate, type PostalAddress } from '../../../contracts/companies';
import { OwnerField } from '../../components/owner-field';
import { EditConflict } from '../../components/edit-conflict';
import { FormActions, Options, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { Button } from '../../components/ui/button';
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

const AddressFormSchema = z.object({ street: text, city: text, region: text, postalCode: text, country: text });
type AddressFormValues = z.infer<typeof AddressFormSchema>;
/** Blank parts → null; an address with no part is null (the contract does the same). */
const toAddress = (a: AddressFormValues): PostalAddress | null => {
  const out = Object.fromEntries(ADDRESS_PARTS.map((k) => [k, blankToNull(a[k])])) as PostalAddress;
  return ADDRESS_PARTS.some((k) => out[k]) ? out : null;
};
const addressDefaults = (a?: PostalAddress | null): AddressFormValues =>
  Object.fromEntries(ADDRESS_PARTS.map((k) => [k, a?.[k] ?? ''])) as AddressFormValues;

const CompanyFormSchema = z
  .object({
    name: text, domain: text, website: text, industry: text, size: z.union([z.enum(COMPANY_SIZES), z.literal('')]),
    status: z.enum(COMPANY_STATUSES), description: text, address: text, annualRevenue: text, employeeCount: text, tags: z.array(z.string()), ownerId: text,
    billingAddress: AddressFormSchema, shippingAddress: AddressFormSchema,
  })
  .transform((v): CompanyCreate => ({
    name: v.name, domain: blankToNull(v.domain), website: blankToNull(v.website), industry: blankToNull(v.industry),
    size: v.size === '' ? null : v.size, status: v.status, description: blankToNull(v.description), address: blankToNull(v.address),
    annualRevenue: blankToNull(v.annualRevenue), employeeCount: countOrText(v.employeeCount), tags: v.tags, ownerId: blankToNull(v.ownerId),
    billingAddress: toAddress(v.billingAddress), shippingAddress: toAddress(v.shippingAddress),
  }))
  .pipe(CompanyCreateSchema);
type CompanyFormValues = z.input<typeof CompanyFormSchema>;
const FIELDS = ['name', 'domain', 'website', 'industry', 'size', 'status', 'description', 'address', 'billingAddress', 'shippingAddress', 'annualRevenue', 'employeeCount', 'tags', 'ownerId'] as const;

/** A new company is owned by whoever creates it. */
function defaults(me: string, c?: Company): CompanyFormValues {
  return {
    name: c?.name ?? '', domain: c?.domain ?? '', website: c?.website ?? '', industry: c?.industry ?? '',
    size: (COMPANY_SIZES as readonly string[]).includes(c?.size ?? '') ? (c?.size as (typeof COMPANY_SIZES)[number]) : '',
    status: c?.status ?? 'lead', description: c?.description ?? '', address: c?.address ?? '', annualRevenue: c?.annualRevenue ?? '',
    employeeCount: c?.employeeCount?.toString() ?? '', tags: c?.tags ?? [], ownerId: c ? (c.ownerId ?? '') : me,
    billingAddress: addressDefaults(c?.billingAddress), shippingAddress: addressDefaults(c?.shippingAddress),
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
        <AddressFieldset form={form} name="billingAddress" legend="Billing address" />
        <AddressFieldset
          form={form}
          name="shippingAddress"
          legend="Shipping address"
          action={
            <Button type="button" variant="ghost" size="sm" onClick={() => form.setValue('shippingAddress', { ...form.getValues('billingAddress') }, { shouldDirty: true })}>
              Same as billing
            </Button>
          }
        />
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={company ? 'Save changes' : 'Create company'} />
    </form>
  );
}

const PART_LABELS: Record<(typeof ADDRESS_PARTS)[number], string> = { street: 'Street', city: 'City', region: 'State / region', postalCode: 'Postal code', country: 'Country' };

function AddressFieldset({ form, name, legend, action }: { form: UseFormReturn<CompanyFormValues, unknown, z.output<typeof CompanyFormSchema>>; name: 'billingAddress' | 'shippingAddress'; legend: string; action?: ReactNode }) {
  const errors = form.formState.errors[name] as Partial<Record<string, { message?: string }>> & { message?: string } | undefined;
  return (
    <fieldset className="rounded-md border border-zinc-200 p-3 sm:col-span-2 dark:border-zinc-700">
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {action && <div className="-mt-1 flex justify-end">{action}</div>}
      {errors?.message && <p className="text-sm text-red-700">{errors.message}</p>}
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {ADDRESS_PARTS.map((part) => (
          <Field key={part} label={PART_LABELS[part]} error={errors?.[part]?.message} className={part === 'street' ? 'sm:col-span-2' : undefined}>
            {part === 'street' ? <Textarea rows={2} {...form.register(`${name}.${part}`)} /> : <Input autoComplete="off" {...form.register(`${name}.${part}`)} />}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
