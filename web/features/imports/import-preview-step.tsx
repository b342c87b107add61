// Step 3: what to do with records that already exist, and a dry run of the whole file: how many rows
// would be created, updated, skipped or rejected, and the problems of the rejected rows.
import { Skeleton, Table, Td, Th } from '../../components/ui/misc';
import { ErrorState } from '../../components/data-table';
import { cn } from '../../lib/utils';
import type { DuplicateMode, ImportPreview, ImportResource } from './imports.queries';
import { plural } from '../../lib/format';

const matchKey: Record<ImportResource, string> = {
  contacts: 'Contacts are matched by email address.',
  leads: 'Leads are matched by email address.',
  companies: 'Companies are matched by domain.',
  deals: 'Deals have no natural key, so every row creates a deal.',
  campaigns: 'Campaigns have no natural key, so every row creates a campaign.',
};

interface Props {
  resource: ImportResource;
  duplicates: DuplicateMode;
  onDuplicates: (d: DuplicateMode) => void;
  preview: ImportPreview | undefined;
  pending: boolean;
  error: unknown;
  onRetry: () => void;
}

export function ImportPreviewStep({ resource, duplicates, onDuplicates, preview, pending, error, onRetry }: Props) {
  return (
    <div className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-900">Records that already exist</legend>
        <p className="text-sm text-zinc-500">{matchKey[resource]}</p>
        <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
          {(
            [
              ['skip', 'Skip them', 'Existing records stay as they are.'],
              ['update', 'Update them', 'Filled cells of the file overwrite the existing values.'],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className="flex cursor-pointer items-start gap-2 text-sm">
              <input type="radio" name="duplicates" value={value} checked={duplicates === value} onChange={() => onDuplicates(value)} className="mt-0.5 size-4 accent-indigo-600" />
              <span>
                <span className="block font-medium">{label}</span>
                <span className="block text-zinc-500">{hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <section aria-labelledby="dry-run" aria-busy={pending} className="space-y-4">
        <h2 id="dry-run" className="text-base font-semibold">Dry run</h2>
        {error ? (
          <ErrorState error={error} onRetry={onRetry} />
        ) : !preview ? (
          <Skeleton className="h-20 w-full" />
        ) : (
          <>
            <dl aria-label="Preview counts" className={cn('grid grid-cols-2 gap-3 sm:grid-cols-4', pending && 'opacity-60')}>
              <Count label="Create" value={preview.create} tone="text-emerald-700" />
              <Count label="Update" value={preview.update} tone="text-sky-700" />
              <Count label="Skip" value={preview.skip} tone="text-zinc-700" />
              <Count label="Reject" value={preview.reject} tone={preview.reject ? 'text-red-700' : 'text-zinc-700'} />
            </dl>
            {preview.problems.length ? (
              <div className="space-y-2">
                <h3 className="text-sm font-medium">
                  {preview.reject === 1 ? '1 row has a problem' : `${preview.reject} rows have problems`} and will not be imported
                </h3>
                <Table aria-label="Rows with problems">
                  <thead>
                    <tr>
                      <Th className="w-24">Row</Th>
                      <Th>Problems</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((p) => (
                      <tr key={p.row}>
                        <Td className="font-medium tabular-nums">{p.row}</Td>
                        <Td>
                          <ul className="space-y-0.5 text-red-700">
                            {p.errors.map((e, i) => (
                              <li key={i}>
                                <span className="font-medium">{e.path}</span>: {e.message}
                              </li>
                            ))}
                          </ul>
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <p className="text-xs text-zinc-500">Row numbers count the header as line 1, as a spreadsheet does.</p>
              </div>
            ) : (
              <p className="text-sm text-emerald-700">No problems found in {plural(preview.totalRows, 'row', 'rows')}.</p>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-md border border-zinc-200 bg-zinc-50 px-4 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className={cn('mt-1 text-2xl font-semibold tabular-nums', tone)}>{value.toLocaleString()}</dd>
    </div>
  );
}
