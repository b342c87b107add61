// /leads: search, status filter, a grid with inline edit and the user's own columns (custom fields
// among them), sort, pagination, import, export and the New lead dialog.
import { UserPlus } from 'lucide-react';
import { useMemo } from 'react';
import { LEAD_STATUSES, type Lead } from '../../../contracts/sales';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { ownerEditor, selectEditor, textEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, ListToolbar, NameLink, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge } from '../../components/ui/misc';
import { formatDate, titleCase } from '../../lib/utils';
import { LeadFormDialog } from './lead-form';
import { useLeads } from './leads.queries';
import { ExportMenu } from '../export/export-menu';
import { ImportButton } from '../imports/import-button';
import { useCustomFieldColumns } from '../custom-fields/custom-columns';
import { useMembers } from '../settings/settings.queries';

const FILTERS = ['status'] as const;
export const leadTone = { new: 'lead', contacted: 'prospect', qualified: 'customer', unqualified: 'inactive', converted: 'neutral' } as const;
// "converted" is set by conversion only.
const statusOptions = LEAD_STATUSES.filter((s) => s !== 'converted').map((s) => ({ value: s, label: titleCase(s) }));

export function LeadsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New lead');
  const list = useListPage('-createdAt', FILTERS);
  const leads = useLeads(list.params);
  const members = useMembers();
  const custom = useCustomFieldColumns<Lead>('lead');
  const columns = useMemo((): GridColumn<Lead>[] => {
    const people = members.data ?? [];
    const ownerName = (id: string | null) => people.find((m) => m.userId === id)?.name ?? '—';
    return [
      { id: 'name', header: 'Name', sort: 'name', size: 175, pinned: true, cell: (l) => <NameLink to={`/leads/${l.id}`}>{l.fullName || l.email || l.companyName || 'Unnamed lead'}</NameLink> },
      { id: 'email', header: 'Email', sort: 'email', size: 155, cell: (l) => l.email ?? '—', edit: textEditor('email', 'Email') },
      { id: 'company', header: 'Company', size: 150, cell: (l) => l.companyName ?? '—', edit: textEditor('companyName', 'Company') },
      { id: 'status', header: 'Status', sort: 'status', size: 120, cell: (l) => <Badge tone={leadTone[l.status]}>{titleCase(l.status)}</Badge>, edit: selectEditor('status', 'Status', statusOptions) },
      { id: 'score', header: 'Score', sort: 'score', size: 90, align: 'right', cell: (l) => (l.score === null ? '—' : `${l.score}${l.scoreOverridden ? '*' : ''}`) },
      { id: 'owner', header: 'Owner', size: 130, cell: (l) => ownerName(l.ownerId), edit: ownerEditor(people) },
      { id: 'createdAt', header: 'Added', sort: 'createdAt', size: 110, cell: (l) => formatDate(l.createdAt) },
      ...custom,
    ];
  }, [members.data, custom]);
  const grid = useDataGrid('leads', 'leads', columns);

  return (
    <>
      <PageHeader title="Leads" description="Prospects to qualify and convert into deals." actions={<><ImportButton resource="leads" /><ExportMenu resource="leads" query={list.exportQuery} />{newButton}</>} />
      <ListToolbar list={list} searchLabel="Search leads">
        <StatusFilter list={list} values={LEAD_STATUSES} className="sm:w-44" />
        {grid.menu}
      </ListToolbar>
      <ListTable
        query={leads}
        list={list}
        label="Leads"
        noMatches="No leads match your search or filters."
        empty={<EmptyState icon={<UserPlus aria-hidden="true" />} title="No leads yet" message="Add the prospects you want to qualify, then convert them into deals." action={newButton} />}
        grid={grid}
        href={(l) => `/leads/${l.id}`}
      />
      <LeadFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
