// Create / edit a contact in a dialog. Validation is the contract's ContactCreateSchema, fed the
// form's strings turned into the API's shape (blank → null, tags text → array).
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { CONTACT_CHANNELS, CONTACT_STATUSES, ContactCreateSchema, type Contact, type ContactCreate } from '../../../contracts/contacts';
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
    firstName: text, lastName: text, email: text, phone: text, mobile: text, title: text, department: text,
    companyId: z.string().nullable(), status: z.enum(CONTACT_STATUSES), source: text, linkedinUrl: text, twitterUrl: text, githubUrl: text, websiteUrl: text,
    emailOptOut: z.boolean(), doNotCall: z.boolean(), preferredChannel: z.union([z.enum(CONTACT_CHANNELS), z.literal('')]),
    about: text, tags: z.array(z.string()), ownerId: text,
  })
  .transform((v): ContactCreate => ({
    firstName: blankToNull(v.firstName), lastName: blankToNull(v.lastName), email: blankToNull(v.email), phone: blankToNull(v.phone), mobile: blankToNull(v.mobile),
    title: blankToNull(v.title), department: blankToNull(v.department), companyId: v.companyId, status: v.status,
    source: blankToNull(v.source), linkedinUrl: blankToNull(v.linkedinUrl), twitterUrl: blankToNull(v.twitterUrl), githubUrl: blankToNull(v.githubUrl),
    websiteUrl: blankToNull(v.websiteUrl), emailOptOut: v.emailOptOut, doNotCall: v.doNotCall, preferredChannel: v.preferredChannel || null,
    about: blankToNull(v.about), tags: v.tags, ownerId: blankToNull(v.ownerId),
  }))
  .pipe(ContactCreateSchema);
type ContactFormValues = z.input<typeof ContactFormSchema>;
const FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'mobile', 'title', 'department', 'companyId', 'status', 'source', 'linkedinUrl', 'twitterUrl', 'githubUrl',
  'websiteUrl', 'emailOptOut', 'doNotCall', 'preferredChannel', 'about', 'tags', 'ownerId',
] as const;
export const CHANNEL_LABELS: Record<(typeof CONTACT_CHANNELS)[number], string> = {
  email: 'Email', phone: 'Phone call', sms: 'Text message (SMS)', whatsapp: 'WhatsApp', linkedin: 'LinkedIn', in_person: 'In person',
};

/** A new contact is owned by whoever creates it (they can pick someone else or nobody). */
function defaults(me: string, c?: Contact, companyId?: string): ContactFormValues {
  return {
    firstName: c?.firstName ?? '', lastName: c?.lastName ?? '', email: c?.email ?? '', phone: c?.phone ?? '', mobile: c?.mobile ?? '', title: c?.title ?? '',
    department: c?.department ?? '', companyId: c?.companyId ?? companyId ?? null, status: c?.status ?? 'lead', source: c?.source ?? '',
    linkedinUrl: c?.linkedinUrl ?? '', twitterUrl: c?.twitterUrl ?? '', githubUrl: c?.githubUrl ?? '', websiteUrl: c?.websiteUrl ?? '',
    emailOptOut: c?.emailOptOut ?? false, doNotCall: c?.doNotCall ?? false, preferredChannel: c?.preferredChannel ?? '',
    about: c?.about ?? '', tags: c?.tags ?? [], ownerId: c ? (c.ownerId ?? '') : me,
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
      <EditConflict conflict={conflict} resource="contacts" labels={{ title: 'Job title', linkedinUrl: 'LinkedIn URL', twitterUrl: 'X (Twitter)', githubUrl: 'GitHub', websiteUrl: 'Website', emailOptOut: 'Email opt-out', doNotCall: 'Do not call', preferredChannel: 'Preferred channel' }} onReload={reload} onOverwrite={overwrite} busy={overwriting} />
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
        <Field label="Mobile" error={errors.mobile?.message}>
          <Input type="tel" autoComplete="off" {...form.register('mobile')} />
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
        <Field label="Lead source" error={errors.source?.message}>
          <Input placeholder="Website, referral, event…" {...form.register('source')} />
        </Field>
        <Field label="LinkedIn URL" error={errors.linkedinUrl?.message}>
          <Input type="url" placeholder="https://www.linkedin.com/in/…" {...form.register('linkedinUrl')} />
        </Field>
        <Field label="X (Twitter)" error={errors.twitterUrl?.message}>
          <Input placeholder="@handle or https://x.com/…" autoComplete="off" {...form.register('twitterUrl')} />
        </Field>
        <Field label="GitHub" error={errors.githubUrl?.message}>
          <Input placeholder="user name or https://github.com/…" autoComplete="off" {...form.register('githubUrl')} />
        </Field>
        <Field label="Website" error={errors.websiteUrl?.message}>
          <Input placeholder="ada.dev" autoComplete="off" {...form.register('websiteUrl')} />
        </Field>
        <fieldset className="space-y-2 rounded-md border border-zinc-200 p-3 sm:col-span-2 dark:border-zinc-700">
          <legend className="px-1 text-sm font-medium">Communication preferences</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Preferred channel" error={errors.preferredChannel?.message}>
              <Select {...form.register('preferredChannel')}>
                <option value="">No preference</option>
                <Options values={CONTACT_CHANNELS} label={(c) => CHANNEL_LABELS[c]} />
              </Select>
            </Field>
            <div className="flex flex-col justify-end gap-2 pb-1 text-sm">
              <label className="flex items-center gap-2">
                <input type="checkbox" className="size-4 rounded border-zinc-300 accent-indigo-600" {...form.register('emailOptOut')} />
                Opted out of email
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" className="size-4 rounded border-zinc-300 accent-indigo-600" {...form.register('doNotCall')} />
                Do not call
              </label>
            </div>
          </div>
        </fieldset>
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
