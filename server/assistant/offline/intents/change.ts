// Changing records: field updates ("set Tom's title to CEO", "and her phone is …", "Alice Wong is
// now VP of Engineering"), deletes (always through approval), deal stage moves and wins/losses,
// completing and reassigning tasks.
import { parseAmount } from '../../../../contracts/money';
import { refOf, type RecordRef } from '../discourse';
import { findDates, findPhones, looksLikeTitle } from '../extract';
import { registerIntent, type Vocabulary } from '../grammar';
import { CANCEL, type Reply, type Run } from '../run';
import { nameScore, stripName } from '../text';
import { ENTITY_RE, RECORD_TYPES, findMember, hinted, isMember, isRef } from './common';

/** Field words → field, and the record types that have it. */
const FIELDS: Record<string, { field: string; types: string[] }> = {
  title: { field: 'title', types: ['contact', 'lead'] }, 'job title': { field: 'title', types: ['contact', 'lead'] }, role: { field: 'title', types: ['contact', 'lead'] }, position: { field: 'title', types: ['contact', 'lead'] },
  email: { field: 'email', types: ['contact', 'lead'] }, 'email address': { field: 'email', types: ['contact', 'lead'] }, 'e-mail': { field: 'email', types: ['contact', 'lead'] }, mail: { field: 'email', types: ['contact', 'lead'] },
  phone: { field: 'phone', types: ['contact', 'lead', 'company'] }, 'phone number': { field: 'phone', types: ['contact', 'lead', 'company'] }, number: { field: 'phone', types: ['contact', 'lead'] }, mobile: { field: 'phone', types: ['contact', 'lead'] }, cell: { field: 'phone', types: ['contact', 'lead'] },
  department: { field: 'department', types: ['contact'] }, status: { field: 'status', types: ['contact', 'company', 'lead', 'task', 'project'] },
  industry: { field: 'industry', types: ['company'] }, domain: { field: 'domain', types: ['company'] }, website: { field: 'domain', types: ['company'] }, site: { field: 'domain', types: ['company'] }, url: { field: 'domain', types: ['company'] },
  source: { field: 'source', types: ['contact', 'lead', 'deal'] }, employees: { field: 'employeeCount', types: ['company'] }, 'employee count': { field: 'employeeCount', types: ['company'] }, headcount: { field: 'employeeCount', types: ['company'] },
  amount: { field: 'amount', types: ['deal'] }, value: { field: 'amount', types: ['deal'] }, size: { field: 'amount', types: ['deal'] }, 'deal size': { field: 'amount', types: ['deal'] },
  'close date': { field: 'expectedCloseDate', types: ['deal'] }, 'closing date': { field: 'expectedCloseDate', types: ['deal'] }, 'expected close date': { field: 'expectedCloseDate', types: ['deal'] },
  probability: { field: 'probability', types: ['deal'] }, score: { field: 'score', types: ['lead'] }, priority: { field: 'priority', types: ['task', 'project'] },
  'due date': { field: 'dueAt', types: ['task'] }, deadline: { field: 'dueAt', types: ['task'] }, linkedin: { field: 'linkedinUrl', types: ['contact'] },
  revenue: { field: 'annualRevenue', types: ['company'] }, 'annual revenue': { field: 'annualRevenue', types: ['company'] }, address: { field: 'address', types: ['company'] }, city: { field: 'address', types: ['company'] },
  name: { field: 'name', types: ['contact', 'company', 'deal', 'lead', 'task', 'project'] }, description: { field: 'description', types: ['company', 'deal', 'task', 'project'] }, about: { field: 'about', types: ['contact'] },
};
export const FIELD_RE = `(?:${Object.keys(FIELDS).sort((a, b) => b.length - a.length).join('|')})`;
export const fieldOf = (w: string) => FIELDS[w.toLowerCase().trim()];
const STATUS_WORDS = ['lead', 'prospect', 'customer', 'churned', 'inactive', 'new', 'contacted', 'qualified', 'unqualified'];

interface Update {
  target: string;
  field: string;
  types: string[];
  value: string;
}

const POSS = `(?:'s|’s|s'|\\s)`;
const UPDATE_PATTERNS: { re: RegExp; target: number; field: number | string; value: number }[] = [
  // "change the amount of the Globex renewal to 55k", "set the priority of X to urgent"
  { re: new RegExp(`^(?:set|change|update|make|edit)\\s+(?:the\\s+)?(${FIELD_RE})\\s+(?:of|for|on)\\s+(.+)\\s+(?:to|=)\\s+(.+)$`, 'i'), field: 1, target: 2, value: 3 },
  // "set Tom Baker's title to CEO", "update Bob Stone phone to …", "change this contact's title to Head Buyer"
  { re: new RegExp(`^(?:set|change|update|make|edit)\\s+(?:the\\s+)?(.+?)${POSS}\\s*(${FIELD_RE})\\s+(?:to|=|as)\\s+(.+)$`, 'i'), target: 1, field: 2, value: 3 },
  // "Tom's phone number is now 555-0199", "Sarah Lee's new email is …", "and her phone is +1 555 0100"
  { re: new RegExp(`^(?:and\\s+|also\\s+)?(?:the\\s+)?(.+?)(?:'s|’s)\\s+(?:new\\s+)?(${FIELD_RE})\\s+(?:is|=|has changed to|changed to)\\s+(?:now\\s+)?(.+)$`, 'i'), target: 1, field: 2, value: 3 },
  { re: new RegExp(`^(?:and\\s+|also\\s+)?(his|her|their|its)\\s+(?:new\\s+)?(${FIELD_RE})\\s+(?:is|=)\\s+(?:now\\s+)?(.+)$`, 'i'), target: 1, field: 2, value: 3 },
  // "rename the Initech pilot deal to Initech rollout"
  { re: /^rename\s+(.+?)\s+(?:to|as)\s+(.+)$/i, target: 1, field: 'name', value: 2 },
  // "the Stark upgrade deal is now worth 35k"
  { re: /^(?:the\s+)?(.+?)\s+(?:is\s+(?:now\s+)?|now\s+)worth\s+(.+)$/i, target: 1, field: 'amount', value: 2 },
  // "mark Initech as a customer"
  { re: new RegExp(`^(?:mark|set|flag)\\s+(.+?)\\s+as\\s+(?:a\\s+|an\\s+)?(${STATUS_WORDS.join('|')})s?$`, 'i'), target: 1, field: 'status', value: 2 },
];

function parseUpdate(text: string): Update | null {
  for (const p of UPDATE_PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const word = typeof p.field === 'number' ? m[p.field] : p.field;
    const f = fieldOf(word);
    if (!f) continue;
    const target = m[p.target].trim();
    if (/^(?:task|deal|contact|company)$/i.test(target)) continue;
    return { target, field: f.field, types: f.types, value: m[p.value].trim() };
  }
  // "Alice Wong is now VP of Engineering": a new title (or status) for a person.
  const now = /^(.+?)\s+is\s+now\s+(?:a\s+|an\s+|the\s+)?(.+)$/i.exec(text);
  if (now && !/\bworth\b/i.test(now[2])) {
    const value = now[2].trim();
    if (STATUS_WORDS.includes(value.toLowerCase())) return { target: now[1], field: 'status', types: ['contact', 'company', 'lead'], value };
    if (looksLikeTitle(value)) return { target: now[1], field: 'title', types: ['contact', 'lead'], value };
  }
  return null;
}

function coerce(run: Run, field: string, raw: string): { value: unknown } | Reply {
  const v = raw.trim().replace(/^["'“]|["'”]$/g, '').replace(/[.!]+$/, '');
  switch (field) {
    case 'amount':
    case 'annualRevenue': {
      const a = parseAmount(v.replace(/^(?:about|around|roughly)\s+/i, ''));
      return a ? { value: a.amount } : { text: `"${v}" is not an amount I can read (try 20k, $7,500 or 1.2m).` };
    }
    case 'employeeCount':
    case 'probability':
    case 'score': {
      const n = Number(v.replace(/[,%\s]/g, ''));
      return Number.isFinite(n) ? { value: Math.round(n) } : { text: `"${v}" is not a number.` };
    }
    case 'email':
    case 'domain':
      return { value: v.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '') };
    case 'phone':
      return { value: findPhones(v)[0]?.value ?? v };
    case 'status':
    case 'priority':
      return { value: v.toLowerCase().replace(/s$/, '') };
    case 'expectedCloseDate':
    case 'dueAt': {
      const d = findDates(v, run.facts)[0];
      if (!d) return { text: `"${v}" is not a date I can read.` };
      return { value: field === 'dueAt' ? d.at : d.day };
    }
    default:
      return { value: v };
  }
}

registerIntent<Update>({
  kind: 'update',
  help: { topic: 'Changing records', examples: ["set Tom Baker's title to CEO", 'and her phone is +1 555 0100', 'change the amount of the Globex renewal to 55k', 'mark Initech as a customer'] },
  parse(u) {
    const up = parseUpdate(u.text);
    return up ? { intent: up, confidence: 0.85, gist: `change ${up.target}'s ${up.field} to ${up.value}` } : null;
  },
  plan(up, run) {
    const { name, types } = hinted(up.target, run.env.v, up.types);
    const allowed = types.filter((t) => up.types.includes(t));
    const target = run.find(name, allowed.length ? allowed : up.types);
    if (!isRef(target)) return target;
    const value = coerce(run, up.field, up.value);
    if ('text' in value) return value;
    let patch: Record<string, unknown> = { [up.field]: value.value };
    if (up.field === 'name' && (target.type === 'contact' || target.type === 'lead')) {
      const parts = String(value.value).split(/\s+/);
      patch = parts.length > 1 ? { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] } : { firstName: parts[0] };
    } else if (up.field === 'name' && target.type === 'task') patch = { title: value.value };
    const row = run.call(`update_${target.type}`, { id: target.id, ...patch });
    const shown = up.field === 'amount' ? run.money(row.amount, row.currency) : up.field === 'dueAt' ? String(row.dueAt).slice(0, 10) : String(Object.values(patch).join(' '));
    return { text: `Updated ${run.link(refOf(target.type, row))}: ${label(up.field)} is now ${shown}.` };
  },
});

const label = (field: string) => ({ expectedCloseDate: 'close date', dueAt: 'due date', employeeCount: 'employees', annualRevenue: 'annual revenue', linkedinUrl: 'LinkedIn' })[field] ?? field;

// ---------------------------------------------------------------------------------------------

registerIntent<{ target: string; types: string[] }>({
  kind: 'delete',
  help: { topic: 'Changing records', examples: ['delete contact Peter Tran (asks for your approval first)'] },
  parse(u, env) {
    const m = /^(?:delete|remove|archive|trash|drop|get rid of|erase)\s+(.+)$/i.exec(u.text);
    if (!m) return null;
    const { name, types } = hinted(m[1], env.v, [...RECORD_TYPES, 'task']);
    return { intent: { target: name, types }, confidence: 0.85, gist: `delete ${name}` };
  },
  plan(d, run) {
    const target = run.find(d.target, d.types);
    if (!isRef(target)) return target;
    const r = run.call(`delete_${target.type}`, { id: target.id });
    if (r.status === 'pending_approval') return { text: `This needs your approval: **${String(r.summary)}**. Approve or reject it below; nothing has changed yet.` };
    return { text: `Deleted ${target.type} ${target.title}. You can undo it from its timeline.` };
  },
});

// ---------------------------------------------------------------------------------------------
// Deals: stage moves, wins and losses.

interface Move {
  target: string;
  stage: string;
  reason?: string;
}

const REASON = /(?:\s*,\s*|\s+)(?:because(?:\s+of)?|due to|reason:?|as|since)\s+(.+)$/i;

function parseMove(text: string): Move | null {
  const split = (s: string) => {
    const r = REASON.exec(s);
    return r ? { head: s.slice(0, r.index), reason: r[1].trim() } : { head: s, reason: undefined };
  };
  let m = /^(?:move|advance|push|bump|put|drag|shift|progress)\s+(.+?)\s+(?:to|into|in)\s+(?:the\s+)?(.+?)(?:\s+(?:stage|column|phase))?$/i.exec(split(text).head);
  if (m) return { target: m[1], stage: m[2], reason: split(text).reason };
  m = /^(.+?)\s+(?:moved|has moved|is now in|went|progressed|advanced)\s+(?:to|into)?\s*(?:the\s+)?(.+?)(?:\s+stage)?$/i.exec(text);
  if (m && !/\bworth\b/i.test(m[2])) return { target: m[1], stage: m[2] };
  // "we won the Globex renewal", "we closed the Acme expansion deal, it is won", "mark X as won", "X is lost, …"
  const won = /^(?:(?:we|i)(?:'ve| have)?\s+)?(?:won|signed|landed|closed(?=.*\bwon\b)|closed won)\s+(?:the\s+)?(.+?)(?:\s*,.*)?$/i.exec(text);
  if (won) return { target: won[1].replace(/\s+(?:deal|opportunity)$/i, ''), stage: 'won' };
  const lostWe = /^(?:(?:we|i)(?:'ve| have)?\s+)?lost\s+(?:the\s+)?(.+)$/i.exec(text);
  if (lostWe) {
    const s = split(lostWe[1]);
    const comma = /^(.+?)\s*,\s*(.+)$/.exec(s.head);
    return { target: comma ? comma[1] : s.head, stage: 'lost', reason: s.reason ?? comma?.[2] };
  }
  const mark = /^(?:mark|set|close|flag)\s+(?:the\s+)?(.+?)\s+(?:as\s+)?(won|lost)\b(.*)$/i.exec(text);
  if (mark) {
    const reason = split(mark[3]).reason ?? (mark[3].replace(/^[\s,:-]+/, '').trim() || undefined);
    return { target: mark[1], stage: mark[2].toLowerCase(), reason };
  }
  const is = /^(?:the\s+)?(.+?)\s+(?:is|was)\s+(?:now\s+)?(?:closed\s+)?(won|lost)\b[\s,:-]*(.*)$/i.exec(text);
  if (is) return { target: is[1], stage: is[2].toLowerCase(), reason: split(is[3]).reason ?? (is[3].trim() || undefined) };
  return null;
}

registerIntent<Move>({
  kind: 'move',
  help: { topic: 'Deals and pipeline', examples: ['move the Acme expansion deal to negotiation', 'we won the Globex renewal', 'we lost Stark upgrade because of price'] },
  parse(u, env) {
    if (!env.v.types.includes('deal')) return null;
    const m = parseMove(u.text);
    return m ? { intent: m, confidence: 0.85, gist: `move ${m.target} to ${m.stage}` } : null;
  },
  plan(m, run) {
    const { name } = hinted(m.target, run.env.v, ['deal']);
    const target = run.find(name, ['deal']);
    if (!isRef(target)) return target;
    const reason = (run.resolved.reason as string | undefined) ?? m.reason;
    if (/^lost$/i.test(m.stage) && !reason) {
      const reasons = ['Price', 'Went with a competitor', 'No budget', 'No decision', 'Timing'].map((r) => ({ label: r, answer: { reason: r } as Record<string, unknown> }));
      return run.ask(`Why was ${target.title} lost?`, [...reasons, { label: 'Cancel', answer: CANCEL }]);
    }
    const row = run.call('move_deal', { id: target.id, stage: m.stage, ...(reason ? { reason } : {}) });
    const stage = (row.stage as { name?: string; kind?: string } | undefined) ?? {};
    const verdict = stage.kind === 'won' ? ' 🎉' : '';
    return { text: `Moved ${run.link(refOf('deal', row))} to ${stage.name ?? m.stage}${reason && stage.kind === 'lost' ? ` (lost: ${reason})` : ''}.${verdict}` };
  },
});

// ---------------------------------------------------------------------------------------------
// Tasks: complete, reassign.

function openTask(run: Run, phrase: string): RecordRef | Reply {
  const settled = run.resolved.target as RecordRef | undefined;
  if (settled?.id) return settled;
  const name = stripName(phrase.replace(/\s+task$/i, '').replace(/^task\s+/i, ''));
  const { tasks } = run.call<{ tasks: Record<string, unknown>[] }>('list_tasks', { view: 'open', limit: 20, sort: 'dueAt' });
  const refs = (tasks ?? []).map((t) => refOf('task', t));
  return run.pick(name, refs, 'target', ['task']);
}

registerIntent<{ target: string }>({
  kind: 'complete',
  help: { topic: 'Tasks', examples: ['complete task Call Tom about renewal', "I'm done with the proposal for Globex"] },
  parse(u, env) {
    if (!env.v.types.includes('task')) return null;
    const t = u.text;
    const m =
      /^(?:complete|finish|finished|close|tick off|check off|done(?: with)?:?)\s+(?:the\s+)?(?:task\s+)?(.+)$/i.exec(t) ??
      /^(?:i'm|i am|we're|we are|i've|i have)\s+(?:done|finished)(?:\s+with)?\s+(?:the\s+)?(.+)$/i.exec(t) ??
      /^mark\s+(?:the\s+)?(?:task\s+)?(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished)$/i.exec(t) ??
      /^(?:the\s+)?(?:task\s+)?(.+?)\s+is\s+(?:done|complete|completed|finished)$/i.exec(t);
    if (!m || /\b(?:deal|won|lost)\b/i.test(m[1])) return null;
    return { intent: { target: m[1].replace(/^["'“]|["'”]$/g, '') }, confidence: 0.8, gist: `complete the task ${m[1]}` };
  },
  plan(c, run) {
    const task = openTask(run, c.target);
    if (!isRef(task)) return task;
    const row = run.call('complete_task', { id: task.id });
    return { text: `Done: ${run.link(refOf('task', row))} is complete.` };
  },
});

registerIntent<{ target: string; who: string }>({
  kind: 'reassign',
  help: { topic: 'Tasks', examples: ['reassign the demo task to Sam'] },
  parse(u, env) {
    if (!env.v.types.includes('task')) return null;
    // The last "to" names the person: "give Send proposal to Globex to Sam Rivera".
    const m = /^(?:re-?assign|assign|give|hand(?:\s+over)?|transfer|delegate|pass)\s+(?:the\s+)?(.+)\s+(?:over\s+)?to\s+(.+?)$/i.exec(u.text);
    if (!m || new RegExp(`\\b${ENTITY_RE}\\b`, 'i').test(m[1].replace(/\btask\b/i, '')) && !/\btask\b/i.test(m[1])) return null;
    return { intent: { target: m[1], who: m[2] }, confidence: 0.8, gist: `give ${m[1]} to ${m[2]}` };
  },
  plan(r, run) {
    const task = openTask(run, r.target);
    if (!isRef(task)) return task;
    const member = findMember(run, r.who);
    if (!isMember(member)) return member;
    const row = run.call('update_task', { id: task.id, assigneeId: member.userId });
    return { text: `${run.link(refOf('task', row))} is now assigned to ${member.name}.` };
  },
});

export { nameScore, parseMove, parseUpdate };
export type { Vocabulary };

// ---------------------------------------------------------------------------------------------
// Leads: conversion into company, contact and deal.

registerIntent<{ target: string }>({
  kind: 'convert',
  help: { topic: 'Contacts and companies', examples: ['convert lead Grace Hopper'] },
  parse(u, env) {
    if (!env.v.types.includes('lead')) return null;
    const m = /^(?:convert|qualify and convert|turn)\s+(?:the\s+)?(?:lead\s+)?(.+?)(?:\s+into\s+a\s+deal|\s+to\s+a\s+deal)?$/i.exec(u.text);
    return m ? { intent: { target: m[1] }, confidence: 0.85, gist: `convert the lead ${m[1]}` } : null;
  },
  plan(c, run) {
    const lead = run.find(c.target, ['lead']);
    if (!isRef(lead)) return lead;
    const r = run.call<{ deal: Record<string, unknown>; company: { id: string; name: string; created: boolean } | null; contact: { id: string; created: boolean } }>('convert_lead', { id: lead.id });
    const company = r.company ? ` Company: ${run.link({ type: 'company', id: r.company.id, title: r.company.name })}${r.company.created ? ' (new)' : ' (existing)'}.` : '';
    return { text: `Converted ${run.link(lead)} into the deal ${run.link(refOf('deal', r.deal))}.${company} Contact: ${run.link({ type: 'contact', id: r.contact.id, title: lead.title })}${r.contact.created ? ' (new)' : ' (existing)'}.` };
  },
});
