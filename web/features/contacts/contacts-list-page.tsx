// /contacts: search, status / company / tag filters, custom field columns, sort, pagination,
// duplicates, import, export and the New contact dialog.
import { Users } from 'lucide-react';
import { CONTACT_STATUSES } from '../../../contracts/contacts';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, SortHeader } from '../../components/data-table';
import { ListTable, ListToolbar, NameCell, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Select } from '../../components/ui/input';
import { Badge, Td, Th } from '../../components/ui/misc';
import { formatDate, titleCase } from '../../lib/utils';
import { useCompanies } from '../companies/companies.queries';
import { ContactFormDialog } from './contact-form';
import { useContacts } from './contacts.queries';
import { ExportMenu } from '../export/export-menu';
import { FindDuplicatesButton } from '../merge/find-duplicates';
import { ImportButton } from '../imports/import-button';
import { ColumnsMenu, CustomFieldCells, CustomFieldHeaders, useCustomColumns } from '../custom-fields/custom-columns';
import { TagChips } from '../tags/tag-chips';
import { TagFilter } from '../tags/tag-filter';

const FILTERS = ['status', 'companyId', 'tag'] as const;

export function ContactsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New contact');
  const list = useListPage('name', FILTERS);
  const columns = useCustomColumns('contact');
  const contacts = useContacts(list.params);
  // The filter offers every company by name; 200 is the API's page maximum.
  const companies = useCompanies({ limit: 200, sort: 'name' });

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
        <ColumnsMenu columns={columns} />
      </ListToolbar>

      <ListTable
        query={contacts}
        list={list}
        label="Contacts"
        noMatches="No contacts match your search or filters."
        empty={<EmptyState icon={<Users aria-hidden="true" />} title="No contacts yet" message="Add the people you sell to, work with, or support." action={newButton} />}
        columns={6 + columns.visible.length}
        href={(c) => `/contacts/${c.id}`}
        head={
          <>
            <SortHeader field="name" label="Name" {...list.sortProps} />
            <SortHeader field="email" label="Email" {...list.sortProps} className="hidden md:table-cell" />
            <Th>Company</Th>
            <SortHeader field="title" label="Title" {...list.sortProps} className="hidden lg:table-cell" />
            <SortHeader field="status" label="Status" {...list.sortProps} />
            <SortHeader field="createdAt" label="Added" {...list.sortProps} className="hidden lg:table-cell" />
            <CustomFieldHeaders columns={columns} {...list.sortProps} />
          </>
        }
      >
        {(c) => (
          <>
            <NameCell to={`/contacts/${c.id}`} after={<TagChips tags={c.tags} max={3} className="mt-1" />}>
              {c.fullName || c.email || 'Unnamed contact'}
            </NameCell>
            <Td className="hidden text-zinc-600 md:table-cell">{c.email ?? '—'}</Td>
            <Td className="text-zinc-600">{c.company?.name ?? '—'}</Td>
            <Td className="hidden text-zinc-600 lg:table-cell">{c.title ?? '—'}</Td>
            <Td>
              <Badge tone={c.status}>{titleCase(c.status)}</Badge>
            </Td>
            <Td className="hidden text-zinc-500 lg:table-cell">{formatDate(c.createdAt)}</Td>
            <CustomFieldCells columns={columns} record={c} />
          </>
        )}
      </ListTable>
      <ContactFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
