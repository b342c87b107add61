// Settings → Notifications: per kind, in the app and/or by email; the hour of the morning digest of
// tasks due, and the time zone it (and "tomorrow at 10" in the assistant) is read in. A person's own
// settings, the same in every organization.
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS, type NotificationSettings } from '../../../contracts/notifications';
import { PageHeader } from '../../components/app-shell';
import { ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Label, Select } from '../../components/ui/input';
import { Card } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { useMe } from '../auth/session';
import { useNotificationSettings, useSaveNotificationSettings } from './notifications.queries';

const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
const hourLabel = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

export function NotificationSettingsPage() {
  const me = useMe();
  const current = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const [draft, setDraft] = useState<NotificationSettings | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  const changed = Boolean(draft && current.data && JSON.stringify(draft) !== JSON.stringify(current.data));
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = draft && !ZONES.includes(draft.timezone) ? [draft.timezone, ...ZONES] : ZONES;

  const submit = () =>
    draft &&
    save.mutate(draft, {
      onSuccess: () => toast.success('Notification settings saved'),
      onError: (e) => toast.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader title="Notifications" description={`What reaches you, ${me.user.name}, in the app (the bell) and by email. The same in every organization.`} />
      {current.isError ? (
        <ErrorState error={current.error} onRetry={() => void current.refetch()} />
      ) : !draft ? (
        <TableSkeleton columns={3} />
      ) : (
        <div className="max-w-2xl space-y-6">
          <Card className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500">
                  <th scope="col" className="px-4 py-2 font-semibold">Tell me when</th>
                  <th scope="col" className="w-20 px-2 py-2 text-center font-semibold">In app</th>
                  <th scope="col" className="w-20 px-2 py-2 text-center font-semibold">Email</th>
                </tr>
              </thead>
              <tbody>
                {NOTIFICATION_KINDS.map((k) => (
                  <tr key={k} className="border-b border-zinc-100 last:border-0">
                    <th scope="row" className="px-4 py-2.5 text-left font-normal">{NOTIFICATION_KIND_LABELS[k]}</th>
                    {(['inApp', 'email'] as const).map((ch) => (
                      <td key={ch} className="px-2 py-2.5 text-center">
                        <input
                          type="checkbox"
                          className="size-4 accent-indigo-600"
                          aria-label={`${NOTIFICATION_KIND_LABELS[k]}: ${ch === 'inApp' ? 'in app' : 'email'}`}
                          checked={draft.kinds[k][ch]}
                          onChange={(e) => setDraft({ ...draft, kinds: { ...draft.kinds, [k]: { ...draft.kinds[k], [ch]: e.target.checked } } })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {!me.features.email && <p className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-500">This server has no email set up (SMTP), so only in-app notifications are sent.</p>}
          </Card>
          <Card className="grid gap-4 p-4 sm:grid-cols-2">
            <div className="space-y-1">
              <Label htmlFor="digest-hour">Morning digest at</Label>
              <Select id="digest-hour" value={draft.digestHour} onChange={(e) => setDraft({ ...draft, digestHour: Number(e.target.value) })}>
                {Array.from({ length: 24 }, (_, h) => (
                  <option key={h} value={h}>{hourLabel(h)}</option>
                ))}
              </Select>
              <p className="text-xs text-zinc-500">Tasks due today or overdue, once a day.</p>
            </div>
            <div className="space-y-1">
              <Label htmlFor="timezone">Time zone</Label>
              <Select id="timezone" value={draft.timezone} onChange={(e) => setDraft({ ...draft, timezone: e.target.value })}>
                {zones.map((z) => (
                  <option key={z} value={z}>{z}</option>
                ))}
              </Select>
              {draft.timezone !== browserZone && ZONES.includes(browserZone) && (
                <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setDraft({ ...draft, timezone: browserZone })}>
                  Use this device's zone ({browserZone})
                </button>
              )}
            </div>
          </Card>
          <div className="flex gap-2">
            <Button onClick={submit} disabled={!changed || save.isPending}>{save.isPending ? 'Saving…' : 'Save'}</Button>
            {changed && <Button variant="secondary" onClick={() => setDraft(current.data!)}>Discard changes</Button>}
          </div>
        </div>
      )}
    </>
  );
}
