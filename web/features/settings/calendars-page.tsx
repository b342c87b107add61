// Settings → Integrations → Calendars: connect a Google or Microsoft 365 calendar (OAuth; the server
// keeps the tokens), see each connected account's status and last sync, reconnect one whose access
// was revoked or expired, and disconnect (with confirmation). Events then sync both ways in the background.
import { CalendarDays, RefreshCw, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import type { CalendarConnection, CalendarProvider } from '../../../contracts/calendar-sync';
import { PageHeader } from '../../components/app-shell';
import { ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Badge, Card } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useCalendarIntegrations, useConnectCalendar, useDisconnectCalendar, useSyncCalendar } from './calendars.queries';

const PROVIDERS: Record<CalendarProvider, { name: string; env: string; text: string }> = {
  google: { name: 'Google Calendar', env: 'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET', text: 'Your primary Google calendar.' },
  microsoft: { name: 'Microsoft 365 / Outlook', env: 'MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET', text: 'Your Outlook calendar, through Microsoft Graph.' },
};

export function CalendarsPage() {
  const me = useMe();
  const mayConnect = canEdit(me.role);
  const data = useCalendarIntegrations();
  const connect = useConnectCalendar();
  const sync = useSyncCalendar();
  const disconnect = useDisconnectCalendar();
  const [removing, setRemoving] = useState<CalendarConnection | null>(null);
  const [params, setParams] = useSearchParams();

  // The provider sent the browser back here: say how it went once, then tidy the URL.
  useEffect(() => {
    const connected = params.get('connected') as CalendarProvider | null;
    const error = params.get('error');
    if (!connected && !error) return;
    if (connected && PROVIDERS[connected]) toast.success(`${PROVIDERS[connected].name} connected. Your events are being synced.`);
    if (error) toast.error(error);
    setParams({}, { replace: true });
  }, [params, setParams]);

  const start = (p: CalendarProvider) => connect.mutate(p, { onError: (e) => toast.error(errorMessage(e)) });

  return (
    <>
      <PageHeader title="Calendars" description="Connect your Google or Microsoft calendar: its events appear in Meridian, and events you create or move here are written to it." />
      {data.isError ? (
        <ErrorState error={data.error} onRetry={() => data.refetch()} />
      ) : !data.data ? (
        <TableSkeleton columns={3} rows={3} />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <section aria-labelledby="connect-heading" className="space-y-3">
            <h2 id="connect-heading" className="text-base font-semibold">Connect a calendar</h2>
            {data.data.providers.map(({ provider, configured }) => (
              <Card key={provider} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:gap-4">
                <div className="flex min-w-0 flex-1 items-start gap-4">
                  <span className="flex size-10 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-700">
                    <CalendarDays className="size-5" aria-hidden="true" />
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{PROVIDERS[provider].name}</p>
                    <p id={`${provider}-help`} className="text-sm text-zinc-500 [overflow-wrap:anywhere]">
                      {!configured ? `Not set up on this server: an administrator sets ${PROVIDERS[provider].env}.` : !mayConnect ? 'Viewers cannot sync events into Meridian.' : PROVIDERS[provider].text}
                    </p>
                  </div>
                </div>
                <Button className="sm:shrink-0" onClick={() => start(provider)} disabled={!configured || !mayConnect || connect.isPending} aria-describedby={`${provider}-help`}>
                  Connect {provider === 'google' ? 'Google' : 'Microsoft'}
                </Button>
              </Card>
            ))}
          </section>
          <section aria-labelledby="connected-heading" className="space-y-3">
            <h2 id="connected-heading" className="text-base font-semibold">Connected accounts</h2>
            {data.data.connections.length === 0 ? (
              <Card className="p-6 text-sm text-zinc-600">No calendar connected yet.</Card>
            ) : (
              <ul className="space-y-3" aria-label="Connected calendars">
                {data.data.connections.map((c) => (
                  <li key={c.id}>
                    <Card className="space-y-3 p-4">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="min-w-0 flex-1">
                          <span className="block truncate font-medium">{c.accountEmail}</span>
                          <span className="block text-sm text-zinc-500">{PROVIDERS[c.provider].name}</span>
                        </span>
                        {c.status === 'ok' ? <Badge tone="customer">Syncing</Badge> : <Badge tone="churned">Reconnect needed</Badge>}
                      </div>
                      <p className="text-sm text-zinc-600">Last synced: {c.lastSyncedAt ? formatDateTime(c.lastSyncedAt) : 'not yet'}</p>
                      {c.status === 'reconnect_needed' || c.lastError ? (
                        <p className="flex items-start gap-2 text-sm text-rose-700">
                          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                          <span className="min-w-0 break-words">{c.status === 'reconnect_needed' ? 'Meridian can no longer reach this calendar. Reconnect it to sync again.' : `The last sync failed: ${c.lastError}`}</span>
                        </p>
                      ) : null}
                      <div className="flex flex-wrap gap-2">
                        {c.status === 'reconnect_needed' ? (
                          <Button size="sm" onClick={() => start(c.provider)} disabled={!mayConnect || connect.isPending}>Reconnect</Button>
                        ) : (
                          <Button size="sm" variant="secondary" onClick={() => sync.mutate(c.id, { onSuccess: () => toast.success('Sync started'), onError: (e) => toast.error(errorMessage(e)) })} disabled={!mayConnect || sync.isPending}>
                            <RefreshCw aria-hidden="true" /> Sync now
                          </Button>
                        )}
                        <Button size="sm" variant="ghost" className="text-rose-700" onClick={() => setRemoving(c)}>Disconnect</Button>
                      </div>
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      <ConfirmDialog
        open={Boolean(removing)}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Disconnect ${removing?.accountEmail ?? 'this calendar'}?`}
        description="Meridian stops syncing and gives up its access. Events already synced stay in Meridian and in your calendar."
        confirmLabel="Disconnect"
        pending={disconnect.isPending}
        onConfirm={() => removing && disconnect.mutate(removing.id, { onSuccess: () => { setRemoving(null); toast.success('Calendar disconnected'); }, onError: (e) => toast.error(errorMessage(e)) })}
      />
    </>
  );
}
