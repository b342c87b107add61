// The records, notes, tasks and timeline entries an insight was made from, as links.
import { Link } from 'react-router';
import type { Citation } from '../../../contracts/insights';
import { recordPath } from '../../../contracts/entities';

export function Citations({ citations, relatedPath }: { citations: Citation[]; relatedPath: string }) {
  if (citations.length === 0) return null;
  return (
    <details className="mt-3 text-xs text-zinc-500">
      <summary className="cursor-pointer select-none font-medium text-zinc-600">Sources ({citations.length})</summary>
      <ul className="mt-2 space-y-1" aria-label="Sources">
        {citations.map((c) => {
          // Notes and timeline entries have no page of their own: they link to the record they are on.
          const to = c.type === 'note' || c.type === 'activity' ? relatedPath : recordPath(c.type, c.id);
          return (
            <li key={`${c.type}:${c.id}`} className="truncate" data-citation={`${c.type}:${c.id}`}>
              <span className="mr-1 rounded bg-zinc-100 px-1 py-0.5 text-[10px] uppercase tracking-wide text-zinc-600">{c.type}</span>
              {to ? <Link to={to} className="text-indigo-700 hover:underline">{c.label}</Link> : c.label}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
