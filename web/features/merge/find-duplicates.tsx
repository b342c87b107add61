// "Find duplicates" on the contacts and companies lists: likely pairs with their score and
// reasons; choosing one opens the merge preview.
import { Copy } from 'lucide-react';
import { useState } from 'react';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Skeleton } from '../../components/ui/misc';
import { MergeDialog } from './merge-dialog';
import { useDuplicates, type DuplicatePair, type MergeKind } from './merge.queries';

export function FindDuplicatesButton({ kind }: { kind: MergeKind }) {
  const [open, setOpen] = useState(false);
  const [pair, setPair] = useState<DuplicatePair | null>(null);
  const pairs = useDuplicates(kind, open);
  const noun = kind === 'contacts' ? 'contacts' : 'companies';

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Copy aria-hidden="true" /> Find duplicates
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Duplicate ${noun}`} description="Pairs that look like the same record, most likely first." className="max-w-2xl">
        {pairs.isError ? (
          <ErrorState error={pairs.error} onRetry={() => pairs.refetch()} />
        ) : pairs.isPending ? (
          <div aria-busy="true" className="space-y-2">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : pairs.data.length === 0 ? (
          <p className="py-8 text-center text-sm text-zinc-500">No likely duplicates found.</p>
        ) : (
          <ul aria-label="Duplicate pairs" className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
            {pairs.data.map((p) => (
              <li key={`${p.a.id}:${p.b.id}`} className="flex flex-wrap items-center gap-3 px-3 py-2.5">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">
                    {p.a.title} <span className="text-zinc-400">and</span> {p.b.title}
                  </p>
                  <p className="text-xs text-zinc-500">{p.reasons.join(' · ')}</p>
                </div>
                <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700" aria-label={`Score ${Math.round(p.score * 100)}%`}>
                  {Math.round(p.score * 100)}%
                </span>
                <Button size="sm" variant="secondary" aria-label={`Review merge of ${p.a.title} and ${p.b.title}`} onClick={() => { setPair(p); setOpen(false); }}>
                  Review merge
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Dialog>
      <MergeDialog kind={kind} pair={pair} onOpenChange={(o) => !o && setPair(null)} />
    </>
  );
}
