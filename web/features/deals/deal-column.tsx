// One stage of the board: header with count, total and weighted total (exact decimal sums), and
// the sortable list of its deals, which is also a drop target when empty.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { Member } from '../../../contracts/members';
import type { Deal, Stage } from '../../../contracts/sales';
import { formatTotals } from '../../lib/money';
import { cn } from '../../lib/utils';
import { SortableDealCard } from './deal-card';

const kindTone = { open: 'bg-zinc-100', won: 'bg-emerald-50', lost: 'bg-rose-50' } as const;

export function DealColumn({ stage, deals, members, editable }: { stage: Stage; deals: Deal[]; members: Member[]; editable: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const headingId = `stage-${stage.id}`;
  const total = formatTotals(deals.map((d) => ({ amount: d.amount, currency: d.currency })));
  const weighted = formatTotals(deals.map((d) => ({ amount: d.weightedAmount, currency: d.currency })));
  return (
    <section aria-labelledby={headingId} data-stage-id={stage.id} className={cn('flex max-h-full w-60 shrink-0 flex-col rounded-lg', kindTone[stage.kind])}>
      <header className="px-3 pb-2 pt-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id={headingId} className="truncate text-sm font-semibold">
            {stage.name}
          </h2>
          <span className="rounded-full bg-white px-2 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200" aria-label={`${deals.length} deals`}>
            {deals.length}
          </span>
        </div>
        <p className="mt-1 text-xs text-zinc-600">
          <span className="font-semibold text-zinc-900" data-testid="column-total" aria-label={`Total ${total}`}>
            {total}
          </span>
          <span className="mx-1" aria-hidden="true">·</span>
          <span data-testid="column-weighted">weighted {weighted}</span>
          <span className="ml-1 text-zinc-400">({stage.probability}%)</span>
        </p>
      </header>
      <SortableContext id={stage.id} items={deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
        {/* Each column scrolls on its own, so the board keeps to the viewport's height. */}
        <ul ref={setNodeRef} aria-label={`${stage.name} deals`} className={cn('flex min-h-24 flex-1 flex-col gap-2 overflow-y-auto rounded-b-lg p-2 transition-colors', isOver && 'bg-indigo-100/60')}>
          {deals.map((d) => (
            <SortableDealCard key={d.id} deal={d} stage={stage} members={members} editable={editable} />
          ))}
          {deals.length === 0 ? <li className="list-none rounded-md border border-dashed border-zinc-300 px-3 py-6 text-center text-xs text-zinc-500">No deals</li> : null}
        </ul>
      </SortableContext>
    </section>
  );
}
