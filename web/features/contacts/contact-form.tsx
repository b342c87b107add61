// Create / edit a contact in a dialog. Validation is the contract's ContactCreateSchema, fed the
// form's strings turned into the API's shape (blank → null, tags text → array).
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { CONTACT_STATUSES, ContactCreateSchema, type Contact, type ContactCreate } from '../../../contracts/contacts';
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
import { CompanyPicker } from './company-picker';
import { useCreateContact, useUpdateContact } from './contacts.queries';

const text = z.string();
const ContactFormSchema = z
  .object({
    firstName: text, lastName: text, email: text, phone: text, title: text, department: text,
    companyId: z.string().nullable(), status: z.enum(CONTACT_STATUSES), source: text, linkedinUrl: text, about: text, tags: z.array(z.string()), ownerId: text,
  })
  .transform((v): ContactCreate => ({
    firstName: blankToNull(v.firstName), lastName: blankToNull(v.lastName), email: blankToNull(v.email), phone: blankToNull(v.phone),
    title: blankToNull(v.title), department: blankToNull(v.department), companyId: v.companyId, status: v.status,
    source: blankToNull(v.source), linkedinUrl: blankToNull(v.linkedinUrl), about: blankToNull(v.about), tags: v.tags, ownerId: blankToNull(v.ownerId),
  }))
  .pipe(ContactCreateSchema);
type ContactFormValues = z.input<typeof ContactFormSchema>;
const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'department', 'companyId', 'status', 'source', 'linkedinUrl', 'about', 'tags', 'ownerId'] as const;

/** A new contact is owned by whoever creates it (they can pick someone else or nobody). */
function defaults(me: string, c?: Contact, companyId?: string): ContactFormValues {
  return {
    firstName: c?.firstName ?? '', lastName: c?.lastName ?? '', email: c?.email ?? '', phone: c?.phone ?? '', title: c?.title ?? '',
    department: c?.department ?? '', companyId: c?.companyId ?? companyId ?? null, status: c?.status ?? 'lead', source: c?.source ?? '',
    linkedinUrl: c?.linkedinUrl ?? '', about: c?.about ?? '', tags: c?.tags ?? [], ownerId: c ? (c.ownerId ?? '') : me,
  };
}

interface ContactFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this contact; without it the dialog creates one. */
  contact?: Contact;
  /** Preselected company when creating from a company's page. */
  company?: { id: string; name: string } | null;
  /** Called with a new contact instead of opening its page (adding in place). */
  onCreated?: (contact: Contact) => void;
}

export function ContactFormDialog({ open, onOpenChange, contact, company, onCreated }: ContactFormDialogProps) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={contact ? 'Edit contact' : 'New contact'}>
      {(onDone) => <ContactForm contact={contact} company={company ?? undefined} onCreated={onCreated} onDone={onDone} />}
    </RecordFormDialog>
  );
}

function ContactForm({ contact, company, onCreated, onDone }: { contact?: Contact; company?: { id: string; name: string }; onCreated?: (c: Contact) => void; onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateContact();
  const update = useUpdateContact();
  const custom = useCustomFieldsForm('contact', contact);
  const [companyName, setCompanyName] = useState<string | null>(contact?.company?.name ?? company?.name ?? null);
  const form = useForm<ContactFormValues, unknown, z.output<typeof ContactFormSchema>>({
    resolver: zodResolver(ContactFormSchema),
    defaultValues: defaults(me.user.id, contact, company?.id),
  });
  const { errors, isSubmitting } = form.formState;

  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    form,
    fields: FIELDS,
    custom,
    record: contact,
    onReload: (current) => {
      const c = current as Contact;
      form.reset(defaults(me.user.id, c));
      setCompanyName(c.company?.name ?? null);
    },
    save: async (body, version) => {
      if (contact) {
        await update.mutateAsync({ id: contact.id, body, version });
        toast.success('Contact saved');
        onDone();
      } else {
        const created = await create.mutateAsync(body);
        toast.success(`Contact ${created.fullName} created`);
        onDone();
        if (onCreated) onCreated(created);
        else navigate(`/contacts/${created.id}`);
      }
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="contacts" labels={{ title: 'Job title', linkedinUrl: 'LinkedIn URL' }} onReload={reload} onOverwrite={overwrite} busy={overwriting} />
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
        <Field label="Job title" error={errors.title?.message}>
          <Input {...form.register('title')} />
        </Field>
        <Field label="Department" error={errors.department?.message}>
          <Input {...form.register('department')} />
        </Field>
        <Controller
          control={form.control}
          name="companyId"
          render={({ field }) => (
            <Field label="Company" error={errors.companyId?.message}>
              <CompanyPicker
                value={field.value}
                selectedName={companyName}
                onChange={(c) => {
                  setCompanyName(c?.name ?? null);
                  field.onChange(c?.id ?? null);
                }}
              />
            </Field>
          )}
        />
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            <Options values={CONTACT_STATUSES} />
          </Select>
        </Field>
        <OwnerField control={form.control} name="ownerId" error={errors.ownerId?.message} />
        <Field label="Source" error={errors.source?.message}>
          <Input placeholder="Website, referral, event…" {...form.register('source')} />
        </Field>
        <Field label="LinkedIn URL" error={errors.linkedinUrl?.message}>
          <Input type="url" placeholder="https://www.linkedin.com/in/…" {...form.register('linkedinUrl')} />
        </Field>
        <TagsField control={form.control} error={errors.tags?.message} className="sm:col-span-2" />
        <Field label="About" error={errors.about?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('about')} />
        </Field>
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={contact ? 'Save changes' : 'Create contact'} />
    </form>
  );
}
