// Contact picker (a deal's primary contact, linking a contact to a deal): search contacts by name or
// email, Enter picks the highlighted match, a missing one is created in place from the typed name
// (or email), at the given company when there is one.
import { User } from 'lucide-react';
import { toast } from 'sonner';
import type { ContactCreate } from '../../../contracts/contacts';
import { Combobox, type ComboOption } from '../../components/combobox';
import { useContacts, useCreateContact } from './contacts.queries';

interface ContactPickerProps {
  id?: string;
  value: string | null;
  selectedName: string | null;
  onChange: (contact: { id: string; name: string } | null) => void;
  /** Company a contact created here works at. */
  companyId?: string | null;
  noneLabel?: string;
  /** false: the picker only adds (no "No contact" choice). */
  allowNone?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-labelledby'?: string;
  'aria-label'?: string;
}

export const contactName = (c: { fullName?: string | null; email?: string | null }) => c.fullName || c.email || 'Unnamed contact';

/** "Ada Lovelace" → first and last name; "ada@acme.com" → email. */
export function contactFromText(text: string): ContactCreate {
  const t = text.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return { email: t.toLowerCase() };
  const [first, ...rest] = t.split(/\s+/);
  return { firstName: first, lastName: rest.length ? rest.join(' ') : null };
}

function useContactResults(q: string, open: boolean) {
  const contacts = useContacts({ q: q || undefined, limit: 20, sort: 'name' }, { enabled: open });
  const options: ComboOption[] = (contacts.data?.data ?? []).map((c) => ({ value: c.id, label: contactName(c), detail: c.company?.name ?? c.email ?? undefined }));
  return { options, loading: contacts.isFetching, error: contacts.error };
}

export function ContactPicker({ value, selectedName, onChange, companyId, noneLabel = 'No contact', ...rest }: ContactPickerProps) {
  const create = useCreateContact();
  return (
    <Combobox
      {...rest}
      value={value}
      selectedLabel={selectedName}
      noneLabel={noneLabel}
      searchLabel="Search contacts"
      listLabel="Contacts"
      placeholder="Search or create a contact…"
      icon={<User />}
      useResults={useContactResults}
      emptyText={(q) => (q ? `No contact matches “${q}”` : 'No contacts yet')}
      creates={[
        {
          label: 'Create contact',
          create: async (text) => {
            const c = await create.mutateAsync({ ...contactFromText(text), ...(companyId ? { companyId } : {}) });
            toast.success(`Contact ${contactName(c)} created`);
            return { value: c.id, label: contactName(c) };
          },
        },
      ]}
      onChange={(o) => onChange(o ? { id: o.value, name: o.label } : null)}
    />
  );
}
