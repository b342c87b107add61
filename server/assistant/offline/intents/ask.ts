// Questions: lists and counts ("who works at Initech?", "how many contacts do we have?"), tasks
// ("what's overdue?"), the pipeline ("how much is in my pipeline?", "which deals close this
// month?", "show my open deals"), what we know about a record, and one field of one record
// ("what's Tom's phone number?"). Read-only: none of these writes anything.
import { refOf, type RecordRef } from '../discourse';
import { findPeriod, type Period } from '../extract';
import { registerIntent } from '../grammar';
import type { Reply, Run } from '../run';
import { capitalize, plural } from '../text';
import { ENTITY_RE, RECORD_TYPES, entityOf, hinted, isRef } from './common';
import { FIELD_RE, fieldOf } from './change';

const STATUS = ['lead', 'prospect', 'customer', 'churned', 'inactive'];

interface List {
  entity: string;
  count: boolean;
  companyName?: string;
  here?: boolean;
  q?: string;
  filter: Record<string, unknown>;
}

function bulletRows(run: Run, type: string, rows: Record<string, unknown>[]) {
  return rows.map((r) => {
    const ref = refOf(type, r);
    const company = (r.company as { name?: string } | null | undefined)?.name;
    const bits = [r.title && type === 'contact' ? String(r.title) : null, company ? `at ${company}` : null, type === 'deal' && r.amount ? run.money(r.amount, r.currency) : null, type === 'deal' ? (r.stage as { name?: string } | undefined)?.name : null, type === 'task' && r.dueAt ? `due ${String(r.dueAt).slice(0, 10)}` : null].filter(Boolean);
    return `- ${run.link(ref)}${bits.length ? ` — ${bits.join(', ')}` : ''}`;
  });
}

registerIntent<List>({
  kind: 'list',
  help: { topic: 'Finding things', examples: ['who works at Initech?', 'show contacts at Globex', 'list customer companies', 'how many contacts do we have?', 'find Tom'] },
  parse(u, env) {
    const t = u.text.replace(/\?$/, '');
    const people = /^(?:who|which people|what people|which contacts)\s+(?:works?|is|are|do we know|do we have)\s+(?:at|in|for|with)\s+(.+)$/i.exec(t) ?? /^(?:who|which contacts)\s+(?:works?|is|are)\s+(here|there)$/i.exec(t);
    if (people) {
      const here = /^(here|there)$/i.test(people[1]);
      return { intent: { entity: 'contact', count: false, companyName: here ? undefined : people[1], here, filter: {} }, confidence: 0.85, gist: `list contacts at ${people[1]}` };
    }
    const count = new RegExp(`^how many\\s+(?:(${STATUS.join('|')}|open)\\s+)?(${ENTITY_RE})\\b(.*)$`, 'i').exec(t);
    const list = new RegExp(`^(?:show|list|find|get|display|see|view|give)\\s+(?:me\\s+)?(?:all\\s+|every\\s+)?(?:the\\s+|of\\s+the\\s+)?(?:(my|our)\\s+)?(?:(${STATUS.join('|')})\\s+)?(${ENTITY_RE})\\b(.*)$`, 'i').exec(t);
    const m = count ?? list;
    if (!m) return null;
    const entity = entityOf(count ? m[2] : m[3], env.v);
    if (!entity || entity === 'task' || entity === 'deal') return null; // tasks and deals have their own questions
    const status = (count ? m[1] : m[2])?.toLowerCase();
    const rest = (count ? m[3] : m[4]).trim().replace(/^(?:do we have|are there|have we got|in the crm|in total|total)\b\s*/i, '').trim();
    const filter: Record<string, unknown> = status && status !== 'open' ? { status } : {};
    const intent: List = { entity, count: Boolean(count), filter };
    const at = /^(?:at|from|of|with|working at|who work at)\s+(.+)$/i.exec(rest);
    const inInd = /^in\s+(?:the\s+)?(.+?)(?:\s+(?:industry|sector|space))?$/i.exec(rest);
    const named = /^(?:named|called|matching|like|with the name)\s+(.+)$/i.exec(rest);
    if (/^(?:here|there)$/i.test(rest)) intent.here = true;
    else if (at && entity === 'contact') intent.companyName = at[1];
    else if (inInd && entity === 'company') filter.industry = { contains: inInd[1] };
    else if (named) intent.q = named[1];
    else if (rest && !/^(?:do we have|are there|we have)$/i.test(rest)) intent.q = rest.replace(/^(?:for|about)\s+/i, '');
    return { intent, confidence: 0.85, gist: `${count ? 'count' : 'list'} ${entity}s` };
  },
  plan(l, run) {
    const resource = run.env.resources(l.entity);
    const key = resource.replace(/-/g, '_');
    const filter = { ...l.filter };
    let where = '';
    if (l.here || l.companyName) {
      const company = l.here ? run.context() : run.find(l.companyName!, ['company'], 'company');
      if (!company) return { text: 'Which company do you mean?' };
      if (!isRef(company)) return company;
      if (company.type !== 'company') return { text: `${company.title} is a ${company.type}, not a company. Which company do you mean?` };
      filter.companyId = company.id;
      where = ` at ${run.link(company)}`;
    }
    const r = run.call<Record<string, unknown>>(`list_${key}`, { ...(l.q ? { q: l.q } : {}), ...(Object.keys(filter).length ? { filter } : {}), limit: l.count ? 1 : 10 });
    const total = Number(r.total ?? 0);
    const rows = (r[key] as Record<string, unknown>[]) ?? [];
    const what = `${l.filter.status ? `${String(l.filter.status)} ` : ''}${l.entity === 'company' ? 'compan' : l.entity}`;
    const noun = (n: number) => (l.entity === 'company' ? (n === 1 ? `${what}y` : `${what}ies`) : plural(n, what).replace(/^[\d,]+ /, ''));
    if (l.count) return { text: `You have ${total.toLocaleString('en-US')} ${noun(total)}${where}${l.q ? ` matching "${l.q}"` : ''}.` };
    if (total === 0) return { text: `No ${noun(0)}${where}${l.q ? ` match "${l.q}"` : ''}.` };
    return { text: `${capitalize(`${total.toLocaleString('en-US')} ${noun(total)}`)}${where}${l.q ? ` matching "${l.q}"` : ''}${total > rows.length ? ` (showing ${rows.length})` : ''}:\n${bulletRows(run, l.entity, rows).join('\n')}` };
  },
});

// ---------------------------------------------------------------------------------------------
// Tasks.

type TaskView = 'open' | 'overdue' | 'today' | 'week';
registerIntent<{ view: TaskView; mine: boolean }>({
  kind: 'tasks',
  help: { topic: 'Tasks', examples: ['what tasks do I have today?', "what's overdue?", 'show my tasks due this week', 'add task Call Tom tomorrow'] },
  parse(u, env) {
    if (!env.v.types.includes('task')) return null;
    const t = u.lower.replace(/\?$/, '');
    const overdue = /\boverdue\b|\blate\b|\bpast due\b/.test(t);
    const asked = /^(?:what(?:'s| is| are)?|which|show|list|get|any|do i have|my|tasks|what do i (?:have|need to do)|give me)\b/.test(t) || /^(?:overdue|due)\b/.test(t);
    const about = /\b(?:tasks?|to-?dos?|overdue|due (?:today|this week|tomorrow))\b/.test(t) || /\bwhat do i (?:have|need) to do\b/.test(t);
    if (!asked || !about || /\b(?:deal|deals|contact|company)\b/.test(t)) return null;
    const view: TaskView = overdue ? 'overdue' : /\btoday\b/.test(t) ? 'today' : /\bthis week\b|\bweek\b/.test(t) ? 'week' : 'open';
    const mine = /\b(?:my|i|me)\b/.test(t) || overdue || view !== 'open';
    return { intent: { view, mine }, confidence: 0.85, gist: `show ${mine ? 'your ' : ''}${view} tasks` };
  },
  plan(q, run) {
    const r = run.call<{ total: number; tasks: Record<string, unknown>[] }>('list_tasks', { view: q.view, ...(q.mine ? { filter: { assigneeId: run.facts.userId } } : {}), sort: 'dueAt', limit: 20 });
    const what = `${q.mine ? 'your ' : ''}${q.view === 'overdue' ? 'overdue ' : q.view === 'open' ? 'open ' : ''}tasks${q.view === 'today' ? ' due today' : q.view === 'week' ? ' due this week' : ''}`;
    if (r.total === 0) return { text: `No ${what}. 🎉` };
    return { text: `${capitalize(what)} (${r.total}):\n${bulletRows(run, 'task', r.tasks).join('\n')}` };
  },
});

// ---------------------------------------------------------------------------------------------
// Deals and the pipeline.

interface Deals {
  mine: boolean;
  view?: 'open' | 'won' | 'lost';
  period?: Period;
  total: boolean;
  companyName?: string;
}

registerIntent<Deals>({
  kind: 'deals',
  help: { topic: 'Deals and pipeline', examples: ['how much is in my pipeline?', 'which deals close this month?', 'show my open deals', 'pipeline summary', 'create a deal for Initech worth 20k'] },
  parse(u, env) {
    if (!env.v.types.includes('deal')) return null;
    const t = u.lower.replace(/\?$/, '');
    const pipeline = /\bpipeline\b/.test(t) && !/\b(?:move|add|create|stage)\b/.test(t);
    const deals = /\b(?:deals?|opportunit(?:y|ies)|opps?)\b/.test(t);
    if (!pipeline && !deals) return null;
    if (deals && !/^(?:which|what|show|list|get|display|see|view|give|any|how|my|our|open|won|lost|deals?|all)\b/.test(t)) return null;
    if (/^(?:how much|what) is (?:the )?(?!.*pipeline)/.test(t) && !/\bdeals\b/.test(t)) return null;
    const period = findPeriod(t, env.facts) ?? undefined;
    const mine = /\b(?:my|mine|i have|i've got|do i)\b/.test(t);
    const view = /\bwon\b/.test(t) ? 'won' : /\blost\b/.test(t) ? 'lost' : /\bopen\b|\bpipeline\b|\bclos(?:e|es|ing)\b/.test(t) || period ? 'open' : undefined;
    const total = pipeline || /\bhow much\b|\btotal\b|\bworth\b|\bvalue\b/.test(t);
    const companyName = /\b(?:deals?|opportunities)\s+(?:with|for|at)\s+(.+)$/i.exec(u.text.replace(/\?$/, ''))?.[1];
    return { intent: { mine, view, period, total: total && !period && !companyName, companyName }, confidence: pipeline ? 0.9 : 0.8, gist: 'show deals' };
  },
  plan(q, run) {
    if (q.total) {
      // Money is never added across currencies: each figure is read per currency (contracts/reports.ts).
      type Amounts = { currency: string; amount: string; weightedAmount: string }[];
      const s = run.call<{ stages: { name: string; kind: string; count: number; amounts: Amounts }[]; totals: { openCount: number; byCurrency: Amounts } }>('pipeline_summary', q.mine ? { ownerId: run.facts.userId } : {});
      const sum = (list: Amounts, field: 'amount' | 'weightedAmount') => (list.length ? list.map((x) => run.money(x[field], x.currency)).join(' + ') : run.money('0'));
      const who = q.mine ? 'Your' : 'The';
      const lines = s.stages.filter((st) => st.kind === 'open' || st.count > 0).map((st) => `- **${st.name}**: ${plural(st.count, 'deal')}, ${sum(st.amounts, 'amount')}${st.kind === 'open' ? ` (weighted ${sum(st.amounts, 'weightedAmount')})` : ''}`);
      return { text: `${who} pipeline: ${plural(s.totals.openCount, 'open deal')} worth ${sum(s.totals.byCurrency, 'amount')} (weighted ${sum(s.totals.byCurrency, 'weightedAmount')}).\n${lines.join('\n')}` };
    }
    const filter: Record<string, unknown> = {};
    if (q.mine) filter.ownerId = run.facts.userId;
    if (q.period) filter.expectedCloseDate = { gte: q.period.from, lte: q.period.to };
    let where = '';
    if (q.companyName) {
      const company = run.find(q.companyName, ['company'], 'company');
      if (!isRef(company)) return company;
      filter.companyId = company.id;
      where = ` with ${run.link(company)}`;
    }
    const r = run.call<{ total: number; deals: Record<string, unknown>[] }>('list_deals', { ...(q.view ? { view: q.view } : {}), ...(Object.keys(filter).length ? { filter } : {}), sort: q.period ? 'expectedCloseDate' : '-amount', limit: 20 });
    const what = `${q.view ? `${q.view} ` : ''}deals${where}${q.period ? ` closing ${q.period.label}` : ''}`;
    if (r.total === 0) return { text: `${q.mine ? 'You have no' : 'There are no'} ${what}.` };
    const sum = sumAmounts(r.deals);
    const worth = sum.map((x) => run.money(x.amount, x.currency)).join(' + ');
    const counted = plural(r.total, what.replace(/deals/, 'deal'), what);
    return { text: `${q.mine ? 'You have' : r.total === 1 ? 'There is' : 'There are'} ${counted}${worth ? `, worth ${worth}${r.total > r.deals.length ? ' (on this page)' : ''}` : ''}:\n${bulletRows(run, 'deal', r.deals).join('\n')}` };
  },
});

/** Per-currency sums of the amounts shown, in cents (no float). */
function sumAmounts(rows: Record<string, unknown>[]) {
  const by = new Map<string, bigint>();
  for (const r of rows) {
    if (typeof r.amount !== 'string') continue;
    const [i, f = ''] = r.amount.replace('-', '').split('.');
    const cents = (BigInt(i) * 100n + BigInt((f + '00').slice(0, 2))) * (r.amount.startsWith('-') ? -1n : 1n);
    by.set(String(r.currency), (by.get(String(r.currency)) ?? 0n) + cents);
  }
  return [...by].map(([currency, c]) => ({ currency, amount: `${c / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}` }));
}

// ---------------------------------------------------------------------------------------------
// About a record, and one field of one.

const DETAIL_FIELDS: [string, string][] = [
  ['title', 'Title'], ['company', 'Company'], ['email', 'Email'], ['phone', 'Phone'], ['status', 'Status'], ['industry', 'Industry'], ['domain', 'Website'],
  ['amount', 'Amount'], ['stage', 'Stage'], ['expectedCloseDate', 'Expected close'], ['companyName', 'Company'], ['dueAt', 'Due'], ['priority', 'Priority'], ['score', 'Score'],
];

function details(run: Run, ref: RecordRef, row: Record<string, unknown>) {
  const lines = DETAIL_FIELDS.filter(([k]) => row[k] !== null && row[k] !== undefined && row[k] !== '').map(([k, label]) => {
    const v = row[k];
    if (k === 'company') return `- ${label}: ${run.link({ type: 'company', id: String((v as { id: string }).id), title: String((v as { name: string }).name) })}`;
    if (k === 'stage') return `- ${label}: ${String((v as { name?: string }).name ?? '')}`;
    if (k === 'amount') return `- ${label}: ${run.money(v, row.currency)}`;
    if (k === 'dueAt') return `- ${label}: ${String(v).slice(0, 10)}`;
    return `- ${label}: ${String(v)}`;
  });
  return `**${run.link(ref)}** (${ref.type})\n${lines.join('\n')}`;
}

registerIntent<{ query: string }>({
  kind: 'about',
  help: { topic: 'Finding things', examples: ['what do we know about Acme?', 'what do we know about this contact?', 'who is Tom Baker'] },
  parse(u) {
    const m = /^(?:what do (?:we|you|i) (?:know|have) (?:about|on)|tell me (?:about|more about)|who is|who's|what is|what's|look up|lookup|info on|details (?:for|of|on)|show me|find|search(?: for)?|look for)\s+(.+?)\??$/i.exec(u.text);
    if (!m) return null;
    if (new RegExp(`^(?:my|our|all|the)?\\s*${ENTITY_RE}\\b`, 'i').test(m[1]) && !/^(?:this|that|the)\s+\w+$/i.test(m[1])) return null;
    if (new RegExp(`(?:'s|’s)\\s+(?:${FIELD_RE})$`, 'i').test(m[1]) || /\bpipeline\b/i.test(m[1])) return null;
    return { intent: { query: m[1].replace(/^the\s+/i, '') }, confidence: /^(?:find|search|look|show)/i.test(u.text) ? 0.75 : 0.8, gist: `look up ${m[1]}` };
  },
  plan(a, run) {
    const { name, types } = hinted(a.query, run.env.v, RECORD_TYPES);
    const pointed = /^(?:this|that|here|him|her|it)\b/i.test(name) ? run.find(name, types) : undefined;
    if (pointed && isRef(pointed)) {
      const row = run.call(`get_${pointed.type}`, { id: pointed.id });
      return { text: details(run, refOf(pointed.type, row), row) };
    }
    if (pointed) return pointed;
    const { hits } = run.call<{ hits: { type: string; id: string; title: string; url: string; snippet: string }[] }>('search', { query: name, types: [...types, ...(run.env.v.types.includes('task') && types.length > 1 ? ['task'] : [])] });
    if (hits.length === 0) return { text: `We have nothing on "${name}" yet.` };
    const exact = hits.filter((h) => h.title.toLowerCase() === name.toLowerCase());
    if (exact.length === 1) {
      const row = run.call(`get_${exact[0].type}`, { id: exact[0].id });
      const others = hits.filter((h) => h !== exact[0]).slice(0, 5);
      return { text: `${details(run, refOf(exact[0].type, row), row)}${others.length ? `\n\nAlso mentioned: ${others.map((h) => `${run.link(h)} (${h.type})`).join(', ')}` : ''}` };
    }
    const lines = hits.slice(0, 8).map((h) => `- ${run.link(h)} (${h.type})${h.snippet ? ` — ${h.snippet}` : ''}`);
    return { text: `Here is what we have on "${name}":\n${lines.join('\n')}` };
  },
});

interface FieldQ {
  target: string;
  field: string;
  types: string[];
}

registerIntent<FieldQ>({
  kind: 'field',
  help: { topic: 'Finding things', examples: ["what's Tom's phone number?", "what's his email?", 'how much is the Globex renewal worth?'] },
  parse(u) {
    const t = u.text.replace(/\?+$/, '');
    let found: [string, string] | undefined;
    let m = new RegExp(`^(?:what(?:'s| is| are)|whats|tell me|give me|get|do you have|do we have)\\s+(?:the\\s+)?(.+?)(?:'s|’s|s')\\s+(${FIELD_RE})$`, 'i').exec(t);
    if (m) found = [m[1], m[2]];
    else if ((m = new RegExp(`^(?:what(?:'s| is| are)|whats)\\s+(?:the\\s+)?(${FIELD_RE})\\s+(?:of|for)\\s+(.+)$`, 'i').exec(t))) found = [m[2], m[1]];
    else if ((m = new RegExp(`^(?:what(?:'s| is))\\s+(his|her|their|its)\\s+(${FIELD_RE})$`, 'i').exec(t))) found = [m[1], m[2]];
    if (found) {
      const f = fieldOf(found[1]);
      if (f) return { intent: { target: found[0], field: f.field, types: f.types }, confidence: 0.85, gist: `look up ${found[0]}'s ${found[1]}` };
    }
    const worth = /^(?:how much is|what is|what's)\s+(?:the\s+)?(.+?)\s+(?:deal\s+)?worth$/i.exec(t);
    if (worth && !/\bpipeline\b/i.test(worth[1])) return { intent: { target: worth[1], field: 'amount', types: ['deal'] }, confidence: 0.85, gist: `look up what ${worth[1]} is worth` };
    const close = /^when (?:does|will|is)\s+(?:the\s+)?(.+?)\s+(?:deal\s+)?(?:close|closing|expected to close)$/i.exec(t);
    if (close) return { intent: { target: close[1], field: 'expectedCloseDate', types: ['deal'] }, confidence: 0.85, gist: `look up when ${close[1]} closes` };
    return null;
  },
  plan(q, run) {
    const { name, types } = hinted(q.target, run.env.v, q.types);
    const target = run.find(name, types.filter((t) => q.types.includes(t)).length ? types.filter((t) => q.types.includes(t)) : q.types);
    if (!isRef(target)) return target;
    const row = run.call(`get_${target.type}`, { id: target.id });
    const v = row[q.field];
    const ref = refOf(target.type, row);
    const labelText = ({ expectedCloseDate: 'expected close date', dueAt: 'due date', amount: 'amount', domain: 'website' } as Record<string, string>)[q.field] ?? q.field;
    if (v === null || v === undefined || v === '') return { text: `${run.link(ref)} has no ${labelText} on file.` };
    const shown = q.field === 'amount' ? run.money(v, row.currency) : q.field === 'dueAt' ? String(v).slice(0, 10) : String(v);
    return { text: `${run.link(ref)}'s ${labelText}: **${shown}**` };
  },
});

export type { Reply };
