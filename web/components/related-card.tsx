// A record page's section of related records ("Deals", "Tasks", "Upcoming events"…): a titled card
// with the count, an "Add …" button that creates one in place, and the list, its loading skeleton,
// error (with Retry) and empty text.
import { Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import { ErrorState } from './data-table';
import { Button } from './ui/button';
import { Card, Skeleton } from './ui/misc';

interface RelatedCardProps {
  id: string;
  title: string;
  /** Matches in total (null while loading). */
  total: number | null | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  /** "Add deal": shown when given (members and up). */
  add?: { label: string; onClick: () => void };
  /** Something else in the header's corner instead (a picker). */
  action?: ReactNode;
  empty: string;
  /** The rows (<li>), or nothing when there are none. */
  children: ReactNode;
  count: number;
  /** A link to everything when the card shows only the first few. */
  more?: ReactNode;
}

export function RelatedCard({ id, title, total, isPending, error, onRetry, add, action, empty, children, count, more }: RelatedCardProps) {
  return (
    <Card aria-labelledby={id}>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 sm:px-6">
        <h2 id={id} className="text-base font-semibold">
          {title} {typeof total === 'number' ? <span className="font-normal text-zinc-500">({total})</span> : null}
        </h2>
        {add ? (
          <Button size="sm" variant="secondary" onClick={add.onClick}>
            <Plus aria-hidden="true" /> {add.label}
          </Button>
        ) : action}
      </div>
      {error ? (
        <div className="p-4 sm:p-6"><ErrorState error={error} onRetry={onRetry} /></div>
      ) : isPending ? (
        <div className="space-y-3 p-4 sm:p-6"><Skeleton className="h-5 w-1/2" /><Skeleton className="h-5 w-1/3" /></div>
      ) : count === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-zinc-500 sm:px-6">{empty}</p>
      ) : (
        <>
          <ul className="divide-y divide-zinc-100">{children}</ul>
          {more ? <div className="border-t border-zinc-100 px-4 py-2 text-sm sm:px-6">{more}</div> : null}
        </>
      )}
    </Card>
  );
}

/** One row: the main line (usually a link) with details under it, and something on the right. */
export function RelatedRow({ main, details, aside }: { main: ReactNode; details?: ReactNode; aside?: ReactNode }) {
  return (
    <li className="flex items-center justify-between gap-3 px-4 py-2.5 sm:px-6">
      <div className="min-w-0">
        <div className="truncate text-sm font-medium text-zinc-900">{main}</div>
        {details ? <div className="truncate text-xs text-zinc-500">{details}</div> : null}
      </div>
      {aside ? <div className="flex shrink-0 items-center gap-2">{aside}</div> : null}
    </li>
  );
}
