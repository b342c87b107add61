// A record's history: who did what, when, and which fields changed from what to what.
import { Bot, History, KeyRound, Pencil, Plus, RotateCcw, Trash2, User } from 'lucide-react';
import type { Activity } from '../../contracts/common';
import { formatDateTime } from '../lib/utils';
import { ErrorState } from './data-table';
import { Skeleton } from './ui/misc';

const actionText: Record<string, string> = { created: 'created', updated: 'updated', deleted: 'deleted', restored: 'restored' };
const actionIcon: Record<string, typeof Plus> = { created: Plus, updated: Pencil, deleted: Trash2, restored: RotateCcw };
// Bookkeeping columns every write touches; showing them would bury the real change.
const HIDDEN = new Set(['id', 'organizationId', 'createdAt', 'updatedAt', 'deletedAt', 'fullName', 'searchVector']);

function fieldLabel(key: string) {
  if (key === 'companyId') return 'Company';
  if (key === 'ownerId') return 'Owner';
  if (key === 'linkedinUrl') return 'LinkedIn URL';
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'empty';
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'empty';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function actor(a: Activity) {
  if (a.actorName) return a.actorName;
  if (a.actorType === 'api_key') return 'An API key';
  if (a.actorType === 'assistant') return 'The assistant';
  if (a.actorType === 'system') return 'Meridian';
  return 'Someone';
}

function changes(a: Activity) {
  if (a.action !== 'updated' || !a.after) return [];
  return Object.keys(a.after)
    .filter((k) => !HIDDEN.has(k))
    .map((k) => ({ field: fieldLabel(k), from: show(a.before?.[k]), to: show(a.after?.[k]), id: k.endsWith('Id') }));
}

export function Timeline({ activities, isPending, error, noun }: { activities?: Activity[]; isPending: boolean; error: unknown; noun: string }) {
  if (error) return <ErrorState error={error} />;
  if (isPending) {
    return (
      <div className="space-y-4" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    );
  }
  if (!activities?.length) {
    return (
      <p className="flex items-center gap-2 text-sm text-zinc-500">
        <History className="size-4" aria-hidden="true" /> No activity yet.
      </p>
    );
  }
  return (
    <ol className="relative space-y-5 border-l border-zinc-200 pl-6" aria-label="Activity timeline">
      {activities.map((a) => {
        const Icon = actionIcon[a.action] ?? Pencil;
        const ActorIcon = a.actorType === 'api_key' ? KeyRound : a.actorType === 'assistant' ? Bot : User;
        const diff = changes(a);
        return (
          <li key={a.id} className="relative">
            <span className="absolute -left-[33px] flex size-5 items-center justify-center rounded-full bg-white ring-1 ring-zinc-200">
              <Icon className="size-3 text-zinc-500" aria-hidden="true" />
            </span>
            <p className="text-sm">
              <ActorIcon className="mr-1 inline size-3.5 align-[-2px] text-zinc-400" aria-hidden="true" />
              <strong className="font-medium">{actor(a)}</strong> {actionText[a.action] ?? a.action} this {noun}
              {diff.length ? <> ({diff.map((d) => d.field).join(', ')})</> : null}
            </p>
            <p className="text-xs text-zinc-500">
              <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
            </p>
            {diff.length ? (
              <ul className="mt-2 space-y-1 rounded-md bg-zinc-50 p-2 text-xs text-zinc-600">
                {diff.map((d) => (
                  <li key={d.field}>
                    <span className="font-medium text-zinc-700">{d.field}:</span>{' '}
                    {d.id ? 'changed' : (
                      <>
                        <span className="line-through decoration-zinc-400">{d.from}</span> → <span className="text-zinc-900">{d.to}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
