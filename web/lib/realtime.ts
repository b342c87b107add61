// Live updates: one EventSource per signed-in tab on GET /api/v1/realtime. A change marks the
// queries of its record type stale (they refetch if on screen); changes arriving close together are
// coalesced into one invalidation, so a bulk import or a busy team does not cause a refetch storm.
// The browser reconnects by itself and sends Last-Event-ID, so nothing is missed across a blip.
import { useEffect } from 'react';
import type { RealtimeChange } from '../../contracts/realtime';
import { entityOf } from '../../contracts/entities';
import { queryClient } from './query-client';
import { invalidateCrm } from './resource';

const COALESCE_MS = 300;

/** Query-key roots a change of this type touches: its resource, the activity feed, and reports for deals. */
export function rootsFor(types: Iterable<string>): Set<string> {
  const roots = new Set<string>();
  for (const type of types) {
    // A notification is the bell's alone (the stream sends one only to its recipient).
    if (type === 'notification') {
      roots.add('notifications');
      continue;
    }
    roots.add('activities');
    const resource = entityOf(type)?.resource;
    if (resource) roots.add(resource);
    if (type === 'deal') roots.add('reports');
    // The calendar page's feed shows events, tasks and deals (web/features/events/calendar.queries.ts).
    if (type === 'event' || type === 'task' || type === 'deal') roots.add('calendar');
  }
  return roots;
}

export function useRealtime(enabled = true) {
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/realtime');
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const roots = rootsFor(pending);
      pending.clear();
      if (roots.size) void queryClient.invalidateQueries({ predicate: (q) => roots.has(String(q.queryKey[0])) });
    };
    source.addEventListener('change', (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as RealtimeChange;
      pending.add(change.type);
      timer ??= setTimeout(flush, COALESCE_MS);
    });
    // Too far behind to replay (a laptop woke up after days): everything may have changed.
    source.addEventListener('reset', () => void invalidateCrm());
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [enabled]);
}
