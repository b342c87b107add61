// The deal's path through the pipeline, from its stage_change activities (newest first).
import type { Activity } from '../../../contracts/common';
import { formatDateTime } from '../../lib/utils';

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function StageHistory({ activities }: { activities?: Activity[] }) {
  const moves = (activities ?? []).filter((a) => a.action === 'stage_change');
  if (!activities) return null;
  if (moves.length === 0) return <p className="text-sm text-zinc-500">The deal has not moved between stages yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Stage history">
      {moves.map((a) => {
        const days = typeof a.after?.daysInPreviousStage === 'number' ? a.after.daysInPreviousStage : null;
        const reason = str(a.after?.lostReason);
        return (
          <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-100 pb-2 text-sm last:border-0">
            <span>
              <span className="text-zinc-500">{str(a.before?.stageName) ?? '—'}</span> → <strong className="font-medium">{str(a.after?.stageName) ?? '—'}</strong>
              {days !== null ? <span className="text-zinc-500"> after {days} {days === 1 ? 'day' : 'days'}</span> : null}
              {reason ? <span className="block text-xs text-rose-700">Lost reason: {reason}</span> : null}
            </span>
            <time dateTime={a.createdAt} className="text-xs text-zinc-500">
              {formatDateTime(a.createdAt)}
              {a.actorName ? ` · ${a.actorName}` : ''}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
