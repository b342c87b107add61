// The list view of deals: same filters as the board, a grid with inline edit (stage, amount, close
// date, owner) and the user's own columns, sort, pagination, saved views and bulk actions.
import { useMemo } from 'react';
import type { Member } from '../../../contracts/members';
import type { Deal, Stage } from '../../../contracts/sales';
import { EmptyState } from '../../components/data-table';
import { amountEditor, dateEditor, ownerEditor, selectEditor, textEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, NameLink, type ListPage } from '../../components/list-page';
import { Badge } from '../../components/ui/misc';
import { formatMoney } from '../../lib/money';
import { formatDate } from '../../lib/utils';
import type { DealFilterState } from './deal-filters';
import { useDeals } from './deals.queries';
import { dealSignals, SignalBadges } from './deal-signals';

const stageTone = { open: 'neutral', won: 'customer', lost: 'churned' } as const;

export function DealsTable({ state, filter, members, stages }: { state: DealFilterState; filter: Record<string, unknown>; members: Member[]; stages: Stage[] }) {
  const deals = useDeals({ ...state.params, filter });
  const columns = useMemo((): GridColumn<Deal>[] => {
    const ownerName = (id: string | null) => members.find((m) => m.userId === id)?.name ?? '—';
    const stageById = new Map(stages.map((s) => [s.id, s]));
    return [
      { id: 'name', header: 'Name', sort: 'name', size: 200, pinned: true, cell: (d) => <NameLink to={`/deals/${d.id}`}>{d.name}</NameLink> },
      {
        id: 'stage',
        header: 'Stage',
        size: 130,
        cell: (d) => {
          const s = stageById.get(d.stageId);
          return s ? <Badge tone={stageTone[s.kind]}>{s.name}</Badge> : '—';
        },
        edit: selectEditor('stageId', 'Stage', stages.map((s) => ({ value: s.id, label: s.name }))),
      },
      { id: 'amount', header: 'Amount', sort: 'amount', size: 120, align: 'right', cell: (d) => formatMoney(d.amount, d.currency), edit: amountEditor('amount', 'Amount') },
      { id: 'expectedCloseDate', header: 'Close date', sort: 'expectedCloseDate', size: 120, cell: (d) => (d.expectedCloseDate ? formatDate(`${d.expectedCloseDate}T00:00:00`) : '—'), edit: dateEditor('expectedCloseDate', 'Close date') },
      { id: 'signals', header: 'Flags', size: 110, cell: (d) => <SignalBadges signals={dealSignals(d, stageById.get(d.stageId))} /> },
      { id: 'company', header: 'Company', size: 140, cell: (d) => d.company?.name ?? '—' },
      { id: 'owner', header: 'Owner', size: 120, cell: (d) => ownerName(d.ownerId), edit: ownerEditor(members) },
      { id: 'source', header: 'Source', size: 120, hidden: true, cell: (d) => d.source ?? '—', edit: textEditor('source', 'Source') },
      { id: 'createdAt', header: 'Added', sort: 'createdAt', size: 110, hidden: true, cell: (d) => formatDate(d.createdAt) },
    ];
  }, [members, stages]);
  const grid = useDataGrid('deals', 'deals', columns);
  // The shared list frame (saved views, row selection, bulk bar, pagination) with the deals' own
  // API filter: the URL filters mapped by dealFilter plus the pipeline shown.
  const list: ListPage = { ...state, filter, params: { ...state.params, filter } };

  return (
    <ListTable
      query={deals}
      list={list}
      label="Deals"
      noMatches="No deals match your search or filters."
      empty={<EmptyState title="No deals" message="No deals in this pipeline yet." />}
      grid={grid}
      href={(d) => `/deals/${d.id}`}
      toolbarEnd={grid.menu}
    />
  );
}
