// /leads: search, status filter, custom field columns, sort, pagination, import, export and the New lead dialog.
import { UserPlus } from 'lucide-react';
import { LEAD_STATUSES } from '../../../contracts/sales';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, SortHeader } from '../../components/data-table';
import { ListTable, ListToolbar, NameCell, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge, Td, Th } from '../../components/ui/misc';
import { formatDate, titleCase } from '../../lib/utils';
import { LeadFormDialog } from './lead-form';
import { useLeads } from './leads.queries';
import { ExportMenu } from '../export/export-menu';
import { ImportButton } from '../imports/import-button';
import { ColumnsMenu, CustomFieldCells, CustomFieldHeaders, useCustomColumns } from '../custom-fields/custom-columns';

const FILTERS = ['status'] as const;
export const leadTone = { new: 'lead', contacted: 'prospect', qualified: 'customer', unqualified: 'inactive', converted: 'neutral' } as const;

export function LeadsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New lead');
  const list = useListPage('-createdAt', FILTERS);
  const columns = useCustomColumns('lead');
  const leads = useLeads(list.params);

  return (
    <>
      <PageHeader title="Leads" description="Prospects to qualify and convert into deals." actions={<><ImportButton resource="leads" /><ExportMenu resource="leads" query={list.exportQuery} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search leads">
        <StatusFilter list={list} values={LEAD_STATUSES} className="sm:w-44" />
        <ColumnsMenu columns={columns} />
      </ListToolbar>
      <ListTable
        query={leads}
        list={list}
        label="Leads"
        noMatches="No leads match your search or filters."
        empty={<EmptyState icon={<UserPlus aria-hidden="true" />} title="No leads yet" message="Add the prospects you want to qualify, then convert them into deals." action={newButton} />}
        columns={6 + columns.visible.length}
        href={(l) => `/leads/${l.id}`}
        head={
          <>
            <SortHeader field="name" label="Name" {...list.sortProps} />
            <SortHeader field="email" label="Email" {...list.sortProps} className="hidden md:table-cell" />
            <Th>Company</Th>
            <SortHeader field="status" label="Status" {...list.sortProps} />
            <SortHeader field="score" label="Score" {...list.sortProps} className="hidden lg:table-cell" />
            <SortHeader field="createdAt" label="Added" {...list.sortProps} className="hidden lg:table-cell" />
            <CustomFieldHeaders columns={columns} {...list.sortProps} />
          </>
        }
      >
        {(l) => (
          <>
            <NameCell to={`/leads/${l.id}`}>{l.fullName || l.email || l.companyName || 'Unnamed lead'}</NameCell>
            <Td className="hidden text-zinc-600 md:table-cell">{l.email ?? '—'}</Td>
            <Td className="text-zinc-600">{l.companyName ?? '—'}</Td>
            <Td>
              <Badge tone={leadTone[l.status]}>{titleCase(l.status)}</Badge>
            </Td>
            <Td className="hidden tabular-nums text-zinc-600 lg:table-cell">{l.score ?? '—'}</Td>
            <Td className="hidden text-zinc-500 lg:table-cell">{formatDate(l.createdAt)}</Td>
            <CustomFieldCells columns={columns} record={l} />
          </>
        )}
      </ListTable>
      <LeadFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
