// The list view of deals: same filters as the board, sortable columns, pagination.
import { Link, useNavigate } from 'react-router';
import type { Member } from '../../../contracts/members';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SortHeader, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { formatMoney } from '../../lib/money';
import { formatDate } from '../../lib/utils';
import type { DealFilterState } from './deal-filters';
import { useDeals } from './deals.queries';

const stageTone = { open: 'neutral', won: 'customer', lost: 'churned' } as const;

export function DealsTable({ state, filter, members }: { state: DealFilterState; filter: Record<string, unknown>; members: Member[] }) {
  const navigate = useNavigate();
  const deals = useDeals({ limit: PAGE_SIZE, offset: state.offset, sort: state.sort, q: state.q || undefined, filter });
  const ownerName = (id: string | null) => members.find((m) => m.userId === id)?.name ?? '—';
  const sortBy = (sort: string) => state.update({ sort });
  if (deals.isError) return <ErrorState error={deals.error} onRetry={() => deals.refetch()} />;
  if (deals.data && deals.data.total === 0) {
    return (
      <Card>
        <EmptyState title="No deals" message={state.filtering ? 'No deals match your search or filters.' : 'No deals in this pipeline yet.'} action={state.filtering ? <Button variant="secondary" onClick={state.clear}>Clear filters</Button> : undefined} />
      </Card>
    );
  }
  return (
    <Card className={deals.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}>
      <Table aria-label="Deals">
        <thead>
          <tr>
            <SortHeader field="name" label="Name" sort={state.sort} onSort={sortBy} />
            <Th>Stage</Th>
            <SortHeader field="amount" label="Amount" sort={state.sort} onSort={sortBy} className="text-right" />
            <SortHeader field="expectedCloseDate" label="Close date" sort={state.sort} onSort={sortBy} className="hidden md:table-cell" />
            <Th className="hidden lg:table-cell">Company</Th>
            <Th className="hidden lg:table-cell">Owner</Th>
            <SortHeader field="createdAt" label="Added" sort={state.sort} onSort={sortBy} className="hidden xl:table-cell" />
          </tr>
        </thead>
        {deals.isPending ? (
          <TableSkeleton columns={7} />
        ) : (
          <tbody>
            {deals.data.data.map((d) => (
              <tr key={d.id} className="cursor-pointer hover:bg-zinc-50" onClick={() => navigate(`/deals/${d.id}`)}>
                <Td className="font-medium">
                  <Link to={`/deals/${d.id}`} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                    {d.name}
                  </Link>
                </Td>
                <Td>{d.stage ? <Badge tone={stageTone[d.stage.kind]}>{d.stage.name}</Badge> : '—'}</Td>
                <Td className="text-right tabular-nums">{formatMoney(d.amount, d.currency)}</Td>
                <Td className="hidden text-zinc-600 md:table-cell">{d.expectedCloseDate ? formatDate(`${d.expectedCloseDate}T00:00:00`) : '—'}</Td>
                <Td className="hidden text-zinc-600 lg:table-cell">{d.company?.name ?? '—'}</Td>
                <Td className="hidden text-zinc-600 lg:table-cell">{ownerName(d.ownerId)}</Td>
                <Td className="hidden text-zinc-500 xl:table-cell">{formatDate(d.createdAt)}</Td>
              </tr>
            ))}
          </tbody>
        )}
      </Table>
      {deals.data ? <Pagination noun="Deals" offset={state.offset} limit={PAGE_SIZE} total={deals.data.total} estimate={deals.data.totalIsEstimate} onChange={(offset) => state.update({ offset })} /> : null}
    </Card>
  );
}
