import { Plus, Users } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { CONTACT_STATUSES } from '../../../contracts/contacts';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SearchBox, SortHeader, TableSkeleton, useListState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { formatDate, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useCompanies } from '../companies/companies.queries';
import { ContactFormDialog } from './contact-form';
import { useContacts } from './contacts.queries';
import { useCreateParam } from '../../lib/create-param';
import { ExportMenu } from '../export/export-menu';
import { FindDuplicatesButton } from '../merge/find-duplicates';
import { ImportButton } from '../imports/import-button';
import { ColumnsMenu, CustomFieldCells, CustomFieldHeaders, useCustomColumns } from '../custom-fields/custom-columns';
import { TagChips } from '../tags/tag-chips';
import { TagFilter } from '../tags/tag-filter';

const FILTERS = ['status', 'companyId', 'tag'] as const;

export function ContactsListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useCreateParam();
  const list = useListState('name', FILTERS);
  const filter: Record<string, string> = {};
  if (list.filters.status) filter.status = list.filters.status;
  if (list.filters.companyId) filter.companyId = list.filters.companyId;
  if (list.filters.tag) filter.tags = list.filters.tag;
  const columns = useCustomColumns('contact');
  const contacts = useContacts({ limit: PAGE_SIZE, offset: list.offset, sort: list.sort, q: list.q || undefined, filter });
  // The filter offers every company by name; 200 is the API's page maximum.
  const companies = useCompanies({ limit: 200, sort: 'name' });
  const editable = canEdit(me.role);
  const newButton = editable ? (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" /> New contact
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title="Contacts" description="People you work with." actions={<><FindDuplicatesButton kind="contacts" /><ImportButton resource="contacts" /><ExportMenu resource="contacts" query={{ q: list.q || undefined, sort: list.sort, filter }} />{newButton}</>} />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center">
        <SearchBox label="Search contacts" value={list.q} onChange={(q) => list.update({ q })} />
        <Select aria-label="Filter by status" className="sm:w-40" value={list.filters.status} onChange={(e) => list.update({ status: e.target.value })}>
          <option value="">All statuses</option>
          {CONTACT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
            </option>
          ))}
        </Select>
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
        {list.filtering ? (
          <Button variant="ghost" onClick={list.clear}>
            Clear filters
          </Button>
        ) : null}
      </div>

      {contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => contacts.refetch()} />
      ) : contacts.data && contacts.data.total === 0 ? (
        <Card>
          {list.filtering ? (
            <EmptyState title="No matches" message="No contacts match your search or filters." action={<Button variant="secondary" onClick={list.clear}>Clear filters</Button>} />
          ) : (
            <EmptyState icon={<Users aria-hidden="true" />} title="No contacts yet" message="Add the people you sell to, work with, or support." action={newButton} />
          )}
        </Card>
      ) : (
        <Card className={contacts.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}>
          <Table aria-label="Contacts">
            <thead>
              <tr>
                <SortHeader field="name" label="Name" sort={list.sort} onSort={(sort) => list.update({ sort })} />
                <SortHeader field="email" label="Email" sort={list.sort} onSort={(sort) => list.update({ sort })} className="hidden md:table-cell" />
                <Th>Company</Th>
                <SortHeader field="title" label="Title" sort={list.sort} onSort={(sort) => list.update({ sort })} className="hidden lg:table-cell" />
                <SortHeader field="status" label="Status" sort={list.sort} onSort={(sort) => list.update({ sort })} />
                <SortHeader field="createdAt" label="Added" sort={list.sort} onSort={(sort) => list.update({ sort })} className="hidden lg:table-cell" />
                <CustomFieldHeaders columns={columns} sort={list.sort} onSort={(sort) => list.update({ sort })} />
              </tr>
            </thead>
            {contacts.isPending ? (
              <TableSkeleton columns={6 + columns.visible.length} />
            ) : (
              <tbody>
                {contacts.data.data.map((c) => (
                  // The name is the keyboard-reachable link; the whole row is a larger mouse target.
                  <tr key={c.id} className="cursor-pointer hover:bg-zinc-50" onClick={() => navigate(`/contacts/${c.id}`)}>
                    <Td className="font-medium">
                      <Link to={`/contacts/${c.id}`} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                        {c.fullName || c.email || 'Unnamed contact'}
                      </Link>
                      <TagChips tags={c.tags} max={3} className="mt-1" />
                    </Td>
                    <Td className="hidden text-zinc-600 md:table-cell">{c.email ?? '—'}</Td>
                    <Td className="text-zinc-600">{c.company?.name ?? '—'}</Td>
                    <Td className="hidden text-zinc-600 lg:table-cell">{c.title ?? '—'}</Td>
                    <Td>
                      <Badge tone={c.status}>{titleCase(c.status)}</Badge>
                    </Td>
                    <Td className="hidden text-zinc-500 lg:table-cell">{formatDate(c.createdAt)}</Td>
                    <CustomFieldCells columns={columns} record={c} />
                  </tr>
                ))}
              </tbody>
            )}
          </Table>
          {contacts.data ? (
            <Pagination noun="Contacts" offset={list.offset} limit={PAGE_SIZE} total={contacts.data.total} estimate={contacts.data.totalIsEstimate} onChange={(offset) => list.update({ offset })} />
          ) : null}
        </Card>
      )}
      <ContactFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
