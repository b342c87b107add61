// Words and lookups several intents share: what people call each record type, record types a
// phrase hints at ("the Acme deal"), team members by name.
import type { RecordRef } from '../discourse';
import type { Vocabulary } from '../grammar';
import { CANCEL, type Reply, type Run } from '../run';
import { nameScore } from '../text';

/** What salespeople call each record type. */
export const ENTITY_WORDS: Record<string, string> = {
  contact: 'contact', contacts: 'contact', person: 'contact', people: 'contact',
  company: 'company', companies: 'company', account: 'company', accounts: 'company', organization: 'company', organisation: 'company', org: 'company', business: 'company', customer: 'company', client: 'company',
  deal: 'deal', deals: 'deal', opportunity: 'deal', opportunities: 'deal', opp: 'deal', opps: 'deal', oppty: 'deal',
  lead: 'lead', leads: 'lead',
  task: 'task', tasks: 'task', todo: 'task', 'to-do': 'task', todos: 'task',
  reminder: 'reminder', reminders: 'reminder',
  project: 'project', projects: 'project',
  campaign: 'campaign', campaigns: 'campaign',
  note: 'note', notes: 'note',
};
export const ENTITY_RE = `(?:${Object.keys(ENTITY_WORDS).sort((a, b) => b.length - a.length).join('|')})`;

export function entityOf(word: string | undefined, v: Vocabulary): string | undefined {
  if (!word) return undefined;
  const t = ENTITY_WORDS[word.toLowerCase()] ?? v.plural[word.toLowerCase()];
  return t && v.types.includes(t) ? t : undefined;
}

/** Records people talk about (notes, calls and meetings go on these). */
export const RECORD_TYPES = ['contact', 'company', 'deal', 'lead', 'project'];

/** "the Acme expansion deal" → {name: "Acme expansion", types: [deal]}; "company Globex" → company. */
export function hinted(phrase: string, v: Vocabulary, fallback: string[]): { name: string; types: string[] } {
  const p = phrase.trim().replace(/^(?:the|a|an|our|my)\s+/i, '');
  // "the deal", "this contact": a reference, resolved from the conversation (see discourse.ts).
  const bareWord = entityOf(p, v);
  if (bareWord) return { name: phrase.trim(), types: [bareWord] };
  const before = new RegExp(`^(${ENTITY_RE})\\s+(.+)$`, 'i').exec(p);
  const after = new RegExp(`^(.+?)\\s+(${ENTITY_RE})$`, 'i').exec(p);
  for (const [word, name] of [before ? [before[1], before[2]] : null, after ? [after[2], after[1]] : null].filter(Boolean) as [string, string][]) {
    const type = entityOf(word, v);
    if (type) return { name: name.replace(/^(?:the)\s+/i, ''), types: [type] };
  }
  return { name: p, types: fallback.filter((t) => v.types.includes(t)) };
}

export interface Member {
  userId: string;
  name: string;
  email: string;
}

/** A team member by (first) name or "me"; a question when it is unclear. */
export function findMember(run: Run, phrase: string, slot = 'member'): Member | Reply {
  const settled = run.resolved[slot] as Member | undefined;
  if (settled?.userId) return settled;
  const p = phrase.trim().toLowerCase();
  const { members } = run.call<{ members: Member[] }>('list_members', {});
  if (['me', 'myself', 'i'].includes(p)) return members.find((m) => m.userId === run.facts.userId) ?? { userId: run.facts.userId, name: 'you', email: '' };
  const scored = members.map((m) => ({ m, s: Math.max(nameScore(phrase, m.name), m.email.toLowerCase() === p ? 1 : 0) })).filter((x) => x.s >= 0.75).sort((a, b) => b.s - a.s);
  if (scored.length === 1 || (scored.length > 1 && scored[0].s > scored[1].s)) return scored[0].m;
  if (scored.length === 0) return { text: `There is no one called "${phrase}" in this organization.` };
  return run.ask(`Who do you mean by "${phrase}"?`, [...scored.map(({ m }) => ({ label: `${m.name} (${m.email})`, answer: { [slot]: m } })), { label: 'Cancel', answer: CANCEL }]);
}

export const isRef = (x: RecordRef | Reply): x is RecordRef => 'id' in x;
export const isMember = (x: Member | Reply): x is Member => 'userId' in x;
