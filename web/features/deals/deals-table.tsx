// The list view of deals: same filters as the board, a grid with inline edit (stage, amount, close
// date, owner) and the user's own columns, sort, pagination.
import { useMemo } from 'react';
import type { Member } from '../../../contracts/members';
import type { Deal, Stage } from '../../../contracts/sales';
import { EmptyState, ErrorState, Pagination, PAGE_SIZE } from '../../components/data-table';
import { amountEditor, dateEditor, ownerEditor, selectEditor, textEditor } from '../../components/grid/editors';
import { DataGrid } from '../../components/grid/data-grid';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { NameLink } from '../../components/list-page';
import { Button } from '../../components/ui/button';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import { formatMoney } from '../../lib/money';
import { cn, formatDate } from '../../lib/utils';
import type { DealFilterState } from './deal-filters';
import { useDeals } from './deals.queries';
import { dealSignals, SignalBadges } from './deal-signals';

const stageTone = { open: 'neutral', won: 'customer', lost: 'churned' } as const;

export function DealsTable({ state, filter, members, stages }: { state: DealFilterState; filter: Record<string, unknown>; members: Member[]; stages: Stage[] }) {
  const deals = useDeals({ limit: state.limit, offset: state.offset, sort: state.sort, q: state.q || undefined, filter });
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

  if (deals.isError) return <ErrorState error={deals.error} onRetry={() => deals.refetch()} />;
  if (deals.data && deals.data.total === 0) {
    return (
      <Card>
        <EmptyState title="No deals" message={state.filtering ? 'No deals match your search or filters.' : 'No deals in this pipeline yet.'} action={state.filtering ? <Button variant="secondary" onClick={state.clear}>Clear filters</Button> : undefined} />
      </Card>
    );
  }
  return (
    <>
      <div className="mb-2 flex justify-end">{grid.menu}</div>
      <Card className={cn('overflow-hidden', deals.isPlaceholderData && 'opacity-70 transition-opacity')}>
        {deals.data ? (
          <DataGrid label="Deals" rows={deals.data.data} columns={grid.columns} prefs={grid.prefs} onPrefs={grid.onPrefs} sort={state.sort} onSort={(sort) => state.update({ sort })} href={(d) => `/deals/${d.id}`} editable={grid.editable} onSave={grid.onSave} />
        ) : (
          <Skeleton className="m-3 h-64" />
        )}
        {deals.data ? (
          <Pagination noun="Deals" offset={state.offset} limit={state.limit} total={deals.data.total} estimate={deals.data.totalIsEstimate} onChange={(offset) => state.update({ offset })} onLimit={(limit) => state.update({ limit: limit === PAGE_SIZE ? null : limit })} />
        ) : null}
      </Card>
    </>
  );
}
