// /campaigns: search, status filter, a grid with inline status edit, sort, pagination, export and
// the New campaign dialog.
import { Megaphone } from 'lucide-react';
import { useMemo } from 'react';
import { CAMPAIGN_STATUSES, type Campaign } from '../../../contracts/campaigns';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { selectEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, ListToolbar, NameLink, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge } from '../../components/ui/misc';
import { formatMoney, formatNumber } from '../../lib/format';
import { formatDate } from '../../lib/utils';
import { ExportMenu } from '../export/export-menu';
import { CampaignFormDialog } from './campaign-form';
import { campaignStatusTone, label, useCampaigns } from './campaigns.queries';

const FILTERS = ['status'] as const;
const statusOptions = CAMPAIGN_STATUSES.map((s) => ({ value: s, label: label(s) }));
const day = (d: string | null) => (d ? formatDate(`${d}T00:00:00`) : '—');

export function CampaignsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New campaign');
  const list = useListPage('-updatedAt', FILTERS);
  const campaigns = useCampaigns(list.params);
  const columns = useMemo(
    (): GridColumn<Campaign>[] => [
      { id: 'name', header: 'Name', sort: 'name', size: 220, pinned: true, cell: (c) => <NameLink to={`/campaigns/${c.id}`}>{c.name}</NameLink> },
      { id: 'type', header: 'Type', sort: 'type', size: 110, cell: (c) => label(c.type) },
      { id: 'status', header: 'Status', sort: 'status', size: 130, cell: (c) => <Badge tone={campaignStatusTone[c.status]}>{label(c.status)}</Badge>, edit: selectEditor('status', 'Status', statusOptions) },
      { id: 'members', header: 'Members', size: 100, cell: (c) => formatNumber(c.memberCount ?? 0) },
      { id: 'startDate', header: 'Starts', sort: 'startDate', size: 120, cell: (c) => day(c.startDate) },
      { id: 'endDate', header: 'Ends', sort: 'endDate', size: 120, cell: (c) => day(c.endDate) },
      { id: 'budget', header: 'Budget', sort: 'budget', size: 130, cell: (c) => (c.budget ? formatMoney(c.budget, c.currency) : '—') },
      { id: 'actualCost', header: 'Actual cost', sort: 'actualCost', size: 130, cell: (c) => (c.actualCost ? formatMoney(c.actualCost, c.currency) : '—') },
    ],
    [],
  );
  const grid = useDataGrid('campaigns', 'campaigns', columns);

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Marketing efforts, who they reach and what they bring in."
        actions={
          <>
            <ExportMenu resource="campaigns" query={list.exportQuery} />
            {newButton}
          </>
        }
      />
      <ListToolbar list={list} searchLabel="Search campaigns">
        <StatusFilter list={list} values={CAMPAIGN_STATUSES} label={label} className="sm:w-44" />
        {grid.menu}
      </ListToolbar>
      <ListTable
        query={campaigns}
        list={list}
        label="Campaigns"
        noMatches="No campaigns match your search or filters."
        empty={<EmptyState icon={<Megaphone aria-hidden="true" />} title="No campaigns yet" message="Plan a webinar, an email or an event, add contacts and see what it brings in." action={newButton} />}
        grid={grid}
        href={(c) => `/campaigns/${c.id}`}
      />
      <CampaignFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
