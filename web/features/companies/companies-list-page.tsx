import { Building2, Plus } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { COMPANY_STATUSES } from '../../../contracts/companies';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SearchBox, SortHeader, TableSkeleton, useListState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useCompanies } from './companies.queries';
import { CompanyFormDialog } from './company-form';
import { useCreateParam } from '../../lib/create-param';
import { ExportMenu } from '../export/export-menu';
import { FindDuplicatesButton } from '../merge/find-duplicates';
import { ImportButton } from '../imports/import-button';
import { ColumnsMenu, CustomFieldCells, CustomFieldHeaders, useCustomColumns } from '../custom-fields/custom-columns';
import { TagChips } from '../tags/tag-chips';
import { TagFilter } from '../tags/tag-filter';

const FILTERS = ['status', 'tag'] as const;

export function CompaniesListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useCreateParam();
  const list = useListState('name', FILTERS);
  const filter: Record<string, string> = {};
  if (list.filters.status) filter.status = list.filters.status;
  if (list.filters.tag) filter.tags = list.filters.tag;
  const columns = useCustomColumns('company');
  const companies = useCompanies({
    limit: PAGE_SIZE,
    offset: list.offset,
    sort: list.sort,
    q: list.q || undefined,
    filter,
  });
  const newButton = canEdit(me.role) ? (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" /> New company
    </Button>
  ) : null;
  const onSort = (sort: string) => list.update({ sort });

  return (
    <>
      <PageHeader title="Companies" description="Organizations you do business with." actions={<><FindDuplicatesButton kind="companies" /><ImportButton resource="companies" /><ExportMenu resource="companies" query={{ q: list.q || undefined, sort: list.sort, filter }} />{newButton}</>} />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center">
        <SearchBox label="Search companies" value={list.q} onChange={(q) => list.update({ q })} />
        <Select aria-label="Filter by status" className="sm:w-40" value={list.filters.status} onChange={(e) => list.update({ status: e.target.value })}>
          <option value="">All statuses</option>
          {COMPANY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
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

      {companies.isError ? (
        <ErrorState error={companies.error} onRetry={() => companies.refetch()} />
      ) : companies.data && companies.data.total === 0 ? (
        <Card>
          {list.filtering ? (
            <EmptyState title="No matches" message="No companies match your search or filters." action={<Button variant="secondary" onClick={list.clear}>Clear filters</Button>} />
          ) : (
            <EmptyState icon={<Building2 aria-hidden="true" />} title="No companies yet" message="Add the organizations your contacts work for." action={newButton} />
          )}
        </Card>
      ) : (
        <Card className={companies.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}>
          <Table aria-label="Companies">
            <thead>
              <tr>
                <SortHeader field="name" label="Name" sort={list.sort} onSort={onSort} />
                <SortHeader field="domain" label="Domain" sort={list.sort} onSort={onSort} className="hidden md:table-cell" />
                <SortHeader field="industry" label="Industry" sort={list.sort} onSort={onSort} className="hidden lg:table-cell" />
                <SortHeader field="employeeCount" label="Employees" sort={list.sort} onSort={onSort} className="hidden lg:table-cell" />
                <Th className="hidden sm:table-cell">Contacts</Th>
                <SortHeader field="status" label="Status" sort={list.sort} onSort={onSort} />
                <CustomFieldHeaders columns={columns} sort={list.sort} onSort={onSort} />
              </tr>
            </thead>
            {companies.isPending ? (
              <TableSkeleton columns={6 + columns.visible.length} />
            ) : (
              <tbody>
                {companies.data.data.map((c) => (
                  <tr key={c.id} className="cursor-pointer hover:bg-zinc-50" onClick={() => navigate(`/companies/${c.id}`)}>
                    <Td className="font-medium">
                      <Link to={`/companies/${c.id}`} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                        {c.name}
                      </Link>
                      <TagChips tags={c.tags} max={3} className="mt-1" />
                    </Td>
                    <Td className="hidden text-zinc-600 md:table-cell">{c.domain ?? '—'}</Td>
                    <Td className="hidden text-zinc-600 lg:table-cell">{c.industry ?? '—'}</Td>
                    <Td className="hidden text-zinc-600 lg:table-cell">{c.employeeCount?.toLocaleString() ?? '—'}</Td>
                    <Td className="hidden text-zinc-600 sm:table-cell">{c.contactCount ?? 0}</Td>
                    <Td>
                      <Badge tone={c.status}>{titleCase(c.status)}</Badge>
                    </Td>
                    <CustomFieldCells columns={columns} record={c} />
                  </tr>
                ))}
              </tbody>
            )}
          </Table>
          {companies.data ? (
            <Pagination noun="Companies" offset={list.offset} limit={PAGE_SIZE} total={companies.data.total} estimate={companies.data.totalIsEstimate} onChange={(offset) => list.update({ offset })} />
          ) : null}
        </Card>
      )}
      <CompanyFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
