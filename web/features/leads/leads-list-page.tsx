import { Plus, UserPlus } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { LEAD_STATUSES } from '../../../contracts/sales';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SearchBox, SortHeader, TableSkeleton, useListState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { formatDate, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { LeadFormDialog } from './lead-form';
import { useLeads } from './leads.queries';
import { useCreateParam } from '../../lib/create-param';
import { ExportMenu } from '../export/export-menu';
import { ImportButton } from '../imports/import-button';

const FILTERS = ['status'] as const;
export const leadTone = { new: 'lead', contacted: 'prospect', qualified: 'customer', unqualified: 'inactive', converted: 'neutral' } as const;

export function LeadsListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useCreateParam();
  const list = useListState('-createdAt', FILTERS);
  const leads = useLeads({ limit: PAGE_SIZE, offset: list.offset, sort: list.sort, q: list.q || undefined, filter: list.filters.status ? { status: list.filters.status } : {} });
  const newButton = canEdit(me.role) ? (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" /> New lead
    </Button>
  ) : null;
  const sortBy = (sort: string) => list.update({ sort });

  return (
    <>
      <PageHeader title="Leads" description="Prospects to qualify and convert into deals." actions={<><ImportButton resource="leads" /><ExportMenu resource="leads" query={{ q: list.q || undefined, sort: list.sort, filter: list.filters.status ? { status: list.filters.status } : undefined }} />{newButton}</>} />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center">
        <SearchBox label="Search leads" value={list.q} onChange={(q) => list.update({ q })} />
        <Select aria-label="Filter by status" className="sm:w-44" value={list.filters.status} onChange={(e) => list.update({ status: e.target.value })}>
          <option value="">All statuses</option>
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
            </option>
          ))}
        </Select>
        {list.filtering ? (
          <Button variant="ghost" onClick={list.clear}>
            Clear filters
          </Button>
        ) : null}
      </div>
      {leads.isError ? (
        <ErrorState error={leads.error} onRetry={() => leads.refetch()} />
      ) : leads.data && leads.data.total === 0 ? (
        <Card>
          {list.filtering ? (
            <EmptyState title="No matches" message="No leads match your search or filters." action={<Button variant="secondary" onClick={list.clear}>Clear filters</Button>} />
          ) : (
            <EmptyState icon={<UserPlus aria-hidden="true" />} title="No leads yet" message="Add the prospects you want to qualify, then convert them into deals." action={newButton} />
          )}
        </Card>
      ) : (
        <Card className={leads.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}>
          <Table aria-label="Leads">
            <thead>
              <tr>
                <SortHeader field="name" label="Name" sort={list.sort} onSort={sortBy} />
                <SortHeader field="email" label="Email" sort={list.sort} onSort={sortBy} className="hidden md:table-cell" />
                <Th>Company</Th>
                <SortHeader field="status" label="Status" sort={list.sort} onSort={sortBy} />
                <SortHeader field="score" label="Score" sort={list.sort} onSort={sortBy} className="hidden lg:table-cell" />
                <SortHeader field="createdAt" label="Added" sort={list.sort} onSort={sortBy} className="hidden lg:table-cell" />
              </tr>
            </thead>
            {leads.isPending ? (
              <TableSkeleton columns={6} />
            ) : (
              <tbody>
                {leads.data.data.map((l) => (
                  <tr key={l.id} className="cursor-pointer hover:bg-zinc-50" onClick={() => navigate(`/leads/${l.id}`)}>
                    <Td className="font-medium">
                      <Link to={`/leads/${l.id}`} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                        {l.fullName || l.email || l.companyName || 'Unnamed lead'}
                      </Link>
                    </Td>
                    <Td className="hidden text-zinc-600 md:table-cell">{l.email ?? '—'}</Td>
                    <Td className="text-zinc-600">{l.companyName ?? '—'}</Td>
                    <Td>
                      <Badge tone={leadTone[l.status]}>{titleCase(l.status)}</Badge>
                    </Td>
                    <Td className="hidden tabular-nums text-zinc-600 lg:table-cell">{l.score ?? '—'}</Td>
                    <Td className="hidden text-zinc-500 lg:table-cell">{formatDate(l.createdAt)}</Td>
                  </tr>
                ))}
              </tbody>
            )}
          </Table>
          {leads.data ? <Pagination noun="Leads" offset={list.offset} limit={PAGE_SIZE} total={leads.data.total} estimate={leads.data.totalIsEstimate} onChange={(offset) => list.update({ offset })} /> : null}
        </Card>
      )}
      <LeadFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
