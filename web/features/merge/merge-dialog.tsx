// The merge, field by field before it happens: which record survives (swappable), each field's
// result, with values filled in from the other record highlighted. Confirm merges and opens it.
import { ArrowLeftRight } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { FormError } from '../../components/ui/field';
import { Skeleton, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { mergePreview, useMerge, useMergeRecord, type DuplicatePair, type MergeKind, type MergeRecord } from './merge.queries';

function titleOf(r: MergeRecord) {
  return 'fullName' in r ? r.fullName || r.email || 'Unnamed contact' : r.name;
}

function Value({ v }: { v: string | string[] | null }) {
  if (v === null) return <span className="text-zinc-400">—</span>;
  return <>{Array.isArray(v) ? v.join(', ') : v}</>;
}

export function MergeDialog({ kind, pair, onOpenChange }: { kind: MergeKind; pair: DuplicatePair | null; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={pair !== null} onOpenChange={onOpenChange} title={kind === 'contacts' ? 'Merge contacts' : 'Merge companies'} description="The surviving record keeps its values; its empty fields are filled from the other, which is then deleted." className="max-w-3xl">
      {pair ? <MergeBody kind={kind} pair={pair} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function MergeBody({ kind, pair, onDone }: { kind: MergeKind; pair: DuplicatePair; onDone: () => void }) {
  const navigate = useNavigate();
  const [swapped, setSwapped] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = useMergeRecord(kind, pair.a.id);
  const b = useMergeRecord(kind, pair.b.id);
  const merge = useMerge(kind);
  if (a.isError || b.isError) return <FormError message={errorMessage(a.error ?? b.error)} />;
  if (!a.data || !b.data) return <Skeleton className="h-64 w-full" />;
  const survivor = swapped ? b.data : a.data;
  const other = swapped ? a.data : b.data;
  // Fields empty on both sides say nothing about the merge.
  const rows = mergePreview(kind, survivor, other).filter((r) => r.survivor !== null || r.other !== null);

  async function confirm() {
    setError(null);
    try {
      const merged = await merge.mutateAsync({ survivorId: survivor.id, otherId: other.id });
      toast.success(`Merged into ${titleOf(survivor)}`);
      onDone();
      navigate(`/${kind}/${merged.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="space-y-4">
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-3 rounded-md bg-zinc-50 p-3 text-sm">
        <p className="flex-1">
          Keep <strong>{titleOf(survivor)}</strong> and merge <strong>{titleOf(other)}</strong> into it.
        </p>
        <Button variant="secondary" size="sm" onClick={() => setSwapped((s) => !s)} aria-label={`Swap: keep ${titleOf(other)} instead`}>
          <ArrowLeftRight aria-hidden="true" /> Swap
        </Button>
      </div>
      <Table aria-label="Merge result">
        <thead>
          <tr>
            <Th>Field</Th>
            <Th>Kept ({titleOf(survivor)})</Th>
            <Th>Merged in ({titleOf(other)})</Th>
            <Th>Result</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <Th scope="row" className="border-b border-zinc-100 bg-white normal-case">{r.label}</Th>
              <Td className="text-zinc-600"><Value v={r.survivor} /></Td>
              <Td className="text-zinc-600"><Value v={r.other} /></Td>
              <Td className={r.filled ? 'bg-emerald-50 font-medium text-emerald-800' : 'text-zinc-900'} data-filled={r.filled || undefined}>
                <Value v={r.result} />
                {r.filled ? <span className="sr-only"> (filled from the merged record)</span> : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="text-xs text-zinc-500"><span className="mr-1 inline-block size-3 rounded-sm bg-emerald-100 align-middle" aria-hidden="true" />Highlighted values come from the merged record. Notes, tasks and deals move to the kept one.</p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
        <Button onClick={confirm} disabled={merge.isPending}>{merge.isPending ? 'Merging…' : 'Merge'}</Button>
      </div>
    </div>
  );
}
