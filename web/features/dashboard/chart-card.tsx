// The frame of a dashboard chart: title, a link to the records behind it, and loading/error/empty.
import { ArrowRight, BarChart3 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { Card, Skeleton } from '../../components/ui/misc';

interface ChartCardProps {
  id: string;
  title: string;
  description?: ReactNode;
  link?: { to: string; label: string };
  /** Controls beside the link (e.g. the currency the chart shows). */
  actions?: ReactNode;
  isPending: boolean;
  error: unknown;
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}

export function ChartCard({ id, title, description, link, actions, isPending, error, empty, emptyText, children }: ChartCardProps) {
  return (
    <Card className="flex flex-col p-5" aria-labelledby={id}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={id} className="text-base font-semibold">{title}</h2>
          {description ? <p className="text-sm text-zinc-500">{description}</p> : null}
        </div>
        <div className="flex items-center gap-3">
          {actions}
          {link ? (
            <Link to={link.to} className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
              {link.label} <ArrowRight className="size-3.5" aria-hidden="true" />
            </Link>
          ) : null}
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">{errorMessage(error)}</p>
      ) : isPending ? (
        <Skeleton className="h-56 w-full" />
      ) : empty ? (
        <div className="flex h-56 flex-col items-center justify-center gap-2 text-center text-sm text-zinc-500">
          <BarChart3 className="size-6 text-zinc-400" aria-hidden="true" />
          {emptyText}
        </div>
      ) : (
        children
      )}
    </Card>
  );
}
