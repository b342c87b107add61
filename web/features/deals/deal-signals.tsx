// What needs attention on an open deal: overdue (its expected close date has passed), stale (longer
// in its stage than the stage's stale limit) and rotting (no activity for the stage's rotting days).
// Won and lost deals are done: nothing is flagged on them.
import { AlarmClock, Hourglass, Leaf } from 'lucide-react';
import type { Deal, Stage } from '../../../contracts/sales';

export interface DealSignals {
  overdue: boolean;
  stale: boolean;
  rotting: boolean;
  daysInStage: number;
  daysIdle: number | null;
}

const DAY = 86_400_000;
/** The deal-aging report's limit for a stage without its own (server/modules/reports). */
const DEFAULT_STALE_DAYS = 30;

/** Today as YYYY-MM-DD in the viewer's timezone (a close date is a calendar date, not an instant). */
function today(now: Date) {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function dealSignals(deal: Deal, stage: Pick<Stage, 'kind' | 'staleAfterDays' | 'rottingDays'> | undefined, now = new Date()): DealSignals {
  const daysInStage = Math.floor((now.getTime() - new Date(deal.stageEnteredAt).getTime()) / DAY);
  const daysIdle = deal.lastActivityAt ? Math.floor((now.getTime() - new Date(deal.lastActivityAt).getTime()) / DAY) : null;
  const open = (stage?.kind ?? deal.stage?.kind) === 'open';
  return {
    overdue: open && Boolean(deal.expectedCloseDate) && (deal.expectedCloseDate ?? '') < today(now),
    stale: open && daysInStage > (stage?.staleAfterDays ?? DEFAULT_STALE_DAYS),
    rotting: open && Boolean(stage?.rottingDays) && daysIdle !== null && daysIdle >= (stage?.rottingDays ?? Infinity),
    daysInStage,
    daysIdle,
  };
}

const chip = 'inline-flex items-center gap-1 rounded-full px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset';

export function SignalBadges({ signals }: { signals: DealSignals }) {
  if (!signals.overdue && !signals.stale && !signals.rotting) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {signals.overdue ? (
        <span className={`${chip} bg-red-50 text-red-800 ring-red-200`} data-signal="overdue" title="The expected close date has passed">
          <AlarmClock className="size-3" aria-hidden="true" /> Overdue
        </span>
      ) : null}
      {signals.stale ? (
        <span className={`${chip} bg-amber-50 text-amber-900 ring-amber-200`} data-signal="stale" title={`${signals.daysInStage} days in this stage`}>
          <Hourglass className="size-3" aria-hidden="true" /> Stale
        </span>
      ) : null}
      {signals.rotting ? (
        <span className={`${chip} bg-orange-100 text-orange-900 ring-orange-300`} data-signal="rotting" title={`No activity for ${signals.daysIdle} days`}>
          <Leaf className="size-3" aria-hidden="true" /> Rotting {signals.daysIdle}d
        </span>
      ) : null}
    </span>
  );
}
