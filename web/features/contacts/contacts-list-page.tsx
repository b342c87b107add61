// /contacts: search, status / company / tag filters, a grid with inline edit and the user's own
// columns (custom fields among them), sort, pagination, duplicates, import, export and New contact.
import { Users } from 'lucide-react';
import { useMemo } from 'react';
import type { Contact } from '../../../contracts/contacts';
import { CONTACT_STATUSES } from '../../../contracts/contacts';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { ownerEditor, selectEditor, textEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, ListToolbar, NameLink, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Select } from '../../components/ui/input';
import { Badge } from '../../components/ui/misc';
import { formatDate, titleCase } from '../../lib/utils';
import { useCompanies } from '../companies/companies.queries';
import { ContactFormDialog } from './contact-form';
import { useContacts } from './contacts.queries';
import { ExportMenu } from '../export/export-menu';
import { FindDuplicatesButton } from '../merge/find-duplicates';
import { ImportButton } from '../imports/import-button';
import { useCustomFieldColumns } from '../custom-fields/custom-columns';
import { useMembers } from '../settings/settings.queries';
import { TagChips } from '../tags/tag-chips';
import { TagFilter } from '../tags/tag-filter';

const FILTERS = ['status', 'companyId', 'tag'] as const;
const statusOptions = CONTACT_STATUSES.map((s) => ({ value: s, label: titleCase(s) }));

export function ContactsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New contact');
  const list = useListPage('name', FILTERS);
  const contacts = useContacts(list.params);
  // The filter offers every company by name; 200 is the API's page maximum.
  const companies = useCompanies({ limit: 200, sort: 'name' });
  const members = useMembers();
  const custom = useCustomFieldColumns<Contact>('contact');
  const columns = useMemo((): GridColumn<Contact>[] => {
    const people = members.data ?? [];
    const ownerName = (id: string | null) => people.find((m) => m.userId === id)?.name ?? '—';
    return [
      { id: 'name', header: 'Name', sort: 'name', size: 170, pinned: true, cell: (c) => <NameLink to={`/contacts/${c.id}`}>{c.fullName || c.email || 'Unnamed contact'}</NameLink> },
      { id: 'email', header: 'Email', sort: 'email', size: 160, cell: (c) => c.email ?? '—', edit: textEditor('email', 'Email') },
      { id: 'company', header: 'Company', size: 130, cell: (c) => c.company?.name ?? '—' },
      { id: 'title', header: 'Title', sort: 'title', size: 120, cell: (c) => c.title ?? '—', edit: textEditor('title', 'Title') },
      { id: 'status', header: 'Status', sort: 'status', size: 100, cell: (c) => <Badge tone={c.status}>{titleCase(c.status)}</Badge>, edit: selectEditor('status', 'Status', statusOptions) },
      { id: 'owner', header: 'Owner', size: 120, cell: (c) => ownerName(c.ownerId), edit: ownerEditor(people) },
      { id: 'score', header: 'Score', sort: 'score', size: 80, align: 'right', hidden: true, cell: (c) => (c.score === null ? '—' : `${c.score}${c.scoreOverridden ? '*' : ''}`) },
      { id: 'phone', header: 'Phone', size: 140, hidden: true, cell: (c) => c.phone ?? '—', edit: textEditor('phone', 'Phone') },
      { id: 'tags', header: 'Tags', size: 150, hidden: true, cell: (c) => <TagChips tags={c.tags} max={2} className="flex-nowrap" /> },
      { id: 'createdAt', header: 'Added', sort: 'createdAt', size: 110, cell: (c) => formatDate(c.createdAt) },
      ...custom,
    ];
  }, [members.data, custom]);
  const grid = useDataGrid('contacts', 'contacts', columns);

  return (
    <>
      <PageHeader title="Contacts" description="People you work with." actions={<><FindDuplicatesButton kind="contacts" /><ImportButton resource="contacts" /><ExportMenu resource="contacts" query={list.exportQuery} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search contacts">
        <StatusFilter list={list} values={CONTACT_STATUSES} className="sm:w-40" />
        <Select aria-label="Filter by company" className="sm:w-56" value={list.filters.companyId} onChange={(e) => list.update({ companyId: e.target.value })}>
          <option value="">All companies</option>
          {companies.data?.data.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
        <TagFilter value={list.filters.tag} onChange={(tag) => list.update({ tag })} />
        {grid.menu}
      </ListToolbar>

      <ListTable
        query={contacts}
        list={list}
        label="Contacts"
        noMatches="No contacts match your search or filters."
        empty={<EmptyState icon={<Users aria-hidden="true" />} title="No contacts yet" message="Add the people you sell to, work with, or support." action={newButton} />}
        grid={grid}
        href={(c) => `/contacts/${c.id}`}
      />
      <ContactFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
