// A brief on a contact, company or deal: who/what, the relationship history, open work and the
// last touch, with the sources it was made from. Written by the organization's model when one
// is configured, assembled by rules otherwise (the card says which).
import { RefreshCw, Sparkles } from 'lucide-react';
import type { BriefType } from '../../../contracts/insights';
import { Button } from '../../components/ui/button';
import { Card, Skeleton } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { Citations } from './citations';
import { useBrief, useRecordSentiment } from './insights.queries';

const PATH: Record<BriefType, string> = { contact: '/contacts', company: '/companies', deal: '/deals' };

export function BriefCard({ type, id }: { type: BriefType; id: string }) {
  const q = useBrief(type, id);
  const b = q.data;
  const mood = useRecordSentiment(type, id).data?.overall;
  return (
    <Card className="p-6" aria-labelledby={`${type}-brief`}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={`${type}-brief`} className="inline-flex items-center gap-2 text-base font-semibold">
          <Sparkles className="size-4 text-zinc-500" aria-hidden="true" />
          Brief
        </h2>
        <Button variant="ghost" size="icon" className="size-8" aria-label="Refresh brief" onClick={() => void q.refetch()} disabled={q.isFetching}>
          <RefreshCw className={q.isFetching ? 'animate-spin' : undefined} />
        </Button>
      </div>
      {q.isPending ? (
        <Skeleton className="h-20" />
      ) : q.error ? (
        <p role="alert" className="text-sm text-red-700">{errorMessage(q.error)}</p>
      ) : b ? (
        <div className="space-y-3 text-sm">
          <p className="text-zinc-800" data-brief-summary>{b.summary}</p>
          {b.lastTouch ? (
            <p className="text-zinc-600"><span className="font-medium text-zinc-800">Last touch: </span>{b.lastTouch}</p>
          ) : null}
          {b.openWork.length ? (
            <div>
              <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Open work</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-zinc-700">
                {b.openWork.map((w, i) => <li key={i} className="break-words">{w}</li>)}
              </ul>
            </div>
          ) : null}
          {b.history.length ? (
            <div>
              <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">History</h3>
              <ul className="mt-1 space-y-0.5 text-zinc-700">
                {b.history.slice(0, 5).map((h, i) => <li key={i} className="break-words">{h}</li>)}
              </ul>
            </div>
          ) : null}
          {mood && mood.notes > 0 ? (
            <p className="text-zinc-600" data-sentiment={mood.label}>
              <span className="font-medium text-zinc-800">Tone of recent notes: </span>
              <span className={mood.label === 'positive' ? 'text-emerald-700' : mood.label === 'negative' ? 'text-red-700' : undefined}>{mood.label}</span>
              <span className="text-zinc-400"> ({mood.score > 0 ? '+' : ''}{mood.score.toFixed(2)} over {mood.notes} note{mood.notes === 1 ? '' : 's'})</span>
            </p>
          ) : null}
          <p className="text-xs text-zinc-400">{b.source === 'model' ? `Written by ${b.model}` : 'Assembled from the record’s notes and activities'}</p>
          <Citations citations={b.citations} relatedPath={`${PATH[type]}/${id}`} />
        </div>
      ) : null}
    </Card>
  );
}
