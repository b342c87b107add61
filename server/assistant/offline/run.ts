// Carrying out an intent, one tool call per model step. The agent calls the model again after
// each tool result, so a plan is replayed from the start each step: run.call() returns the result
// of the n-th call when it already happened this turn, and otherwise stops the plan there and
// asks the agent to make that call. Plans therefore read as straight-line code.
import type { AskInput } from '../agent';
import { referent, refOf, titleOf, type RecordRef } from './discourse';
import type { ParseEnv } from './grammar';
import { capitalize, nameScore, stripName } from './text';

export interface Reply {
  text: string;
}

export interface ToolOutcome {
  toolName: string;
  value: Record<string, unknown>;
}

/** Thrown to make the next tool call. */
export class Pending {
  constructor(
    readonly tool: string,
    readonly input: Record<string, unknown>,
  ) {}
}

/** Thrown when a tool answered with an error: the plan ends with that message. */
export class ToolFailed {
  constructor(readonly message: string) {}
}

/** Thrown when the caller's role lacks the tool. */
export class NotAllowed {
  constructor(readonly tool: string) {}
}

export interface Choice {
  label: string;
  /** What this answer settles, merged into `resolved` when the request is planned again. */
  answer?: Record<string, unknown>;
}

/** Resolutions a choice can carry. */
export const CANCEL = { cancel: true };

export class Run {
  private next = 0;
  constructor(
    private readonly results: ToolOutcome[],
    readonly tools: Set<string>,
    readonly env: ParseEnv & { request: string; resources: (type: string) => string },
  ) {}

  get facts() {
    return this.env.facts;
  }
  get resolved() {
    return this.env.resolved;
  }

  can(tool: string) {
    return this.tools.has(tool);
  }

  call<T = Record<string, unknown>>(tool: string, input: Record<string, unknown>): T {
    if (!this.tools.has(tool)) throw new NotAllowed(tool);
    const r = this.results[this.next];
    if (!r) throw new Pending(tool, input);
    this.next++;
    if (typeof r.value.error === 'string') throw new ToolFailed(r.value.error);
    if (r.value.status === 'pending_approval') return r.value as T;
    return ((r.value.quotedData as T | undefined) ?? (r.value as T));
  }

  /** Asks the user; the turn ends with the question, and their answer plans the request again. */
  ask(question: string, choices: Choice[]): Reply {
    const input: AskInput = {
      question,
      choices: choices.map((c) => ({ label: c.label, reply: c.label, ...(c.answer ? { answer: c.answer } : {}) })),
      request: this.env.request,
      resolved: this.env.resolved,
    };
    this.call('ask_user', input as unknown as Record<string, unknown>);
    return { text: `${question}\n\n${choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}` };
  }

  /** Yes/no before doing something the parse was not sure about. */
  confirm(question: string, key: string, yesLabel: string): Reply | null {
    if (this.resolved[key] === true) return null;
    return this.ask(question, [{ label: yesLabel, answer: { [key]: true } }, { label: 'Cancel', answer: CANCEL }]);
  }

  link(ref: { type: string; id: string; title: string }) {
    return `[${escapeMd(ref.title)}](/${this.env.resources(ref.type)}/${ref.id})`;
  }

  /** The record on screen, when there is one. */
  context(): RecordRef | undefined {
    const c = this.facts.context;
    return c ? refOf(c.type, c.record) : undefined;
  }

  /**
   * The record a phrase means: an answer already given, a pronoun or "this/that …", or a name
   * looked up with search. Several equally good matches, or only a doubtful one, become a question.
   */
  find(phrase: string, types: string[], slot = 'target'): RecordRef | Reply {
    const settled = this.resolved[slot] as RecordRef | undefined;
    if (settled && typeof settled === 'object' && settled.id) return settled;
    const pointed = referent(phrase, this.env.discourse, this.context(), types);
    if (pointed) return pointed;
    if (pointed === null) return { text: `Which ${types.length === 1 ? types[0] : 'record'} do you mean by "${phrase}"?\n\nSay its name, e.g. "${types[0]} Jane Smith".` };
    const name = stripName(phrase);
    if (!name) return { text: 'Which record do you mean?' };
    const { hits } = this.call<{ hits: { type: string; id: string; title: string; snippet: string }[] }>('search', { query: name, types });
    return this.pick(name, hits.filter((h) => types.includes(h.type)).map((h) => ({ type: h.type, id: h.id, title: h.title, row: h as unknown as Record<string, unknown> })), slot, types);
  }

  /** Chooses among candidates by how well their names match, or asks. */
  pick(name: string, candidates: RecordRef[], slot: string, types: string[], extra: Choice[] = []): RecordRef | Reply {
    const scored = candidates.map((c) => ({ c, s: nameScore(name, c.title) })).filter((x) => x.s >= 0.5).sort((a, b) => b.s - a.s);
    const noun = types.length === 1 ? types[0] : 'record';
    if (scored.length === 0) {
      if (extra.length) return this.ask(`I found no ${noun} called "${name}". What should I do?`, [...extra, { label: 'Cancel', answer: CANCEL }]);
      return { text: `I found no ${noun} called "${name}".` };
    }
    const best = scored[0].s;
    const top = scored.filter((x) => x.s === best);
    if (best >= 0.85 && top.length === 1 && extra.length === 0) return top[0].c;
    if (best === 1 && top.length === 1) return top[0].c;
    const options = scored.slice(0, 5).map(({ c }) => ({ label: this.describe(c, types), answer: { [slot]: { type: c.type, id: c.id, title: c.title, row: {} } } }));
    const question = top.length > 1 && best >= 0.85 ? `More than one ${noun} matches "${name}". Which one do you mean?` : `Did you mean ${options.map((o) => o.label).join(' or ')}?`;
    return this.ask(question, [...options, ...extra, { label: 'Cancel', answer: CANCEL }]);
  }

  describe(c: RecordRef, types: string[]) {
    const company = (c.row.company as { name?: string } | undefined)?.name;
    return `${c.title}${types.length > 1 ? ` (${c.type})` : ''}${company ? ` at ${company}` : ''}`;
  }

  /** The organization's currency, or the one the record carries. */
  money(amount: unknown, currency?: unknown): string {
    return formatMoney(amount, typeof currency === 'string' ? currency : this.facts.currency);
  }
}

export const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 'text' in x && !('id' in x);

export function formatMoney(amount: unknown, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: Number(amount) % 1 === 0 ? 0 : 2 }).format(String(amount) as Intl.StringNumericLiteral);
  } catch {
    return `${String(amount)} ${currency}`;
  }
}

/** Record text inside link labels: keep markdown from breaking (or injecting) the link. */
export function escapeMd(s: string) {
  return s.replace(/([\\[\]()*_`<>])/g, '\\$1');
}

export { capitalize, titleOf };
