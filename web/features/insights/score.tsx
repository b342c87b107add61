// A lead's or contact's score: the number, "set by hand" when a person overrode it, and the rules
// behind the computed score (fit and engagement, each with its points).
import type { ScoreFactor } from '../../../contracts/scores';

export function ScoreValue({ score, overridden, factors }: { score: number | null; overridden: boolean; factors: ScoreFactor[] | null }) {
  if (score === null) return null;
  const computed = (factors ?? []).reduce((s, f) => s + f.points, 0);
  return (
    <div className="min-w-0">
      <span className="font-semibold tabular-nums" data-score>{score}</span>
      <span className="ml-1 text-xs text-zinc-500">/ 100</span>
      {overridden ? <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">Set by hand</span> : null}
      {factors?.length ? (
        <details className="mt-1 text-xs text-zinc-600">
          <summary className="cursor-pointer select-none text-zinc-500">Why{overridden ? ` (the rules give ${Math.max(0, Math.min(100, computed))})` : ''}</summary>
          <ul className="mt-1 space-y-0.5" aria-label="Score factors">
            {factors.map((f) => (
              <li key={f.key} className="break-words">
                <span className="font-medium tabular-nums">{f.points > 0 ? `+${f.points}` : f.points}</span> {f.label} <span className="text-zinc-400">({f.kind})</span> — {f.explanation}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
