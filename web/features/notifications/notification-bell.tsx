// The bell in the app header: unread count (live through the realtime stream), the newest
// notifications, each linking to its record; mark one or all read; an empty state.
import { Bell, CheckCheck } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { recordPath } from '../../../contracts/entities';
import type { Notification } from '../../../contracts/notifications';
import { formatDateTime } from '../../lib/utils';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications.queries';

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.data ?? [];

  function openOne(n: Notification) {
    if (!n.readAt) markRead.mutate(n.id);
    const to = recordPath(n.recordType, n.recordId);
    setOpen(false);
    if (to) navigate(to);
  }

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        className="relative flex size-9 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Bell className="size-5" aria-hidden="true" />
        {unread > 0 && (
          <span data-testid="unread-count" className="absolute -right-0.5 -top-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] font-semibold leading-none text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={6} collisionPadding={8} className="z-50 w-[min(24rem,calc(100vw-1rem))] rounded-md border border-zinc-200 bg-white shadow-lg" aria-label="Notifications">
          <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <button
              type="button"
              className="flex items-center gap-1 rounded px-2 py-1 text-xs text-indigo-700 hover:bg-indigo-50 disabled:text-zinc-400 disabled:hover:bg-transparent"
              disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              <CheckCheck className="size-3.5" aria-hidden="true" /> Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <div className="px-4 py-8 text-center text-sm text-zinc-500">
              <Bell className="mx-auto mb-2 size-6 text-zinc-300" aria-hidden="true" />
              {list.isLoading ? 'Loading…' : "You're all caught up. Reminders, assignments and mentions show up here."}
            </div>
          ) : (
            <ul className="max-h-[min(28rem,70vh)] divide-y divide-zinc-100 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className="flex items-start gap-2 px-3 py-2 hover:bg-zinc-50">
                  <button type="button" className="min-w-0 flex-1 text-left" onClick={() => openOne(n)}>
                    <span className={`block truncate text-sm ${n.readAt ? 'text-zinc-600' : 'font-semibold text-zinc-900'}`}>{n.title}</span>
                    {n.body && !n.title.includes(n.body) && <span className="line-clamp-2 block whitespace-pre-line text-xs text-zinc-500">{n.body}</span>}
                    <span className="block text-xs text-zinc-400">{formatDateTime(n.createdAt)}</span>
                  </button>
                  {!n.readAt && (
                    <button type="button" aria-label={`Mark “${n.title}” read`} title="Mark read" className="mt-1 size-2.5 shrink-0 rounded-full bg-indigo-600 ring-4 ring-transparent hover:ring-indigo-100" onClick={() => markRead.mutate(n.id)} />
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-zinc-200 px-3 py-2 text-right">
            <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => { setOpen(false); navigate('/settings/notifications'); }}>
              Notification settings
            </button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
