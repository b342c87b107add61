// One card per tool the assistant called: what it did (in words), how it went, and links to the
// records it touched. Works for streamed UI parts and for tool calls loaded from a stored conversation.
import { isToolUIPart, getToolName, type UIMessage } from 'ai';
import { CircleAlert, CircleCheck, Hourglass, LoaderCircle, Wrench } from 'lucide-react';
import { Link } from 'react-router';
import { cn } from '../../lib/utils';

export type ToolStatus = 'running' | 'ok' | 'error' | 'pending_approval';

export interface ToolCallView {
  key: string;
  name: string;
  status: ToolStatus;
  /** The record or list the tool returned, unwrapped from { quotedData }. */
  data: Record<string, unknown> | null;
  error?: string;
  approval?: { id: string; summary: string };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "create_contact" → "create contact"; a connected MCP server's "m365__list_mail" → "m365: list mail". */
export function toolWords(name: string) {
  return name.replace('__', ': ').replace(/_/g, ' ');
}

/** Normalizes a tool output: streamed ones wrap records as { quotedData, note }; stored ones do not. */
export function viewOfOutput(key: string, name: string, output: unknown): ToolCallView {
  const out = isObj(output) ? output : null;
  if (out?.status === 'pending_approval' && typeof out.approvalId === 'string') {
    return { key, name, status: 'pending_approval', data: null, approval: { id: out.approvalId, summary: String(out.summary ?? toolWords(name)) } };
  }
  if (out && typeof out.error === 'string') return { key, name, status: 'error', data: null, error: out.error };
  const data = out && isObj(out.quotedData) ? out.quotedData : out;
  return { key, name, status: 'ok', data };
}

/** The tool cards of one UI message (parts of type `tool-<name>`). */
export function toolViews(message: UIMessage): ToolCallView[] {
  const views: ToolCallView[] = [];
  for (const part of message.parts) {
    if (!isToolUIPart(part)) continue;
    const name = getToolName(part);
    if (part.state === 'output-available') views.push(viewOfOutput(part.toolCallId, name, part.output));
    else if (part.state === 'output-error') views.push({ key: part.toolCallId, name, status: 'error', data: null, error: part.errorText });
    else views.push({ key: part.toolCallId, name, status: 'running', data: null });
  }
  return views;
}

/** Which page shows a record a tool returned, from the tool's name: create_contact → /contacts. */
function resourceOf(toolName: string): string | null {
  if (/compan(y|ies)$/.test(toolName)) return 'companies';
  for (const r of ['contact', 'deal', 'lead', 'task', 'project']) if (new RegExp(`${r}s?$`).test(toolName)) return `${r}s`;
  if (toolName === 'move_deal') return 'deals';
  return null;
}

function titleOf(row: Obj) {
  return String(row.fullName || row.name || row.title || row.email || 'Record');
}

interface RecordLink {
  to: string;
  label: string;
}

/** Links for the records in a tool result, and a count line for lists and searches. */
function describe(view: ToolCallView): { links: RecordLink[]; count?: string } {
  const data = view.data;
  if (!data) return { links: [] };
  const resource = resourceOf(view.name);
  if (Array.isArray(data.hits)) {
    const hits = data.hits.filter(isObj);
    return {
      count: `${hits.length} ${hits.length === 1 ? 'result' : 'results'}`,
      links: hits.slice(0, 5).flatMap((h) => (typeof h.url === 'string' && h.url.startsWith('/') ? [{ to: h.url, label: String(h.title ?? 'Record') }] : [])),
    };
  }
  const listKey = Object.keys(data).find((k) => Array.isArray(data[k]));
  if (listKey && typeof data.total === 'number') {
    const rows = (data[listKey] as unknown[]).filter(isObj);
    return {
      count: `${data.total} ${data.total === 1 ? listKey.replace(/ies$/, 'y').replace(/s$/, '') : listKey}`,
      links: resource ? rows.slice(0, 5).map((r) => ({ to: `/${resource}/${String(r.id)}`, label: titleOf(r) })) : [],
    };
  }
  if (typeof data.id === 'string' && resource && data.deleted !== true) return { links: [{ to: `/${resource}/${data.id}`, label: titleOf(data) }] };
  return { links: [] };
}

const statusText: Record<ToolStatus, string> = { running: 'Running…', ok: 'Done', error: 'Failed', pending_approval: 'Needs your approval' };

export function ToolCallCard({ view }: { view: ToolCallView }) {
  const { links, count } = describe(view);
  const words = toolWords(view.name);
  const Icon = { running: LoaderCircle, ok: CircleCheck, error: CircleAlert, pending_approval: Hourglass }[view.status];
  return (
    <div role="group" aria-label={`Tool: ${words}`} className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Wrench className="size-3.5 text-zinc-400" aria-hidden="true" />
        <span className="font-medium text-zinc-800">{words.charAt(0).toUpperCase() + words.slice(1)}</span>
        <span
          className={cn(
            'ml-auto inline-flex items-center gap-1 text-xs',
            view.status === 'ok' && 'text-emerald-700',
            view.status === 'error' && 'text-red-700',
            view.status === 'pending_approval' && 'text-amber-800',
            view.status === 'running' && 'text-zinc-500',
          )}
        >
          <Icon className={cn('size-3.5', view.status === 'running' && 'animate-spin')} aria-hidden="true" />
          {statusText[view.status]}
        </span>
      </div>
      {count ? <p className="mt-1 text-xs text-zinc-500">{count}</p> : null}
      {links.length ? (
        <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
          {links.map((l) => (
            <li key={l.to}>
              <Link to={l.to} className="font-medium text-indigo-700 hover:underline">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {view.error ? <p className="mt-1 text-xs text-red-700">{view.error}</p> : null}
    </div>
  );
}
