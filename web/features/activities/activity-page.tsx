// /activity: everything that happened in the organization, newest first — who changed which record,
// filtered by person, record type, action and dates (kept in the URL, so a filtered view can be shared).
import { History } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import type { Activity } from '../../../contracts/common';
import { ENTITIES, entityOf } from '../../../contracts/entities';
import type { FeedActivity } from '../../../contracts/activities';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { Timeline } from '../../components/timeline';
import { Button } from '../../components/ui/button';
import { Input, Label, Select } from '../../components/ui/input';
import { Card } from '../../components/ui/misc';
import { useMembers } from '../settings/settings.queries';
import { useActivityFeed, type FeedFilters } from './activity.queries';

const ACTIONS = [
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['deleted', 'Deleted'],
  ['restored', 'Restored'],
  ['stage_change', 'Moved to a stage'],
  ['note_added', 'Note added'],
  ['call_logged', 'Call logged'],
  ['email_logged', 'Email logged'],
  ['meeting_logged', 'Meeting logged'],
  ['attachment_added', 'File attached'],
  ['merged', 'Merged'],
  ['converted', 'Lead converted'],
] as const;

const RECORD_TYPES = [...ENTITIES.map((e) => ({ value: e.type, label: e.plural })), { value: 'pipeline', label: 'Pipelines' }];

/** A date input's day as the start of that day in the user's time zone (ISO), or the day after for "to". */
function dayBound(day: string | null, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

function RecordName({ a }: { a: FeedActivity }) {
  const entity = entityOf(a.entityType);
  const noun = entity ? entity.label.toLowerCase() : a.entityType.replace(/_/g, ' ');
  const title = a.recordTitle ?? 'a record';
  // A deleted record has no page to open; its name still says what it was.
  const linkable = entity && a.action !== 'deleted' && a.recordTitle;
  return (
    <>
      {noun}{' '}
      {linkable ? (
        <Link to={`${entity.route}/${a.entityId}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          {title}
        </Link>
      ) : (
        <strong className="font-medium">{title}</strong>
      )}
    </>
  );
}

export function ActivityPage() {
  const [params, setParams] = useSearchParams();
  const members = useMembers();
  const filters: FeedFilters = {
    actorId: params.get('actor') ?? undefined,
    entityType: params.get('type') ?? undefined,
    action: params.get('action') ?? undefined,
    from: dayBound(params.get('from'), false),
    to: dayBound(params.get('to'), true),
  };
  const feed = useActivityFeed(filters);
  const rows = feed.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = ['actor', 'type', 'action', 'from', 'to'].some((k) => params.get(k));

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="space-y-6">
      <PageHeader title="Activity" description="Everything that happened in your organization, newest first." />
      <Card className="p-4">
        <form className="grid grid-cols-2 gap-3 lg:grid-cols-5" aria-label="Filter the activity" onSubmit={(e) => e.preventDefault()}>
          <div className="col-span-2 space-y-1 sm:col-span-1">
            <Label htmlFor="feed-actor">Person</Label>
            <Select id="feed-actor" value={params.get('actor') ?? ''} onChange={(e) => set('actor', e.target.value)}>
              <option value="">Anyone</option>
              {(members.data ?? []).map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="col-span-2 space-y-1 sm:col-span-1">
            <Label htmlFor="feed-type">Record type</Label>
            <Select id="feed-type" value={params.get('type') ?? ''} onChange={(e) => set('type', e.target.value)}>
              <option value="">All records</option>
              {RECORD_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </Select>
          </div>
          <div className="col-span-2 space-y-1 sm:col-span-1">
            <Label htmlFor="feed-action">Action</Label>
            <Select id="feed-action" value={params.get('action') ?? ''} onChange={(e) => set('action', e.target.value)}>
              <option value="">Any action</option>
              {ACTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="feed-from">From</Label>
            <Input id="feed-from" type="date" value={params.get('from') ?? ''} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="feed-to">To</Label>
            <Input id="feed-to" type="date" value={params.get('to') ?? ''} onChange={(e) => set('to', e.target.value)} />
          </div>
        </form>
        {filtered ? (
          <Button variant="ghost" size="sm" className="mt-3" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            Clear filters
          </Button>
        ) : null}
      </Card>
      <Card className="p-4 sm:p-6">
        {!feed.isPending && !feed.error && rows.length === 0 ? (
          <EmptyState
            icon={<History className="size-8" aria-hidden="true" />}
            title={filtered ? 'Nothing matches these filters' : 'No activity yet'}
            message={filtered ? 'Try another person, record type or date range.' : 'Changes to contacts, companies, deals and the rest show up here as they happen.'}
          />
        ) : (
          <Timeline activities={rows as Activity[]} isPending={feed.isPending} error={feed.error} noun="record" label="Organization activity" about={(a) => <RecordName a={a as FeedActivity} />} />
        )}
        {feed.hasNextPage ? (
          <div className="mt-6 flex justify-center">
            <Button variant="secondary" onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
              {feed.isFetchingNextPage ? 'Loading…' : 'Load older activity'}
            </Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
