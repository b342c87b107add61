// Settings → Automations (admins): the rules with an on/off switch, a builder for new ones, each
// rule's run log and a dry run against a record of its type.
import { Zap } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Automation } from '../../../contracts/automations';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { isAdmin, useMe } from '../auth/session';
import { AutomationBuilder } from './automation-builder';
import { useAutomationRuns, useAutomations, useCreateAutomation, useDeleteAutomation, useDryRun, useUpdateAutomation } from './automations.queries';

const STATUS_TONE: Record<string, string> = { succeeded: 'customer', failed: 'churned', stopped: 'prospect', skipped: 'inactive', queued: 'neutral', running: 'neutral' };

function RunLog({ rule, onClose }: { rule: Automation; onClose: () => void }) {
  const runs = useAutomationRuns(rule.id);
  const dry = useDryRun();
  const [recordId, setRecordId] = useState('');
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={rule.name} description="Runs, newest first, and a dry run that changes nothing." className="max-w-2xl">
      <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); dry.mutate({ id: rule.id, recordId: recordId.trim() }); }}>
        <Field label={`Dry run on a ${rule.entity} (its id)`} className="min-w-0 flex-1"><Input value={recordId} onChange={(e) => setRecordId(e.target.value)} /></Field>
        <Button type="submit" variant="secondary" disabled={dry.isPending}>Dry run</Button>
      </form>
      <FormError message={dry.error ? errorMessage(dry.error) : null} />
      {dry.data ? (
        <div role="status" className="mt-3 rounded-md bg-zinc-50 p-3 text-sm">
          {dry.data.matches ? <ul className="list-disc pl-5">{dry.data.outcomes.map((o, i) => <li key={i}>Would {o.detail.replace(/^(create|set|add|remove|notify|email|POST)/, (m) => m.toLowerCase())}</li>)}</ul> : <p>{dry.data.reason}</p>}
        </div>
      ) : null}
      <h3 className="mt-5 text-sm font-semibold">Run log</h3>
      {runs.data?.length === 0 ? <p className="mt-2 text-sm text-zinc-600">No runs yet.</p> : null}
      <ul className="mt-2 max-h-80 space-y-2 overflow-y-auto" aria-label="Runs">
        {runs.data?.map((r) => (
          <li key={r.id} className="rounded-md border border-zinc-200 p-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>
              <span className="text-xs text-zinc-500">{formatDateTime(r.createdAt)} · depth {r.depth}</span>
            </div>
            {r.outcomes.map((o, i) => <p key={i} className="mt-1 break-words text-xs text-zinc-700">{o.detail}</p>)}
            {r.error ? <p className="mt-1 break-words text-xs text-zinc-500">{r.error}</p> : null}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function AutomationsPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const rules = useAutomations(admin);
  const create = useCreateAutomation();
  const update = useUpdateAutomation();
  const remove = useDeleteAutomation();
  const [logOf, setLogOf] = useState<Automation | null>(null);
  const [deleting, setDeleting] = useState<Automation | null>(null);
  if (!admin) {
    return (
      <>
        <PageHeader title="Automations" />
        <Card className="p-6 text-sm text-zinc-600">Only admins can see and manage automations.</Card>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Automations" description="When something happens to a record, Meridian does the rest — attributed to the rule on the record’s timeline, and undoable." />
      <div className="space-y-6">
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">New automation</h2>
          <AutomationBuilder pending={create.isPending} onSave={async (input) => { await create.mutateAsync(input); toast.success('Automation saved'); }} />
        </Card>
        {rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
        ) : rules.data?.length === 0 ? (
          <Card><EmptyState icon={<Zap aria-hidden="true" />} title="No automations yet" message="Build one above." /></Card>
        ) : (
          <Card>
            <Table aria-label="Automations">
              <thead><tr><Th>Name</Th><Th className="hidden md:table-cell">When</Th><Th>On</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
              <tbody>
                {!rules.data ? <TableSkeleton columns={4} rows={2} /> : rules.data.map((r) => (
                  <tr key={r.id}>
                    <Td className="break-words">{r.name}</Td>
                    <Td className="hidden text-xs text-zinc-600 md:table-cell">{r.trigger.type} · {r.actions.map((a) => a.type).join(', ')}</Td>
                    <Td>
                      <input type="checkbox" role="switch" aria-label={`${r.name} enabled`} className="size-4" checked={r.enabled}
                        onChange={() => update.mutate({ id: r.id, enabled: !r.enabled }, { onError: (e) => toast.error(errorMessage(e)) })} />
                    </Td>
                    <Td className="text-right whitespace-nowrap">
                      <Button variant="ghost" size="sm" onClick={() => setLogOf(r)}>Runs</Button>
                      <Button variant="ghost" size="sm" onClick={() => setDeleting(r)}>Delete</Button>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        )}
      </div>
      {logOf ? <RunLog rule={logOf} onClose={() => setLogOf(null)} /> : null}
      <ConfirmDialog open={Boolean(deleting)} onOpenChange={(o) => !o && setDeleting(null)} title="Delete this automation?" description="Its run log goes too. Changes it made stay." confirmLabel="Delete" pending={remove.isPending} onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })} />
    </>
  );
}
