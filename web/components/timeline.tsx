// A record's history: who did what, when, and which fields changed from what to what — with Undo
// for plain record changes (the server refuses when the record changed since).
import { useMutation } from '@tanstack/react-query';
import { ArrowRight, BellRing, Bot, History, KeyRound, Mail, Merge, Paperclip, Pencil, Phone, Plus, Repeat2, RotateCcw, StickyNote, Trash2, Undo2, User, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { toast } from 'sonner';
import type { Activity } from '../../contracts/common';
import { ENTITIES, typesWith } from '../../contracts/entities';
import { canEdit, useMe } from '../lib/me';
import { api, errorMessage } from '../lib/api';
import { navigateApp } from '../lib/navigation';
import { invalidateCrm } from '../lib/resource';
import { enumLabel, snippetParts } from '../lib/format';
import { formatDateTime, titleCase } from '../lib/utils';
import { ErrorState } from './data-table';
import { Button } from './ui/button';
import { Skeleton } from './ui/misc';

const actionText: Record<string, string> = { created: 'created', updated: 'updated', deleted: 'deleted', restored: 'restored', stage_change: 'moved', fired: 'sent' };
const actionIcon: Record<string, typeof Plus> = { created: Plus, updated: Pencil, deleted: Trash2, restored: RotateCcw, stage_change: ArrowRight, fired: BellRing, attachment_added: Paperclip, attachment_removed: Paperclip, note_added: StickyNote, insight_used: Bot, merged: Merge, converted: Repeat2, call_logged: Phone, email_logged: Mail, meeting_logged: Users };
const UNDOABLE_ACTIONS = new Set(['created', 'updated', 'deleted', 'restored']);
/** Record types whose changes can be undone (the catalogue's `undo` capability, as on the server). */
const UNDOABLE_TYPES = new Set<string>(typesWith('undo'));
/** Record pages to fall back to when undoing a creation removes the record on screen: the type's list, if it has one. */
const LIST_PATH: Record<string, string> = Object.fromEntries(ENTITIES.filter((e) => e.nav !== null).map((e) => [e.type, e.route]));
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
  const raw = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Enum values ("in_progress") read as their labels.
  const s = /^[a-z]+(_[a-z]+)+$/.test(raw) ? enumLabel(raw) : raw;
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function actor(a: Activity) {
  if (a.actorName) return a.actorName;
  if (a.actorType === 'api_key') return 'An API key';
  if (a.actorType === 'assistant') return 'The assistant';
  if (a.actorType === 'system') return 'Meridian';
  return 'Someone';
}

/** "by the assistant on behalf of Eve", "via API key", or nothing for a person's own change. */
function via(a: Activity) {
  if (a.actorType === 'assistant') return a.actorName ? <> by the assistant on behalf of <strong className="font-medium">{a.actorName}</strong></> : <> by the assistant</>;
  if (a.actorType === 'api_key' && a.actorName) return <> via API key</>;
  return null;
}

/** Actions about something other than the record's own fields: "attached photo.png", "added a note: …". */
function described(a: Activity, noun: string): { verb: string; rest: ReactNode } | null {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const strong = (v: string) => <strong className="font-medium">{v}</strong>;
  switch (a.action) {
    case 'attachment_added':
      return { verb: 'attached', rest: strong(text(a.after?.filename) ?? 'a file') };
    case 'attachment_removed':
      return { verb: 'removed', rest: strong(text(a.before?.filename) ?? 'a file') };
    case 'note_added': {
      const excerpt = text(a.after?.excerpt);
      // The excerpt is markdown: shown as its words (lib/format.ts), bold as bold, never raw "**…**".
      const words = excerpt ? snippetParts(excerpt).map((p, i) => (p.mark ? <strong key={i} className="font-medium">{p.text}</strong> : <span key={i}>{p.text}</span>)) : null;
      return { verb: 'added', rest: words ? <>a note: <span className="text-zinc-700">{words}</span></> : 'a note' };
    }
    case 'merged': {
      const n = Array.isArray(a.before?.mergedIds) ? a.before.mergedIds.length : 0;
      return { verb: 'merged', rest: `${n === 1 ? 'a duplicate' : n ? `${n} duplicates` : 'duplicates'} into this ${noun}` };
    }
    case 'members_added': {
      const n = typeof a.after?.count === 'number' ? a.after.count : 0;
      return { verb: 'added', rest: `${n === 1 ? '1 contact' : `${n} contacts`} to this ${noun}` };
    }
    case 'member_removed':
      return { verb: 'removed', rest: `a contact from this ${noun}` };
    case 'insight_used': {
      // An AI insight acted on (Issue 12.5): a next action made a task, a drafted email copied or opened.
      const what: Record<string, string> = { next_action_task: 'made a task from a suggested next action', email_copied: 'copied a drafted email', email_opened: 'opened a drafted email in the mail app', brief_copied: 'copied a brief' };
      const summary = text(a.after?.summary);
      return { verb: what[String(a.after?.kind)] ?? 'used an AI insight', rest: summary ? <>: <strong className="font-medium">{summary}</strong></> : '' };
    }
    case 'converted':
      return { verb: 'converted', rest: `this ${noun}${text(a.after?.dealId) ? ' into a deal' : ''}` };
    case 'call_logged':
    case 'email_logged':
    case 'meeting_logged': {
      // A call, email or meeting someone logged: what happened, its outcome, and when it was.
      const kind = a.action === 'email_logged' ? 'an email' : a.action === 'call_logged' ? 'a call' : 'a meeting';
      const summary = text(a.after?.summary);
      const outcome = text(a.after?.outcome);
      const when = text(a.after?.occurredAt);
      return {
        verb: 'logged',
        rest: (
          <>
            {kind}
            {when ? <> on {formatDateTime(when)}</> : null}
            {summary ? <>: <span className="whitespace-pre-line text-zinc-700">{summary}</span></> : null}
            {outcome ? <> — outcome: <strong className="font-medium">{outcome}</strong></> : null}
          </>
        ),
      };
    }
    case 'calendar_conflict': {
      // Calendar sync: changed here and in the connected calendar since the last sync; the later change won.
      const account = text(a.after?.account) ?? 'the connected calendar';
      return { verb: 'resolved', rest: <>a sync conflict with {strong(account)}: {a.after?.kept === 'remote' ? "the calendar's later change was kept" : "Meridian's later change was kept"}</> };
    }
    default:
      return null;
  }
}

function stageMove(a: Activity) {
  if (a.action !== 'stage_change') return null;
  const from = typeof a.before?.stageName === 'string' ? a.before.stageName : null;
  const to = typeof a.after?.stageName === 'string' ? a.after.stageName : null;
  const reason = typeof a.after?.lostReason === 'string' ? a.after.lostReason : null;
  return (
    <>
      {from ? <> from <strong className="font-medium">{from}</strong></> : null}
      {to ? <> to <strong className="font-medium">{to}</strong></> : null}
      {reason ? <> (lost: {reason})</> : null}
    </>
  );
}

function UndoButton({ activity }: { activity: Activity }) {
  const undo = useMutation({
    mutationFn: () => api<{ data: { undone: string; entityType: string; entityId: string } }>(`/activities/${activity.id}/undo`, { method: 'POST' }).then((r) => r.data),
  });
  async function run() {
    try {
      const result = await undo.mutateAsync();
      toast.success(`Undid the ${actionText[result.undone] === 'moved' ? 'move' : (actionText[result.undone] ?? 'change')}`);
      const listPath = LIST_PATH[result.entityType];
      // Undoing a creation (or a restore) deletes the record this page shows.
      const removed = result.undone === 'created' || result.undone === 'restored';
      if (removed && listPath) navigateApp(listPath);
      await invalidateCrm(removed ? result.entityId : undefined);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }
  return (
    <Button variant="ghost" size="sm" className="h-7 px-2" disabled={undo.isPending} onClick={run} aria-label={`Undo: ${actionText[activity.action] ?? activity.action} on ${formatDateTime(activity.createdAt)}`}>
      <Undo2 aria-hidden="true" /> Undo
    </Button>
  );
}

function changes(a: Activity) {
  if (a.action !== 'updated' || !a.after) return [];
  return Object.keys(a.after)
    .filter((k) => !HIDDEN.has(k))
    .map((k) => ({ field: fieldLabel(k), from: show(a.before?.[k]), to: show(a.after?.[k]), id: k.endsWith('Id') }));
}

/**
 * `about` names the record each entry is about, for a feed of many records ("updated contact Ada
 * Lovelace"); on a record's own page it is left out and entries read "updated this contact".
 */
export function Timeline({ activities, isPending, error, noun, about, label = 'Activity timeline' }: { activities?: Activity[]; isPending: boolean; error: unknown; noun: string; about?: (a: Activity) => ReactNode; label?: string }) {
  const me = useMe();
  const mayUndo = canEdit(me.role);
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
    <ol className="relative space-y-5 border-l border-zinc-200 pl-6" aria-label={label}>
      {activities.map((a) => {
        const Icon = actionIcon[a.action] ?? Pencil;
        const ActorIcon = a.actorType === 'api_key' ? KeyRound : a.actorType === 'assistant' ? Bot : User;
        const diff = changes(a);
        const special = described(a, noun);
        const subject = about ? about(a) : <>this {noun}</>;
        return (
          <li key={a.id} className="relative">
            <span className="absolute -left-[33px] flex size-5 items-center justify-center rounded-full bg-white ring-1 ring-zinc-200">
              <Icon className="size-3 text-zinc-500" aria-hidden="true" />
            </span>
            <p className="text-sm">
              <ActorIcon className="mr-1 inline size-3.5 align-[-2px] text-zinc-400" aria-hidden="true" />
              {special ? (
                a.actorType === 'assistant' ? <>{titleCase(special.verb)} {special.rest}</> : <><strong className="font-medium">{actor(a)}</strong> {special.verb} {special.rest}</>
              ) : a.actorType === 'assistant' ? (
                <>{titleCase(actionText[a.action] ?? a.action.replace(/_/g, ' '))} {subject}</>
              ) : (
                <>
                  <strong className="font-medium">{actor(a)}</strong> {actionText[a.action] ?? a.action.replace(/_/g, ' ')} {subject}
                </>
              )}
              {special && about ? <> on {subject}</> : null}
              {stageMove(a)}
              {diff.length ? <> ({diff.map((d) => d.field).join(', ')})</> : null}
              {via(a)}
            </p>
            <div className="flex items-center gap-2 text-xs text-zinc-500">
              <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
              {mayUndo && UNDOABLE_ACTIONS.has(a.action) && UNDOABLE_TYPES.has(a.entityType) ? <UndoButton activity={a} /> : null}
            </div>
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
