// Step 4: the running import's progress (polled), then what it did, the rejected rows to download
// and the way back to the list.
import { CheckCircle2, Download, XCircle } from 'lucide-react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/data-table';
import { buttonVariants } from '../../components/ui/button';
import { Skeleton } from '../../components/ui/misc';
import { rejectedHref, useImportProgress, type ImportJob, type ImportResource } from './imports.queries';

export function importSummary(job: Pick<ImportJob, 'created' | 'updated' | 'skipped' | 'rejected'>) {
  const parts = [
    [job.created, 'created'],
    [job.updated, 'updated'],
    [job.skipped, 'skipped'],
    [job.rejected, 'rejected'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n.toLocaleString()} ${what}`);
  return said.length ? said.join(', ') : 'Nothing imported';
}

export function ImportRunStep({ id, resource, onAnother }: { id: string; resource: ImportResource; onAnother: () => void }) {
  const progress = useImportProgress(id);
  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => progress.refetch()} />;
  if (!progress.data) return <Skeleton className="h-16 w-full" />;
  const job = progress.data;
  const pct = job.totalRows ? Math.round((job.processed / job.totalRows) * 100) : 100;
  const done = job.status === 'completed' || job.status === 'failed';

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <div className="flex justify-between text-sm">
          <span id="import-progress-label" className="font-medium">
            {done ? (job.status === 'failed' ? 'Import failed' : 'Import finished') : 'Importing…'}
          </span>
          <span className="tabular-nums text-zinc-600">
            {job.processed.toLocaleString()} / {job.totalRows.toLocaleString()} rows
          </span>
        </div>
        <div role="progressbar" aria-labelledby="import-progress-label" aria-valuemin={0} aria-valuemax={job.totalRows} aria-valuenow={job.processed} className="h-2.5 overflow-hidden rounded-full bg-zinc-200">
          <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-300" style={{ width: `${pct}%` }} />
        </div>
      </div>

      {done ? (
        <div role="status" className="space-y-4 rounded-lg border border-zinc-200 bg-zinc-50 p-4">
          <p className="flex items-center gap-2 text-base font-semibold">
            {job.status === 'failed' ? <XCircle className="size-5 text-red-600" aria-hidden="true" /> : <CheckCircle2 className="size-5 text-emerald-600" aria-hidden="true" />}
            {importSummary(job)}
          </p>
          {job.status === 'failed' && job.error ? <p className="text-sm text-red-700">{job.error}</p> : null}
          {job.rejectedSample.length ? (
            <ul aria-label="Rejected rows" className="space-y-1 text-sm text-zinc-700">
              {job.rejectedSample.slice(0, 5).map((r) => (
                <li key={r.row}>
                  Row {r.row}: {r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {job.rejected > 0 ? (
              <a href={rejectedHref(job.id)} download className={buttonVariants({ variant: 'secondary' })}>
                <Download aria-hidden="true" /> Download rejected rows
              </a>
            ) : null}
            <Link to={`/${resource}`} className={buttonVariants()}>
              Go to {resource}
            </Link>
            <button type="button" onClick={onAnother} className={buttonVariants({ variant: 'ghost' })}>
              Import another file
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
