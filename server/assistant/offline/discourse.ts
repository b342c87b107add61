// What the conversation has been about, so follow-ups can refer back: "and her phone is …",
// "the second one", "that deal", or an answer to the question just asked. It is read from the
// conversation's own history (the tool calls and results the agent replays to the model), so the
// state lives with the conversation and needs no table of its own.
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { AskInput } from '../agent';
import type { Vocabulary } from './grammar';

export interface RecordRef {
  type: string;
  id: string;
  title: string;
  row: Record<string, unknown>;
}

export interface Discourse {
  /** Records the conversation touched, most recent first. */
  recent: RecordRef[];
  /** The last list shown ("the second one"). */
  lastList?: { type: string; rows: RecordRef[] };
  /** The question the assistant asked at the end of its last reply, if it did. */
  pendingAsk?: AskInput;
}

export function titleOf(row: Record<string, unknown>): string {
  const first = typeof row.body === 'string' ? row.body.split('\n')[0].slice(0, 80) : undefined;
  return String(row.fullName || row.name || row.title || first || row.email || row.id);
}

export function refOf(type: string, row: Record<string, unknown>): RecordRef {
  return { type, id: String(row.id), title: titleOf(row), row };
}

/** Tool results reach the model as {quotedData, note}; this is the data. */
export function unquote(value: unknown): unknown {
  if (value && typeof value === 'object' && 'quotedData' in value) return (value as { quotedData: unknown }).quotedData;
  return value;
}

export function typeOfTool(tool: string, v: Vocabulary): string | undefined {
  const m = /^(?:create|update|get|delete)_(.+)$/.exec(tool);
  if (m && v.types.includes(m[1])) return m[1];
  const l = /^list_(.+)$/.exec(tool);
  if (l) return v.plural[l[1].replace(/_/g, '-')] ?? v.plural[l[1]];
  if (tool === 'move_deal') return 'deal';
  if (tool === 'complete_task') return 'task';
  return undefined;
}

export function readDiscourse(prompt: LanguageModelV4Prompt, lastUser: number, v: Vocabulary): Discourse {
  const d: Discourse = { recent: [] };
  const touch = (r: RecordRef) => {
    d.recent = [r, ...d.recent.filter((x) => x.id !== r.id)].slice(0, 20);
  };
  const calls = new Map<string, { toolName: string; input: Record<string, unknown> }>();
  let askOfLastTurn: AskInput | undefined;
  prompt.slice(0, lastUser).forEach((m) => {
    if (m.role === 'user') askOfLastTurn = undefined;
    if (m.role === 'assistant') {
      for (const part of m.content) {
        if (part.type !== 'tool-call') continue;
        const input = (typeof part.input === 'string' ? safeJson(part.input) : part.input) as Record<string, unknown>;
        calls.set(part.toolCallId, { toolName: part.toolName, input });
        if (part.toolName === 'ask_user') askOfLastTurn = input as unknown as AskInput;
      }
    }
    if (m.role !== 'tool') return;
    for (const part of m.content) {
      if (part.type !== 'tool-result' || part.output.type !== 'json') continue;
      const call = calls.get(part.toolCallId);
      const data = unquote(part.output.value) as Record<string, unknown> | null;
      if (!data || typeof data !== 'object' || 'error' in data) continue;
      const name = part.toolName;
      const type = typeOfTool(name, v);
      if (name.startsWith('list_') && type) {
        const rows = (Object.values(data).find(Array.isArray) as Record<string, unknown>[] | undefined) ?? [];
        const refs = rows.map((r) => refOf(type, r));
        if (refs.length) d.lastList = { type, rows: refs };
        if (refs.length === 1) touch(refs[0]);
      } else if (name === 'search') {
        const hits = (data.hits as { type: string; id: string; title: string }[] | undefined) ?? [];
        if (hits.length) touch({ type: hits[0].type, id: hits[0].id, title: hits[0].title, row: hits[0] });
      } else if ((name === 'add_note' || name === 'log_activity') && call) {
        const t = String(call.input.recordType ?? call.input.relatedType);
        const id = String(call.input.recordId ?? call.input.relatedId);
        const known = d.recent.find((r) => r.id === id);
        if (known) touch(known);
        else touch({ type: t, id, title: t, row: { id } });
      } else if (type && 'id' in data && !name.startsWith('delete_')) touch(refOf(type, data));
    }
  });
  d.pendingAsk = askOfLastTurn;
  return d;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return {};
  }
}

const PERSON_PRONOUN = /^(?:he|him|his|she|her|hers)$/i;

/**
 * A phrase that points at a record instead of naming it: "her", "that deal", "the second one",
 * "this contact", "here". Returns undefined when the phrase is a name to look up.
 */
export function referent(phrase: string, d: Discourse, context: RecordRef | undefined, types?: string[]): RecordRef | null | undefined {
  const p = phrase.trim().toLowerCase().replace(/[’']s$/, '');
  const fits = (r: RecordRef) => !types || types.includes(r.type);
  if (PERSON_PRONOUN.test(p)) return d.recent.find((r) => (r.type === 'contact' || r.type === 'lead') && fits(r)) ?? (context && (context.type === 'contact' || context.type === 'lead') ? context : null);
  const ordinal = /^(?:the\s+)?(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)(?:\s+one|\s+\w+)?$/.exec(p);
  if (ordinal && d.lastList) {
    const idx = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, fifth: 4, '5th': 4 }[ordinal[1]] ?? d.lastList.rows.length - 1;
    return d.lastList.rows[idx] ?? null;
  }
  const demonstrative = /^(this|that|the|here|it|there)(?:\s+(one|record|\w+))?$/.exec(p);
  if (demonstrative) {
    const word = demonstrative[2];
    const wantType = word && !['one', 'record'].includes(word) ? word.replace(/s$/, '').replace(/^compan(y|ie)$/, 'company') : undefined;
    if (demonstrative[1] === 'the' && !wantType) return undefined;
    if (demonstrative[1] === 'the' && wantType) {
      // "the deal": only when the conversation has one in mind.
      return d.recent.find((r) => r.type === wantType) ?? (context?.type === wantType ? context : null);
    }
    if (wantType && !['contact', 'company', 'deal', 'lead', 'task', 'project', 'note', 'account', 'person', 'opportunity'].includes(wantType)) return undefined;
    const type = wantType === 'account' ? 'company' : wantType === 'person' ? 'contact' : wantType === 'opportunity' ? 'deal' : wantType;
    const ok = (r: RecordRef) => (!type || r.type === type) && fits(r);
    // "this …"/"here" is the record on screen; "that …"/"it" the one just talked about.
    if (demonstrative[1] === 'this' || demonstrative[1] === 'here') return (context && ok(context) ? context : undefined) ?? d.recent.find(ok) ?? null;
    return d.recent.find(ok) ?? (context && ok(context) ? context : null);
  }
  return undefined;
}
