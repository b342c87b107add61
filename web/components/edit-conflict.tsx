// "Changed by someone else": shown in a record form when its save was refused with 412 (the
// record's version moved on since the form loaded it; server/lib/etag.ts). It lists what the other
// person changed — their value next to the one in this form — and offers the two ways out: take
// their version into the form, or save this form over it on purpose.
import { useQuery } from '@tanstack/react-query';
import type { Activity } from '../../contracts/common';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/utils';
import { Button } from './ui/button';

type Rec = Record<string, unknown>;

export interface EditConflictState {
  /** The record as it is now (the 412's details.current). */
  current: Rec & { id: string; version: number };
  /** The record as the form loaded it. */
  loaded: Rec;
  /** What this form tried to save. */
  mine: Rec;
}

/** "companyId" → "Company", "expectedCloseDate" → "Expected close date". */
function labelOf(key: string) {
  const words = key.replace(/Ids?$/, '').replace(/([A-Z])/g, ' $1').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A value as a person reads it; an id shows the related record's name when one of `records` carries it. */
function shown(records: Rec[], key: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (key.endsWith('Id') && typeof value === 'string') {
    for (const record of records) {
      const related = record[key.slice(0, -2)] as { id?: unknown; name?: unknown } | null | undefined;
      if (related && related.id === value && typeof related.name === 'string') return related.name;
    }
    return 'another one';
  }
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The form's fields the other person changed: theirs (now) against this form's value. */
export function theirChanges({ current, loaded, mine }: EditConflictState, labels: Record<string, string> = {}) {
  const rows: { key: string; label: string; theirs: string; yours: string }[] = [];
  for (const [key, value] of Object.entries(mine)) {
    // '' is no value a form sends (blank fields become null): it marks one the form does not edit, like a deal's stage.
    if (value === undefined || value === '') continue;
    if (key === 'customFields' && value && typeof value === 'object') {
      const now = (current.customFields ?? {}) as Rec;
      const before = (loaded.customFields ?? {}) as Rec;
      for (const [k, v] of Object.entries(value as Rec)) {
        if (!same(now[k], before[k])) rows.push({ key: `customFields.${k}`, label: labelOf(k), theirs: shown([], k, now[k]), yours: shown([], k, v) });
      }
      continue;
    }
    if (!same(current[key], loaded[key])) rows.push({ key, label: labels[key] ?? labelOf(key), theirs: shown([current, loaded], key, current[key]), yours: shown([loaded, current], key, value) });
  }
  return rows;
}

interface EditConflictProps {
  conflict: EditConflictState | null;
  /** The record's REST resource, to name who saved the newer version. */
  resource: string;
  /** The form's labels where they differ from the field's name ("title" → "Job title"). */
  labels?: Record<string, string>;
  /** Put their version into the form (this form's edits are dropped). */
  onReload: () => void;
  /** Save this form's values over their version. */
  onOverwrite: () => void;
  busy?: boolean;
}

export function EditConflict({ conflict, resource, labels, onReload, onOverwrite, busy }: EditConflictProps) {
  // Who saved the newer version and when: the newest entry of the record's timeline.
  const latest = useQuery({
    queryKey: [resource, 'activities', conflict?.current.id, 'conflict', conflict?.current.version],
    queryFn: ({ signal }) => api<{ data: Activity[] }>(`/${resource}/${conflict!.current.id}/activities`, { signal }).then((r) => r.data[0] ?? null),
    enabled: Boolean(conflict),
  });
  if (!conflict) return null;
  const rows = theirChanges(conflict, labels);
  const who = latest.data?.actorName ?? 'Someone else';
  return (
    <div role="alert" aria-label="Changed by someone else" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-950">
      <div>
        <p className="font-semibold">Changed by someone else</p>
        <p className="mt-0.5 text-amber-900">
          {who} saved this record{latest.data ? ` (${formatDateTime(latest.data.createdAt)})` : ''} while you were editing it. Nothing of yours was saved yet.
        </p>
      </div>
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[18rem] text-left text-xs">
            <thead className="text-amber-800">
              <tr>
                <th className="py-1 pr-3 font-medium">Field</th>
                <th className="py-1 pr-3 font-medium">Their value</th>
                <th className="py-1 font-medium">Yours</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-amber-200 align-top" data-field={r.key}>
                  <td className="py-1 pr-3 font-medium">{r.label}</td>
                  <td className="py-1 pr-3 break-words" data-side="theirs">{r.theirs}</td>
                  <td className="py-1 break-words" data-side="yours">{r.yours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-amber-900">They changed fields this form does not show.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={onReload} disabled={busy}>
          Reload theirs
        </Button>
        <Button size="sm" variant="destructive" onClick={onOverwrite} disabled={busy}>
          {busy ? 'Saving…' : 'Overwrite with mine'}
        </Button>
      </div>
    </div>
  );
}
