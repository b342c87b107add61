// /companies: search, status / tag filters, custom field columns, sort, pagination, duplicates,
// import, export and the New company dialog.
import { Building2 } from 'lucide-react';
import { COMPANY_STATUSES } from '../../../contracts/companies';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, SortHeader } from '../../components/data-table';
import { ListTable, ListToolbar, NameCell, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge, Td, Th } from '../../components/ui/misc';
import { titleCase } from '../../lib/utils';
import { useCompanies } from './companies.queries';
import { CompanyFormDialog } from './company-form';
import { ExportMenu } from '../export/export-menu';
import { FindDuplicatesButton } from '../merge/find-duplicates';
import { ImportButton } from '../imports/import-button';
import { ColumnsMenu, CustomFieldCells, CustomFieldHeaders, useCustomColumns } from '../custom-fields/custom-columns';
import { TagChips } from '../tags/tag-chips';
import { TagFilter } from '../tags/tag-filter';

const FILTERS = ['status', 'tag'] as const;

export function CompaniesListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New company');
  const list = useListPage('name', FILTERS);
  const columns = useCustomColumns('company');
  const companies = useCompanies(list.params);

  return (
    <>
      <PageHeader title="Companies" description="Organizations you do business with." actions={<><FindDuplicatesButton kind="companies" /><ImportButton resource="companies" /><ExportMenu resource="companies" query={list.exportQuery} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search companies">
        <StatusFilter list={list} values={COMPANY_STATUSES} className="sm:w-40" />
        <TagFilter value={list.filters.tag} onChange={(tag) => list.update({ tag })} />
        <ColumnsMenu columns={columns} />
      </ListToolbar>

      <ListTable
        query={companies}
        list={list}
        label="Companies"
        noMatches="No companies match your search or filters."
        empty={<EmptyState icon={<Building2 aria-hidden="true" />} title="No companies yet" message="Add the organizations your contacts work for." action={newButton} />}
        columns={6 + columns.visible.length}
        href={(c) => `/companies/${c.id}`}
        head={
          <>
            <SortHeader field="name" label="Name" {...list.sortProps} />
            <SortHeader field="domain" label="Domain" {...list.sortProps} className="hidden md:table-cell" />
            <SortHeader field="industry" label="Industry" {...list.sortProps} className="hidden lg:table-cell" />
            <SortHeader field="employeeCount" label="Employees" {...list.sortProps} className="hidden lg:table-cell" />
            <Th className="hidden sm:table-cell">Contacts</Th>
            <SortHeader field="status" label="Status" {...list.sortProps} />
            <CustomFieldHeaders columns={columns} {...list.sortProps} />
          </>
        }
      >
        {(c) => (
          <>
            <NameCell to={`/companies/${c.id}`} after={<TagChips tags={c.tags} max={3} className="mt-1" />}>
              {c.name}
            </NameCell>
            <Td className="hidden text-zinc-600 md:table-cell">{c.domain ?? '—'}</Td>
            <Td className="hidden text-zinc-600 lg:table-cell">{c.industry ?? '—'}</Td>
            <Td className="hidden text-zinc-600 lg:table-cell">{c.employeeCount?.toLocaleString() ?? '—'}</Td>
            <Td className="hidden text-zinc-600 sm:table-cell">{c.contactCount ?? 0}</Td>
            <Td>
              <Badge tone={c.status}>{titleCase(c.status)}</Badge>
            </Td>
            <CustomFieldCells columns={columns} record={c} />
          </>
        )}
      </ListTable>
      <CompanyFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
