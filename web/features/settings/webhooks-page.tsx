// Settings → Webhooks (admins): subscribe a URL to event types, copy the signing secret once,
// switch a webhook on and off, read its delivery log and redeliver.
import { Plus, TriangleAlert, Webhook as WebhookIcon } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { Webhook } from '../../../contracts/webhooks';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { isAdmin, useMe } from '../auth/session';
import { LinkField } from './invite-section';
import { useCreateWebhook, useDeleteWebhook, useRedeliver, useUpdateWebhook, useWebhookDeliveries, useWebhooks } from './webhooks.queries';

/** The event types most integrations want; any other pattern can be typed in. */
const COMMON_EVENTS = [
  { value: '*', label: 'Everything' },
  { value: 'contact.created', label: 'Contact created' },
  { value: 'contact.updated', label: 'Contact updated' },
  { value: 'company.created', label: 'Company created' },
  { value: 'deal.created', label: 'Deal created' },
  { value: 'deal.stage_changed', label: 'Deal moved to another stage' },
  { value: 'lead.converted', label: 'Lead converted' },
  { value: '*.deleted', label: 'Anything deleted' },
];

const STATUS_TONE: Record<string, string> = { succeeded: 'customer', failed: 'churned', retrying: 'prospect', pending: 'neutral', sending: 'neutral', cancelled: 'inactive' };

function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  return Object.fromEntries((e.details as { path: string; message: string }[]).map((d) => [d.path.split('.')[0], d.message]));
}

export function WebhooksPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const hooks = useWebhooks(admin);
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['contact.created', 'deal.stage_changed']);
  const [other, setOther] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);

  if (!admin) {
    return (
      <>
        <PageHeader title="Webhooks" />
        <Card className="p-6 text-sm text-zinc-600">Only admins can see and manage webhooks.</Card>
      </>
    );
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const all = [...events, ...other.split(',').map((s) => s.trim()).filter(Boolean)];
    if (!url.trim()) return setErrors({ url: 'Enter the address to send events to' });
    if (all.length === 0) return setErrors({ events: 'Choose at least one event type' });
    try {
      const hook = await create.mutateAsync({ url: url.trim(), events: all });
      setCreated({ url: hook.url, secret: hook.secret });
      setUrl('');
      setOther('');
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(byField);
      if (!byField.url && !byField.events) setFormError(errorMessage(err));
    }
  };

  const toggle = (h: Webhook) =>
    update.mutate({ id: h.id, active: !h.active }, { onSuccess: (u) => toast.success(u.active ? 'Webhook switched on' : 'Webhook switched off'), onError: (e) => toast.error(errorMessage(e)) });

  return (
    <>
      <PageHeader title="Webhooks" description="Meridian calls these addresses when records change, signed per the Standard Webhooks spec, retrying for about a day." />
      <div className="space-y-6">
        <Card className="p-6" aria-labelledby="new-webhook">
          <h2 id="new-webhook" className="text-base font-semibold">Add a webhook</h2>
          <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
            <Field label="Endpoint URL" error={errors.url} hint="An https address of yours; private network addresses are refused.">
              <Input type="url" inputMode="url" autoComplete="off" placeholder="https://hooks.example.com/meridian" value={url} onChange={(e) => setUrl(e.target.value)} />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-zinc-900">Events</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {COMMON_EVENTS.map((ev) => (
                  <label key={ev.value} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-zinc-300"
                      checked={events.includes(ev.value)}
                      onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, ev.value] : cur.filter((x) => x !== ev.value)))}
                    />
                    {ev.label} <code className="text-xs text-zinc-500">{ev.value}</code>
                  </label>
                ))}
              </div>
              {errors.events ? <p className="mt-1 text-xs text-red-600">{errors.events}</p> : null}
            </fieldset>
            <Field label="Other event types" hint="Comma-separated, e.g. task.created, project.*">
              <Input autoComplete="off" value={other} onChange={(e) => setOther(e.target.value)} />
            </Field>
            <FormError message={formError} />
            <Button type="submit" disabled={create.isPending}>
              <Plus aria-hidden="true" /> Add webhook
            </Button>
          </form>
        </Card>

        {hooks.isError ? (
          <ErrorState error={hooks.error} onRetry={() => hooks.refetch()} />
        ) : hooks.data?.length === 0 ? (
          <Card>
            <EmptyState icon={<WebhookIcon aria-hidden="true" />} title="No webhooks yet" message="Add one above to send changes to another system." />
          </Card>
        ) : (
          <Card>
            <Table aria-label="Webhooks">
              <thead>
                <tr>
                  <Th>Endpoint</Th>
                  <Th className="hidden md:table-cell">Events</Th>
                  <Th>Status</Th>
                  <Th><span className="sr-only">Actions</span></Th>
                </tr>
              </thead>
              {hooks.isPending ? (
                <TableSkeleton columns={4} rows={2} />
              ) : (
                <tbody>
                  {hooks.data.map((h) => (
                    <tr key={h.id}>
                      <Td className="max-w-[12rem] break-all font-mono text-xs sm:max-w-xs">{h.url}</Td>
                      <Td className="hidden text-xs text-zinc-600 md:table-cell">{h.events.join(', ')}</Td>
                      <Td>
                        <Badge tone={h.active ? 'customer' : 'inactive'}>{h.active ? 'On' : 'Off'}</Badge>
                        {h.disabledReason ? <p className="mt-1 max-w-xs text-xs text-red-700">{h.disabledReason}</p> : null}
                      </Td>
                      <Td className="text-right">
                        <div className="flex flex-wrap justify-end gap-1">
                          <Button variant="ghost" size="sm" onClick={() => setLogOf(h)} aria-label={`Deliveries of ${h.url}`}>Deliveries</Button>
                          <Button variant="ghost" size="sm" onClick={() => toggle(h)} aria-label={`${h.active ? 'Switch off' : 'Switch on'} ${h.url}`}>
                            {h.active ? 'Switch off' : 'Switch on'}
                          </Button>
                          <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(h)} aria-label={`Delete ${h.url}`}>Delete</Button>
                        </div>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              )}
            </Table>
          </Card>
        )}
      </div>

      <Dialog open={created !== null} onOpenChange={(o) => !o && setCreated(null)} title="Webhook added">
        <div role="alert" className="mb-4 flex gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <TriangleAlert className="size-4 shrink-0" aria-hidden="true" />
          Copy the signing secret now: it is shown only once. Your endpoint verifies the webhook-signature header with it.
        </div>
        {created ? <LinkField url={created.secret} label="Signing secret" /> : null}
        <div className="mt-6 flex justify-end">
          <Button onClick={() => setCreated(null)}>I have copied it</Button>
        </div>
      </Dialog>
      <DeliveriesDialog hook={logOf} onClose={() => setLogOf(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title="Delete this webhook?"
        description={`Meridian stops calling ${deleting?.url ?? ''} and its delivery log is deleted. This cannot be undone.`}
        confirmLabel="Delete webhook"
        pending={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, { onSuccess: () => toast.success('Webhook deleted'), onError: (e) => toast.error(errorMessage(e)), onSettled: () => setDeleting(null) });
        }}
      />
    </>
  );
}

function DeliveriesDialog({ hook, onClose }: { hook: Webhook | null; onClose: () => void }) {
  const log = useWebhookDeliveries(hook?.id ?? null);
  const redeliver = useRedeliver();
  return (
    <Dialog open={hook !== null} onOpenChange={(o) => !o && onClose()} title="Deliveries" description={hook?.url}>
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => log.refetch()} />
      ) : log.data?.length === 0 ? (
        <p className="text-sm text-zinc-600">Nothing sent yet. Deliveries appear here as soon as a subscribed event happens.</p>
      ) : (
        <div className="max-h-[60vh] overflow-auto">
          <Table aria-label="Deliveries">
            <thead>
              <tr>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th className="hidden sm:table-cell">When</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </thead>
            {log.isPending ? (
              <TableSkeleton columns={4} rows={3} />
            ) : (
              <tbody>
                {log.data.map((d) => (
                  <tr key={d.id}>
                    <Td className="font-mono text-xs">{d.eventType}</Td>
                    <Td>
                      <Badge tone={STATUS_TONE[d.status] ?? 'neutral'}>{d.status}</Badge>
                      <p className="mt-1 text-xs text-zinc-500">
                        {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                        {d.responseStatus ? ` · HTTP ${d.responseStatus}` : ''}
                        {d.error && !d.responseStatus ? ` · ${d.error}` : ''}
                      </p>
                    </Td>
                    <Td className="hidden text-xs text-zinc-500 sm:table-cell">{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</Td>
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={!hook?.active || redeliver.isPending}
                        onClick={() => hook && redeliver.mutate({ id: hook.id, deliveryId: d.id }, { onSuccess: () => toast.success('Sent again'), onError: (e) => toast.error(errorMessage(e)) })}
                      >
                        Redeliver
                      </Button>
                    </Td>
                  </tr>
                ))}
              </tbody>
            )}
          </Table>
        </div>
      )}
    </Dialog>
  );
}
