// The organization's last imports, with what each did and its rejected rows to download.
import { ErrorState } from '../../components/data-table';
import { Badge, Card, Skeleton, Table, Td, Th } from '../../components/ui/misc';
import { formatDateTime, titleCase } from '../../lib/utils';
import { rejectedHref, useRecentImports } from './imports.queries';
import { importSummary } from './import-run-step';
import { plural } from '../../lib/format';

const tone = { uploaded: 'neutral', running: 'prospect', completed: 'customer', failed: 'churned' } as const;

export function RecentImports() {
  const imports = useRecentImports();
  return (
    <Card aria-labelledby="recent-imports" className="mt-8">
      <h2 id="recent-imports" className="border-b border-zinc-200 px-6 py-4 text-base font-semibold">
        Recent imports
      </h2>
      {imports.isError ? (
        <div className="p-6">
          <ErrorState error={imports.error} onRetry={() => imports.refetch()} />
        </div>
      ) : imports.isPending ? (
        <div className="space-y-3 p-6">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-5 w-1/3" />
        </div>
      ) : imports.data.length === 0 ? (
        <p className="px-6 py-8 text-center text-sm text-zinc-500">No imports yet.</p>
      ) : (
        <Table aria-label="Recent imports">
          <thead>
            <tr>
              <Th>File</Th>
              <Th>Into</Th>
              <Th className="hidden md:table-cell">When</Th>
              <Th>Status</Th>
              <Th>Result</Th>
            </tr>
          </thead>
          <tbody>
            {imports.data.slice(0, 10).map((i) => (
              <tr key={i.id}>
                <Td className="max-w-56 truncate font-medium">{i.filename}</Td>
                <Td className="text-zinc-600">{titleCase(i.resource)}</Td>
                <Td className="hidden text-zinc-500 md:table-cell">{formatDateTime(i.createdAt)}</Td>
                <Td>
                  <Badge tone={tone[i.status]}>{i.status === 'uploaded' ? 'Not run' : titleCase(i.status)}</Badge>
                </Td>
                <Td className="text-zinc-600">
                  {i.status === 'uploaded' ? plural(i.totalRows, 'row', 'rows') : importSummary(i)}
                  {i.rejected > 0 ? (
                    <a href={rejectedHref(i.id)} download className="ml-2 text-indigo-700 hover:underline">
                      Rejected rows<span className="sr-only"> of {i.filename}</span>
                    </a>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
