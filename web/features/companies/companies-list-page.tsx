// /companies: search, status / tag filters, a grid with inline edit and the user's own columns
// (custom fields among them), sort, pagination, duplicates, import, export and New company.
import { Building2 } from 'lucide-react';
import { useMemo } from 'react';
import type { Company } from '../../../contracts/companies';
import { COMPANY_STATUSES } from '../../../contracts/companies';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { ownerEditor, selectEditor, textEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, ListToolbar, NameLink, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge } from '../../components/ui/misc';
import { titleCase } from '../../lib/utils';
import { useCompanies } from './companies.queries';
import { CompanyFormDialog } from './company-form';
import { ExportMenu } from '../export/export-menu';
import { FindDuplicatesButton } from '../merge/find-duplicates';
import { ImportButton } from '../imports/import-button';
import { useCustomFieldColumns } from '../custom-fields/custom-columns';
import { useMembers } from '../settings/settings.queries';
import { TagChips } from '../tags/tag-chips';
import { TagFilter } from '../tags/tag-filter';

const FILTERS = ['status', 'tag'] as const;
const statusOptions = COMPANY_STATUSES.map((s) => ({ value: s, label: titleCase(s) }));

export function CompaniesListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New company');
  const list = useListPage('name', FILTERS);
  const companies = useCompanies(list.params);
  const members = useMembers();
  const custom = useCustomFieldColumns<Company>('company');
  const columns = useMemo((): GridColumn<Company>[] => {
    const people = members.data ?? [];
    const ownerName = (id: string | null) => people.find((m) => m.userId === id)?.name ?? '—';
    return [
      { id: 'name', header: 'Name', sort: 'name', size: 180, pinned: true, cell: (c) => <NameLink to={`/companies/${c.id}`}>{c.name}</NameLink> },
      { id: 'domain', header: 'Domain', sort: 'domain', size: 150, cell: (c) => c.domain ?? '—', edit: textEditor('domain', 'Domain') },
      { id: 'industry', header: 'Industry', sort: 'industry', size: 140, cell: (c) => c.industry ?? '—', edit: textEditor('industry', 'Industry') },
      { id: 'employees', header: 'Employees', sort: 'employeeCount', size: 110, align: 'right', cell: (c) => c.employeeCount?.toLocaleString() ?? '—' },
      { id: 'contacts', header: 'Contacts', size: 100, align: 'right', cell: (c) => c.contactCount ?? 0 },
      { id: 'status', header: 'Status', sort: 'status', size: 110, cell: (c) => <Badge tone={c.status}>{titleCase(c.status)}</Badge>, edit: selectEditor('status', 'Status', statusOptions) },
      { id: 'owner', header: 'Owner', size: 130, cell: (c) => ownerName(c.ownerId), edit: ownerEditor(people) },
      { id: 'tags', header: 'Tags', size: 150, hidden: true, cell: (c) => <TagChips tags={c.tags} max={2} className="flex-nowrap" /> },
      ...custom,
    ];
  }, [members.data, custom]);
  const grid = useDataGrid('companies', 'companies', columns);

  return (
    <>
      <PageHeader title="Companies" description="Organizations you do business with." actions={<><FindDuplicatesButton kind="companies" /><ImportButton resource="companies" /><ExportMenu resource="companies" query={list.exportQuery} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search companies">
        <StatusFilter list={list} values={COMPANY_STATUSES} className="sm:w-40" />
        <TagFilter value={list.filters.tag} onChange={(tag) => list.update({ tag })} />
        {grid.menu}
      </ListToolbar>

      <ListTable
        query={companies}
        list={list}
        label="Companies"
        noMatches="No companies match your search or filters."
        empty={<EmptyState icon={<Building2 aria-hidden="true" />} title="No companies yet" message="Add the organizations your contacts work for." action={newButton} />}
        grid={grid}
        href={(c) => `/companies/${c.id}`}
      />
      <CompanyFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
