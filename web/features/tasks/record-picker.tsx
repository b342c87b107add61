// "Related to" for a task: any record a task can be about (the catalogue's related types; projects
// have the task form's own Project field). Searches them all at once through GET /search, Enter picks
// the highlighted hit, and a missing contact, company or deal is created in place from the text.
import { useQuery } from '@tanstack/react-query';
import { CalendarDays, Building2, Handshake, Link2, User, UserPlus } from 'lucide-react';
import type { ReactNode } from 'react';
import { toast } from 'sonner';
import type { SearchHit } from '../../../contracts/responses';
import { entityOf, RELATED_TYPES, type RelatedType } from '../../../contracts/entities';
import { Combobox, type ComboCreate, type ComboOption } from '../../components/combobox';
import { api, qs } from '../../lib/api';
import { useCreateCompany } from '../companies/companies.queries';
import { contactFromText, contactName } from '../contacts/contact-picker';
import { useCreateContact } from '../contacts/contacts.queries';
import { useCreateDeal } from '../deals/deals.queries';

export interface RelatedRef {
  type: RelatedType;
  id: string;
}

/** Types offered by the picker: every related type but projects (the Project field links those). */
export const PICKABLE_TYPES = RELATED_TYPES.filter((t) => t !== 'project');
const ICONS: Partial<Record<RelatedType, ReactNode>> = { contact: <User />, company: <Building2 />, deal: <Handshake />, lead: <UserPlus />, event: <CalendarDays /> };

const encode = (r: RelatedRef) => `${r.type}:${r.id}`;
function decode(v: string): RelatedRef {
  const [type, id] = v.split(':');
  return { type: type as RelatedType, id: id ?? '' };
}

/** What a record of any related type is called, for showing a saved link. */
export function recordTitle(type: string, r: Record<string, unknown>): string {
  const s = (k: string) => (typeof r[k] === 'string' && r[k] ? (r[k] as string) : null);
  if (type === 'contact' || type === 'lead') return s('fullName') ?? s('email') ?? `Unnamed ${type}`;
  return s('name') ?? s('title') ?? entityOf(type)?.label ?? 'Record';
}

/** The title of one linked record (null while loading or when it is gone). */
export function useRecordTitle(ref: RelatedRef | null) {
  const resource = ref ? entityOf(ref.type)?.resource : undefined;
  return useQuery({
    queryKey: [resource ?? 'none', 'one', ref?.id ?? ''],
    enabled: Boolean(resource && ref?.id),
    queryFn: ({ signal }) => api<{ data: Record<string, unknown> }>(`/${resource}/${ref!.id}`, { signal }).then((r) => r.data),
    select: (row) => recordTitle(ref!.type, row),
    retry: false,
  });
}

function useRecordResults(q: string, open: boolean) {
  const search = useQuery({
    queryKey: ['search', 'picker', q],
    enabled: open && q.length > 0,
    queryFn: ({ signal }) => api<{ data: SearchHit[] }>(`/search${qs({ q, types: PICKABLE_TYPES.join(','), limit: 20, mode: 'words' })}`, { signal }).then((r) => r.data),
    staleTime: 5_000,
  });
  const options: ComboOption[] = (q ? (search.data ?? []) : []).map((h) => ({
    value: encode({ type: h.type as RelatedType, id: h.id }),
    label: h.title || 'Untitled',
    detail: entityOf(h.type)?.label,
    icon: ICONS[h.type as RelatedType],
  }));
  return { options, loading: search.isFetching, error: search.error };
}

interface RecordPickerProps {
  id?: string;
  value: RelatedRef | null;
  onChange: (ref: RelatedRef | null) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function RecordPicker({ value, onChange, ...rest }: RecordPickerProps) {
  const title = useRecordTitle(value);
  const createContact = useCreateContact();
  const createCompany = useCreateCompany();
  const createDeal = useCreateDeal();
  const made = (type: RelatedType, id: string, label: string): ComboOption => {
    toast.success(`${entityOf(type)?.label} ${label} created`);
    return { value: encode({ type, id }), label };
  };
  const creates: ComboCreate[] = [
    { label: 'Create contact', icon: ICONS.contact, create: async (t) => { const c = await createContact.mutateAsync(contactFromText(t)); return made('contact', c.id, contactName(c)); } },
    { label: 'Create company', icon: ICONS.company, create: async (name) => { const c = await createCompany.mutateAsync({ name }); return made('company', c.id, c.name); } },
    { label: 'Create deal', icon: ICONS.deal, create: async (name) => { const d = await createDeal.mutateAsync({ name }); return made('deal', d.id, d.name); } },
  ];
  const label = value ? `${title.data ?? (title.isError ? 'Deleted record' : '…')} · ${entityOf(value.type)?.label ?? value.type}` : null;
  return (
    <Combobox
      {...rest}
      value={value ? encode(value) : null}
      selectedLabel={label}
      noneLabel="Not linked"
      searchLabel="Search records"
      listLabel="Records"
      placeholder="Search contacts, companies, deals…"
      icon={value ? ICONS[value.type] ?? <Link2 /> : <Link2 />}
      useResults={useRecordResults}
      emptyText={(q) => (q ? `Nothing matches “${q}”` : 'Type to search contacts, companies, deals, leads and events')}
      creates={creates}
      onChange={(o) => onChange(o ? decode(o.value) : null)}
    />
  );
}
