// One deal on the board: a list item that is dragged with the mouse anywhere on the card, or from
// the keyboard through its handle (a button: focus it, Space, arrows, Space). The item itself is not
// focusable or a button: it holds a link and buttons, and interactive content may not nest.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Building2, CalendarDays, GripVertical, UserRound } from 'lucide-react';
import type { ReactNode } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { Link } from 'react-router';
import type { Member } from '../../../contracts/members';
import type { Deal, Stage } from '../../../contracts/sales';
import { formatMoney } from '../../lib/money';
import { cn, formatDate } from '../../lib/utils';
import { DealQuickEdit } from './deal-quick-edit';
import { dealSignals, SignalBadges } from './deal-signals';

interface CardProps {
  deal: Deal;
  /** The deal's stage: its stale and rotting limits mark the card. */
  stage?: Stage;
  members: Member[];
  editable: boolean;
}

export function DealCardBody({ deal, stage, members, editable, overlay, handle }: CardProps & { overlay?: boolean; handle?: ReactNode }) {
  const owner = members.find((m) => m.userId === deal.ownerId)?.name;
  const signals = dealSignals(deal, stage);
  return (
    <div
      data-rotting={signals.rotting || undefined}
      className={cn('rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-sm', signals.rotting && 'border-l-4 border-orange-300 border-l-orange-500 bg-orange-50', overlay && 'rotate-1 shadow-lg ring-2 ring-indigo-500')}
    >
      <div className="flex items-start gap-1">
        {handle}
        <Link to={`/deals/${deal.id}`} className="min-w-0 flex-1 truncate font-medium text-zinc-900 hover:text-indigo-700 hover:underline" draggable={false}>
          {deal.name}
        </Link>
        {editable && !overlay ? <DealQuickEdit deal={deal} members={members} /> : null}
      </div>
      {deal.company ? (
        <p className="mt-1 flex items-center gap-1 truncate text-xs text-zinc-600">
          <Building2 className="size-3 shrink-0" aria-hidden="true" /> {deal.company.name}
        </p>
      ) : null}
      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600">
        <span className="font-semibold text-zinc-900">{formatMoney(deal.amount, deal.currency)}</span>
        {deal.expectedCloseDate ? (
          <span className="inline-flex items-center gap-1">
            <CalendarDays className="size-3" aria-hidden="true" />
            <span className="sr-only">Closes</span> {formatDate(`${deal.expectedCloseDate}T00:00:00`)}
          </span>
        ) : null}
        {owner ? (
          <span className="inline-flex items-center gap-1">
            <UserRound className="size-3" aria-hidden="true" />
            <span className="sr-only">Owner</span> {owner}
          </span>
        ) : null}
      </div>
      {signals.overdue || signals.stale || signals.rotting ? (
        <div className="mt-1.5">
          <SignalBadges signals={signals} />
        </div>
      ) : null}
    </div>
  );
}

export function SortableDealCard(props: CardProps) {
  const { deal, editable } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: deal.id, disabled: !editable });
  // Pointers that start in the card's own controls (the name link keeps its click; the handle and
  // the edit popover, which React bubbles through its portal) must not pick the card up there.
  const onPointerDown = (e: PointerEvent<HTMLLIElement>) => {
    const target = e.target as HTMLElement;
    if (!e.currentTarget.contains(target) || target.closest('button:not([data-drag-handle]), input, select, textarea')) return;
    listeners?.onPointerDown?.(e);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => listeners?.onKeyDown?.(e);
  const label = cardLabel(props);
  const handle = editable ? (
    <button
      type="button"
      ref={setActivatorNodeRef}
      data-drag-handle=""
      {...attributes}
      aria-label={`Move ${label}`}
      aria-roledescription="drag handle"
      onKeyDown={onKeyDown}
      className="-ml-1.5 mt-px shrink-0 cursor-grab rounded p-0.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <GripVertical className="size-4" aria-hidden="true" />
    </button>
  ) : undefined;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn('list-none rounded-md', editable && 'cursor-grab touch-none', isDragging && 'opacity-40')}
      data-deal-id={deal.id}
      aria-label={label}
      onPointerDown={onPointerDown}
    >
      <DealCardBody {...props} handle={handle} />
    </li>
  );
}

/** What a screen reader hears for a card: name, amount and what needs attention. */
function cardLabel({ deal, stage }: CardProps) {
  const s = dealSignals(deal, stage);
  const flags = [s.overdue && 'overdue', s.stale && 'stale', s.rotting && `rotting, no activity for ${s.daysIdle} days`].filter(Boolean);
  return [deal.name, formatMoney(deal.amount, deal.currency), ...flags].join(', ');
}
