// Creating records: contacts, companies, deals, leads, tasks and projects, from the ways people
// say it ("add Jane Doe from Acme as a contact", "create a deal for Initech worth 20k", "new
// task: prepare QBR deck, due next Monday"). A company named along the way is looked up; a new
// one is proposed, never made silently; a doubtful name is confirmed first.
import { parseAmount } from '../../../../contracts/money';
import { refOf, type RecordRef } from '../discourse';
import { cut, findDates, findMoney, parsePerson, splitName, looksLikeOrg, peopleIn, type Facts, type PersonDetails } from '../extract';
import { CONFIDENT, registerIntent, type ParseEnv, type Utterance } from '../grammar';
import { CANCEL, type Reply, type Run } from '../run';
import { capitalize, nameScore, stripName } from '../text';
import { ENTITY_RE, entityOf, findMember, isMember } from './common';

interface Create {
  entity: string;
  rest: string;
  /** The whole request, for details said around the entity word ("add a $7,500 deal with Globex"). */
  whole: string;
  explicit: boolean;
}

const VERB = '(?:add|create|new|make|open|register|enter|set up|start|put in|insert|save)';
const CREATE_PATTERNS: { re: RegExp; entity: number; rest: number[]; explicit: boolean }[] = [
  // "add a new contact: Priya Patel, …", "create a company called Dunder Mifflin", "new deal for globex 5k"
  { re: new RegExp(`^${VERB}\\s+(?:me\\s+)?(?:a\\s+|an\\s+)?(?:new\\s+)?(${ENTITY_RE})\\b[\\s:,-]*(.*)$`, 'i'), entity: 1, rest: [2], explicit: true },
  // "add Jane Doe from Acme as a contact", "add Michael Scott as a contact at Initech"
  { re: new RegExp(`^${VERB}\\s+(.+?)\\s+as\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(${ENTITY_RE})\\b\\s*(.*)$`, 'i'), entity: 2, rest: [1, 3], explicit: true },
  // "add a $7,500 deal with Globex": details before the entity word
  { re: new RegExp(`^${VERB}\\s+(?:a\\s+|an\\s+)?(.{1,30}?)\\s+(deal|opportunity|task|todo)\\b\\s*(.*)$`, 'i'), entity: 2, rest: [1, 3], explicit: true },
  // "todo: email Bob the pricing sheet by Thursday", "deal for Stark Industries 2.5m"
  { re: new RegExp(`^(task|todo|to-do|deal|opportunity|lead|contact|company|account)(?:\\s*:\\s*|\\s+(?=(?:for|with)\\b))(.+)$`, 'i'), entity: 1, rest: [2], explicit: true },
];

function parseCreate(u: Utterance, env: ParseEnv): { create: Create; confidence: number } | null {
  // "I met Erin Hannon from Globex today, add her as a contact": the person is in the first clause.
  const metThen = new RegExp(`^(?:i\\s+)?(?:just\\s+)?(?:met|spoke (?:to|with)|talked to|ran into)\\s+(.+?),?\\s+(?:please\\s+)?(?:add|save|create)\\s+(?:her|him|them)\\s+as\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(${ENTITY_RE})\\b.*$`, 'i').exec(u.text);
  if (metThen) {
    const entity = entityOf(metThen[2], env.v);
    if (entity) return { create: { entity, rest: metThen[1], whole: u.text, explicit: true }, confidence: 0.85 };
  }
  for (const p of CREATE_PATTERNS) {
    const m = p.re.exec(u.text);
    if (!m) continue;
    const entity = entityOf(m[p.entity], env.v);
    if (!entity || entity === 'note') continue;
    const rest = p.rest.map((i) => m[i] ?? '').join(' ').replace(/\s+/g, ' ').trim();
    return { create: { entity, rest, whole: u.text, explicit: p.explicit }, confidence: rest ? 0.9 : 0.75 };
  }
  // "remind Sam to call Globex tomorrow": a task for someone else.
  const remind = /^remind\s+(?!me\b)(\w+(?:\s+\w+)?)\s+to\s+(.+)$/i.exec(u.text);
  if (remind && env.v.types.includes('task')) return { create: { entity: 'task', rest: `for ${remind[1]}: ${remind[2]}`, whole: u.text, explicit: true }, confidence: 0.85 };
  // "add Ada Lovelace, CTO at Acme" / "add Wonka Industries": a person unless it looks like a company.
  const bare = new RegExp(`^(?:add|new|create)\\s+(?!a\\b|an\\b|the\\b|note\\b|${ENTITY_RE}\\b)(.+)$`, 'i').exec(u.text);
  if (bare) {
    const first = bare[1].split(/\s*,\s*/)[0];
    const person = /@/.test(bare[1]) || peopleIn(bare[1]).length > 0 || /^\p{Lu}\p{Ll}+ \p{Lu}[\p{L}'’-]+/u.test(first);
    if (!person && looksLikeOrg(first) && /\b(inc|corp|llc|ltd|gmbh|industries|systems|labs|group)\b/i.test(first)) return { create: { entity: 'company', rest: bare[1], whole: u.text, explicit: false }, confidence: 0.75 };
    if (env.v.types.includes('contact')) return { create: { entity: 'contact', rest: bare[1], whole: u.text, explicit: false }, confidence: person ? 0.8 : 0.6 };
  }
  return null;
}

registerIntent<Create>({
  kind: 'create',
  help: {
    topic: 'Contacts and companies',
    examples: ['add contact Ada Lovelace, CTO at Acme, ada@acme.com', 'add Jane Doe from Acme as a contact', 'new contact Sarah Connor, Head of IT at Cyberdyne', 'new company Initech in software, initech.com', 'add lead Grace Hopper, CTO at Navy'],
  },
  parse(u, env) {
    const r = parseCreate(u, env);
    if (!r) return null;
    return { intent: r.create, confidence: r.confidence, gist: `create a ${r.create.entity} from "${r.create.rest}"` };
  },
  plan(c, run) {
    if (!run.can(`create_${c.entity}`)) return { text: `You can't do that here: creating ${run.env.resources(c.entity)} isn't available to your role.` };
    switch (c.entity) {
      case 'contact':
        return createPerson(run, c, 'contact');
      case 'lead':
        return createPerson(run, c, 'lead');
      case 'company':
        return createCompany(run, c);
      case 'deal':
        return createDeal(run, c);
      case 'task':
        return createTask(run, c);
      default: {
        const name = stripName(c.rest.replace(/^(?:called|named)\s+/i, ''));
        if (!name) return { text: `What should the new ${c.entity} be called?` };
        const row = run.call(`create_${c.entity}`, { name });
        return { text: `Created ${c.entity} ${run.link(refOf(c.entity, row))}.` };
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------

/** The company a new contact or deal is at: found, proposed as new, or asked about. */
function companyFor(run: Run, typed: string, what: string): { id: string | null; created?: RecordRef } | Reply {
  const answer = run.resolved.company as RecordRef | 'new' | 'none' | undefined;
  if (answer === 'none') return { id: null };
  if (answer === 'new') {
    const row = run.call('create_company', { name: typed });
    return { id: String(row.id), created: refOf('company', row) };
  }
  if (answer && typeof answer === 'object') return { id: answer.id };
  const { hits } = run.call<{ hits: { type: string; id: string; title: string }[] }>('search', { query: typed, types: ['company'] });
  const scored = hits.filter((h) => h.type === 'company').map((h) => ({ h, s: nameScore(typed, h.title) })).filter((x) => x.s >= 0.5).sort((a, b) => b.s - a.s);
  if (scored[0]?.s === 1 && scored.filter((x) => x.s === 1).length === 1) return { id: scored[0].h.id };
  const options = scored.slice(0, 4).map(({ h }) => ({ label: `${what} at ${h.title}`, answer: { company: { type: 'company', id: h.id, title: h.title, row: {} } } }));
  if (options.length === 0) {
    return run.ask(`There is no company "${typed}" yet. Shall I create it along with ${what}?`, [
      { label: `Create ${what} and a new company "${typed}"`, answer: { company: 'new' } },
      { label: `Create ${what} without a company`, answer: { company: 'none' } },
      { label: 'Cancel', answer: CANCEL },
    ]);
  }
  const names = scored.slice(0, 4).map(({ h }) => h.title);
  return run.ask(`Did you mean ${what} at ${names.join(' or ')}, or create a new company "${typed}"?`, [...options, { label: `Create a new company "${typed}"`, answer: { company: 'new' } }, { label: 'Cancel', answer: CANCEL }]);
}

function personFields(d: PersonDetails) {
  return {
    ...(d.name ? splitName(d.name) : {}),
    ...(d.email ? { email: d.email } : {}),
    ...(d.phone ? { phone: d.phone } : {}),
    ...(d.title ? { title: d.title } : {}),
  };
}

function createPerson(run: Run, c: Create, entity: 'contact' | 'lead'): Reply {
  const d = parsePerson(c.rest, run.facts, { nameGiven: c.explicit });
  if (!d.name && !d.email) return { text: `What is the new ${entity}'s name (or email)?\n\nE.g. "add contact Jane Doe, CTO at Acme".` };
  const who = d.name ?? d.email!;
  if (d.name && d.nameConfidence < CONFIDENT) {
    const asked = run.confirm(`Should I create the ${entity} "${d.name}"${d.title ? ` (${d.title})` : ''}${d.company ? ` at ${d.company}` : ''}?`, 'confirmed', `Yes, create ${d.name}`);
    if (asked) return asked;
  }
  const fields: Record<string, unknown> = personFields(d);
  if (entity === 'contact' && d.status) fields.status = d.status;
  if (entity === 'lead' && d.company) fields.companyName = d.company;
  // The same person twice is more often a slip than a namesake.
  if (d.name && d.name.includes(' ') && !run.resolved.duplicateOk) {
    const plural = run.env.resources(entity).replace(/-/g, '_');
    const found = run.call<Record<string, unknown>>(`list_${plural}`, { q: d.name, limit: 5 });
    const same = ((found[plural] as Record<string, unknown>[]) ?? []).filter((r) => String(r.fullName ?? '').toLowerCase() === d.name!.toLowerCase());
    if (same.length) {
      const existing = refOf(entity, same[0]);
      return run.ask(`There is already a ${entity} ${run.link(existing)}. Create another ${d.name}?`, [
        { label: `Create another ${d.name}`, answer: { duplicateOk: true } },
        { label: 'Cancel', answer: CANCEL },
      ]);
    }
  }
  let made: RecordRef | undefined;
  if (entity === 'contact' && d.company) {
    const co = companyFor(run, d.company, who);
    if ('text' in co) return co;
    fields.companyId = co.id;
    made = co.created;
  }
  const row = run.call(`create_${entity}`, fields);
  const company = row.company as { id: string; name: string } | null | undefined;
  const at = company ? ` at ${run.link({ type: 'company', id: company.id, title: company.name })}` : entity === 'lead' && fields.companyName ? ` at ${String(fields.companyName)}` : '';
  const extra = [d.title ? `title ${d.title}` : null, d.email ? d.email : null, d.phone ? d.phone : null].filter(Boolean).join(', ');
  return { text: `Created ${entity} ${run.link(refOf(entity, row))}${at}${extra ? ` (${extra})` : ''}.${made ? ` I also created the company ${run.link(made)}.` : ''}` };
}

const DOMAIN = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)\/?$/i;
const COMPANY_STATUS = ['lead', 'prospect', 'customer', 'churned', 'inactive'];

function createCompany(run: Run, c: Create): Reply {
  const segments = c.rest.replace(/^(?:called|named)\s+/i, '').split(/\s*,\s*/).map((s) => s.trim()).filter(Boolean);
  const [first, ...others] = segments;
  if (!first) return { text: 'What is the new company called?' };
  const fields: Record<string, unknown> = {};
  const inIndustry = /^(.+?)\s+in\s+(?:the\s+)?(.+?)(?:\s+(?:industry|sector|space))?$/i.exec(first);
  fields.name = stripName(inIndustry ? inIndustry[1] : first);
  if (inIndustry) fields.industry = inIndustry[2];
  for (const seg of others) {
    const domain = DOMAIN.exec(seg);
    if (domain) fields.domain = domain[1].toLowerCase();
    else if (COMPANY_STATUS.includes(seg.toLowerCase())) fields.status = seg.toLowerCase();
    else if (/^in\s+/i.test(seg)) fields.industry = seg.replace(/^in\s+(?:the\s+)?/i, '').replace(/\s+(?:industry|sector)$/i, '');
    else fields.description = seg;
  }
  if (!run.resolved.duplicateOk) {
    const { hits } = run.call<{ hits: { type: string; id: string; title: string }[] }>('search', { query: String(fields.name), types: ['company'] });
    const same = hits.find((h) => h.type === 'company' && nameScore(String(fields.name), h.title) === 1);
    if (same) {
      return run.ask(`There is already a company ${run.link(same)}. Create another "${String(fields.name)}"?`, [
        { label: `Create another ${String(fields.name)}`, answer: { duplicateOk: true } },
        { label: 'Cancel', answer: CANCEL },
      ]);
    }
  }
  const row = run.call('create_company', fields);
  const extra = [fields.industry ? `in ${String(fields.industry)}` : null, fields.domain ? String(fields.domain) : null, fields.status ? String(fields.status) : null].filter(Boolean).join(', ');
  return { text: `Created company ${run.link(refOf('company', row))}${extra ? ` (${extra})` : ''}.` };
}

// ---------------------------------------------------------------------------------------------

export interface DealDetails {
  name?: string;
  company?: string;
  amount?: string;
  currency?: string;
  expectedCloseDate?: string;
}

/** "for Initech worth 20k", "'Umbrella pilot' worth 15,000 closing next month", "Acme Corp expansion, 12000". */
export function parseDeal(text: string, whole: string, facts: Facts): DealDetails {
  const out: DealDetails = {};
  let rest = ` ${text} `;
  const money = findMoney(whole)[0] ?? findMoney(text)[0];
  if (money) {
    out.amount = money.amount;
    if (money.currency) out.currency = money.currency;
    rest = rest.replace(money.raw, ' ');
  } else {
    // "Acme expansion, 12000": a plain number after a comma is the amount.
    const plain = /,\s*(\d[\d.,]*)\s*$/.exec(rest.trimEnd());
    const parsed = plain && parseAmount(plain[1]);
    if (parsed) {
      out.amount = parsed.amount;
      rest = rest.replace(plain![0], ' ');
    }
  }
  const closing = /\b(?:closing|to close|closes|close date|expected to close|expected close(?: date)?|due)\b\s*(?:on|by|in)?\s*/i;
  const dates = findDates(rest, facts);
  if (dates.length) {
    out.expectedCloseDate = dates[0].day;
    rest = cut(rest, [dates[0]]);
  }
  rest = rest.replace(new RegExp(closing.source + '$', 'i'), ' ').replace(closing, ' ');
  rest = rest.replace(/\b(?:worth|valued at|value of|for an amount of|amounting to|of about|at)\s*(?=,|$|\s*$)/gi, ' ').replace(/\s+(?:worth|for)\s*$/i, ' ');
  const quoted = /["'“‘](.+?)["'”’]/.exec(rest);
  if (quoted) {
    out.name = quoted[1].trim();
    rest = rest.replace(quoted[0], ' ');
  }
  const called = /\b(?:called|named)\s+(.+?)(?=\s+(?:for|with|at)\s|,|$)/i.exec(rest.trim());
  if (called) {
    out.name ??= called[1].trim();
    rest = rest.replace(called[0], ' ');
  }
  const company = /(?:^|\s)(?:for|with|at)\s+(?:the\s+)?(.+?)(?=,|\s+(?:worth|for|closing|due)\b|$)/i.exec(rest.trim());
  if (company) {
    out.company = company[1].trim();
    rest = rest.replace(company[0], ' ');
  }
  const left = rest.replace(/[,;:]+/g, ' ').replace(/\b(?:worth|for|with|a|an|the|new)\b/gi, ' ').replace(/\s+/g, ' ').trim();
  if (left && !out.name) out.name = left;
  return out;
}

function createDeal(run: Run, c: Create): Reply {
  const d = parseDeal(c.rest, c.whole, run.facts);
  if (!d.name && !d.company) {
    return { text: 'Which company is the deal with, and what is it worth?\n\nE.g. "create a deal for Initech worth 20k".' };
  }
  const fields: Record<string, unknown> = { currency: d.currency ?? run.facts.currency, ownerId: run.facts.userId };
  if (d.amount) fields.amount = d.amount;
  if (d.expectedCloseDate) fields.expectedCloseDate = d.expectedCloseDate;
  let made: RecordRef | undefined;
  if (d.company) {
    const co = companyFor(run, d.company, `the deal`);
    if ('text' in co) return co;
    fields.companyId = co.id;
    made = co.created;
  } else if (d.name) {
    // "Stark Industries renewal": a deal named after a company is that company's.
    const { hits } = run.call<{ hits: { type: string; id: string; title: string }[] }>('search', { query: d.name, types: ['company'] });
    const owner = hits.find((h) => h.type === 'company' && d.name!.toLowerCase().startsWith(`${h.title.toLowerCase()} `));
    if (owner) fields.companyId = owner.id;
  }
  const companyName = d.company ? (run.resolved.company as RecordRef | undefined)?.title ?? d.company : undefined;
  fields.name = d.name ?? `${capitalize(companyName ?? 'New')} deal`;
  const row = run.call('create_deal', fields);
  const company = row.company as { id: string; name: string } | null | undefined;
  const bits = [row.amount ? run.money(row.amount, row.currency) : null, company ? `with ${run.link({ type: 'company', id: company.id, title: company.name })}` : null, row.expectedCloseDate ? `closing ${String(row.expectedCloseDate)}` : null].filter(Boolean);
  return { text: `Created deal ${run.link(refOf('deal', row))}${bits.length ? `: ${bits.join(', ')}` : ''}.${made ? ` I also created the company ${run.link(made)}.` : ''}` };
}

// ---------------------------------------------------------------------------------------------

const PRIORITY = /\b(?:(urgent)|(high|low|medium)[\s-]priority|priority[:\s]+(urgent|high|low|medium))\b/i;

function createTask(run: Run, c: Create): Reply {
  let rest = c.rest;
  const fields: Record<string, unknown> = {};
  const p = PRIORITY.exec(`${c.whole}`);
  if (p) {
    fields.priority = (p[1] ?? p[2] ?? p[3]).toLowerCase();
    rest = rest.replace(PRIORITY, ' ');
  }
  // "for Sam: review the contract", "for Sam Rivera to call Globex"
  const forWho = /^(?:for|assigned to|assign(?:ed)? to)\s+([\p{L}'’-]+(?:\s+[\p{L}'’-]+)?)\s*(?::|-|,|\s+to\s+)\s*(.+)$/iu.exec(rest.trim());
  let assignee = run.facts.userId;
  let assigneeName: string | undefined;
  if (forWho) {
    const m = findMember(run, forWho[1]);
    if (!isMember(m)) return m;
    assignee = m.userId;
    assigneeName = m.name;
    rest = forWho[2];
  }
  const dates = findDates(rest, run.facts);
  if (dates.length) {
    const last = dates[dates.length - 1];
    fields.dueAt = last.at;
    rest = `${rest.slice(0, last.index)} ${rest.slice(last.index + last.length)}`;
  }
  const title = rest
    .replace(/\b(?:due|by|on|before|until)\s*$/i, '')
    .replace(/\s+(?:due|by|on|before|until)(?=\s*(?:,|$))/gi, '')
    .replace(/^\s*(?:to|called|named|:)\s+/i, '')
    .replace(/[\s,;:-]+$/g, '')
    .replace(/^[\s,;:-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!title) return { text: 'What is the task? E.g. "add task Call Tom tomorrow".' };
  const row = run.call('create_task', { title: stripQuotes(title), assigneeId: assignee, ...fields });
  const due = row.dueAt ? ` due ${new Date(String(row.dueAt)).toLocaleDateString('en-US', { timeZone: run.facts.timezone, weekday: 'short', month: 'short', day: 'numeric' })}` : '';
  return { text: `Added task ${run.link(refOf('task', row))}${due}${assigneeName && assignee !== run.facts.userId ? `, assigned to ${assigneeName}` : ''}${row.priority && row.priority !== 'medium' ? ` (${String(row.priority)} priority)` : ''}.` };
}

const stripQuotes = (s: string) => s.replace(/^["'“‘]+|["'”’]+$/g, '');

export type { Create };
