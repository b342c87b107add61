// A destructive action the assistant (or an MCP client) proposed: nothing happens until the user
// approves it here. Shows how it ended once decided.
import { Check, ShieldAlert, X } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { errorMessage } from '../../lib/api';
import { cn } from '../../lib/utils';
import { useApprovals, useDecideApproval, type Approval } from './assistant.queries';

const outcomeText: Record<Approval['status'], string> = {
  pending: 'Waiting for your decision',
  executed: 'Approved and done',
  rejected: 'Rejected: nothing was changed',
  failed: 'Approved, but it failed',
};

function resultError(result: unknown): string | null {
  if (typeof result === 'object' && result !== null && 'error' in result && typeof result.error === 'string') return result.error;
  return null;
}

export function ApprovalCard({ id, summary, source }: { id: string; summary: string; source?: Approval['source'] }) {
  const all = useApprovals();
  const decide = useDecideApproval();
  const known = all.data?.find((a) => a.id === id);
  const decided = decide.data ?? (known && known.status !== 'pending' ? known : undefined);
  const status = decided?.status ?? 'pending';
  const failure = decided ? resultError(decided.result) : null;

  return (
    <div
      role="group"
      aria-label={`Approval: ${summary}`}
      className={cn(
        'rounded-md border px-3 py-3 text-sm',
        status === 'pending' ? 'border-amber-300 bg-amber-50' : status === 'executed' ? 'border-emerald-200 bg-emerald-50' : 'border-zinc-200 bg-zinc-50',
      )}
    >
      <div className="flex items-start gap-2">
        <ShieldAlert className="mt-0.5 size-4 shrink-0 text-amber-700" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-zinc-900">{summary}</p>
          <p className="mt-0.5 text-xs text-zinc-600" role="status">
            {outcomeText[status]}
            {source === 'mcp' ? ' · requested by an MCP client' : ''}
            {failure ? `: ${failure}` : ''}
          </p>
        </div>
      </div>
      {status === 'pending' ? (
        <div className="mt-3 flex flex-wrap gap-2 pl-6">
          <Button size="sm" disabled={decide.isPending} onClick={() => decide.mutate({ id, approve: true })}>
            <Check aria-hidden="true" /> Approve
          </Button>
          <Button size="sm" variant="secondary" disabled={decide.isPending} onClick={() => decide.mutate({ id, approve: false })}>
            <X aria-hidden="true" /> Reject
          </Button>
        </div>
      ) : null}
      {decide.isError ? (
        <p role="alert" className="mt-2 pl-6 text-xs text-red-700">
          {errorMessage(decide.error)}
        </p>
      ) : null}
    </div>
  );
}
