// The offline model's grammar: everyday commands parsed into intents, deterministically.
// No library parses free-form CRM commands into typed intents without a model, hence this file.

export type EntityWord = string; // singular entity type, e.g. contact, company

export type Intent =
  | { kind: 'help' }
  | { kind: 'create'; entity: EntityWord; fields: Record<string, unknown>; companyName?: string }
  | { kind: 'list'; entity: EntityWord; q?: string; filter: Record<string, unknown>; companyName?: string }
  | { kind: 'about'; query: string }
  | { kind: 'update'; entity?: EntityWord; target: string; field: string; value: unknown }
  | { kind: 'delete'; entity?: EntityWord; target: string }
  | { kind: 'note'; target: string; body: string }
  | { kind: 'tasks'; mine: boolean; view?: 'overdue' | 'today' | 'week' | 'open' }
  | { kind: 'complete'; target: string }
  | { kind: 'move'; target: string; stage: string; reason?: string }
  | { kind: 'convert'; target: string }
  | { kind: 'pipeline' }
  | { kind: 'unknown'; text: string };

/** Entity words users type → entity type, plural → type. Built from the registered entities. */
export interface Vocabulary {
  types: string[];
  plural: Record<string, string>;
}

const EMAIL = /[^\s,;<>]+@[^\s,;<>]+\.[a-z]{2,}/i;
const PHONE = /^\+?[\d\s().-]{7,}$/;
const DOMAIN = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)\/?$/i;

const FIELD_WORDS: Record<string, string> = {
  title: 'title', 'job title': 'title', role: 'title', email: 'email', 'email address': 'email', phone: 'phone',
  'phone number': 'phone', status: 'status', stage: 'status', department: 'department', industry: 'industry',
  domain: 'domain', website: 'website', name: 'name', 'first name': 'firstName', 'last name': 'lastName',
  source: 'source', size: 'size', employees: 'employeeCount', 'employee count': 'employeeCount', about: 'about',
  description: 'description', address: 'address', amount: 'amount', value: 'amount', 'close date': 'expectedCloseDate',
  'expected close date': 'expectedCloseDate', probability: 'probability', score: 'score', priority: 'priority', 'due date': 'dueAt', linkedin: 'linkedinUrl', revenue: 'annualRevenue', 'annual revenue': 'annualRevenue',
};

export const STATUS_WORDS = ['lead', 'prospect', 'customer', 'churned', 'inactive'];

function entityFrom(word: string | undefined, v: Vocabulary): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase();
  if (v.types.includes(w)) return w;
  return v.plural[w];
}

export function splitName(name: string): { firstName?: string; lastName?: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0] };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] };
}

function parseContactDetails(rest: string) {
  const segments = rest.split(',').map((s) => s.trim()).filter(Boolean);
  const fields: Record<string, unknown> = {};
  let companyName: string | undefined;
  const [name, ...others] = segments;
  if (name && !EMAIL.test(name)) Object.assign(fields, splitName(name.replace(/^(?:named|called)\s+/i, '')));
  else if (name) others.unshift(name);
  for (const seg of others) {
    const email = seg.match(EMAIL);
    if (email) fields.email = email[0].toLowerCase();
    else if (PHONE.test(seg)) fields.phone = seg;
    else {
      const at = seg.match(/^(?:(.*?)\s+)?(?:at|@|from|of)\s+(.+)$/i);
      if (at) {
        if (at[1]) fields.title = at[1];
        companyName = at[2];
      } else if (STATUS_WORDS.includes(seg.toLowerCase())) fields.status = seg.toLowerCase();
      else fields.title = seg;
    }
  }
  return { fields, companyName };
}

function parseCompanyDetails(rest: string) {
  const segments = rest.split(',').map((s) => s.trim()).filter(Boolean);
  const fields: Record<string, unknown> = {};
  const [first, ...others] = segments;
  const inIndustry = first?.match(/^(.+?)\s+in\s+(?:the\s+)?(.+?)(?:\s+(?:industry|sector))?$/i);
  fields.name = inIndustry ? inIndustry[1] : first;
  if (inIndustry) fields.industry = inIndustry[2];
  for (const seg of others) {
    const domain = seg.match(DOMAIN);
    if (domain) fields.domain = domain[1].toLowerCase();
    else if (STATUS_WORDS.includes(seg.toLowerCase())) fields.status = seg.toLowerCase();
    else if (/^in\s+/i.test(seg)) fields.industry = seg.replace(/^in\s+(?:the\s+)?/i, '');
    else fields.description = seg;
  }
  return { fields };
}

export function parse(input: string, v: Vocabulary): Intent {
  const text = input.trim().replace(/[.!]+$/, '');
  const lower = text.toLowerCase();
  if (/^(help|\?|what can you do\??|commands)$/.test(lower)) return { kind: 'help' };

  const note = text.match(/^(?:add\s+(?:a\s+)?)?note\s+(?:on|to|for|about)\s+(.+?)\s*:\s*([\s\S]+)$/i);
  if (note && v.types.includes('note')) return { kind: 'note', target: note[1].replace(/^the\s+/i, ''), body: note[2].trim() };

  if (v.types.includes('task')) {
    const tasks = lower.match(/^(?:show|list|what are|what's|whats|what is|get)\s+(?:me\s+)?(?:all\s+)?(my\s+)?(overdue\s+|open\s+)?tasks?(?:\s+(?:that are\s+)?(?:due\s+)?(today|this week|overdue))?\??$/);
    if (tasks) {
      const when = (tasks[3] ?? tasks[2]?.trim()) as string | undefined;
      const view = when === 'this week' ? 'week' : (when as 'overdue' | 'today' | 'open' | undefined) ?? 'open';
      return { kind: 'tasks', mine: Boolean(tasks[1]), view };
    }
    const due = lower.match(/^what(?:'s| is)\s+(overdue|due today|due this week)(?:\s+for me)?\??$/);
    if (due) return { kind: 'tasks', mine: true, view: due[1] === 'overdue' ? 'overdue' : due[1] === 'due today' ? 'today' : 'week' };
    const complete = text.match(/^(?:complete|finish|close|done with)\s+(?:the\s+)?(?:task\s+)?(.+)$/i) ?? text.match(/^mark\s+(?:the\s+)?(?:task\s+)?(.+?)\s+(?:as\s+)?(?:done|complete|completed)$/i);
    if (complete) return { kind: 'complete', target: complete[1] };
  }

  if (v.types.includes('deal')) {
    const move = text.match(/^move\s+(?:the\s+)?(.+?)(?:\s+deal)?\s+to\s+(?:the\s+)?(.+?)(?:\s+stage)?(?:(?:\s*,\s*|\s+)(?:because|reason:?)\s+(.+)|\s*,\s*(.+))?$/i);
    if (move) {
      const reason = (move[3] ?? move[4])?.trim();
      return { kind: 'move', target: move[1], stage: move[2], ...(reason ? { reason } : {}) };
    }
    if (/^(?:pipeline(?:\s+summary)?|how(?:'s| is)\s+(?:my|our|the)\s+pipeline(?:\s+doing)?|(?:show|give)\s+(?:me\s+)?(?:the\s+|a\s+)?pipeline(?:\s+summary)?)\??$/i.test(text)) return { kind: 'pipeline' };
  }
  if (v.types.includes('lead')) {
    const convert = text.match(/^convert\s+(?:the\s+)?(?:lead\s+)?(.+)$/i);
    if (convert) return { kind: 'convert', target: convert[1] };
  }

  const about = text.match(/^(?:what do (?:we|you) know about|who is|who's|tell me about|look up|lookup)\s+(.+?)\??$/i);
  if (about) return { kind: 'about', query: about[1].replace(/^the\s+/i, '') };

  const create = text.match(/^(?:add|create|new|make)\s+(?:a\s+|an\s+)?(?:new\s+)?(\w+)\s+(.+)$/i);
  if (create) {
    const entity = entityFrom(create[1], v);
    if (entity === 'company') return { kind: 'create', entity, ...parseCompanyDetails(create[2]) };
    if (entity === 'contact') return { kind: 'create', entity, ...parseContactDetails(create[2]) };
    if (entity === 'task') return { kind: 'create', entity, fields: parseTask(create[2]) };
    if (entity === 'deal') return { kind: 'create', entity, fields: parseDeal(create[2]) };
    if (entity === 'lead') return { kind: 'create', entity, ...parseLead(create[2]) };
    if (entity) return { kind: 'create', entity, fields: { name: create[2] } };
    // "add Ada Lovelace, CTO at Acme, ada@acme.com": a person unless told otherwise
    if (/^(?:add|new)$/i.test(text.split(/\s+/)[0]) && v.types.includes('contact')) {
      return { kind: 'create', entity: 'contact', ...parseContactDetails(`${create[1]} ${create[2]}`) };
    }
  }

  const list = text.match(/^(?:show|list|find|search|get|display)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?(?:my\s+)?(?:(lead|prospect|customer|churned|inactive)\s+)?(\w+)(.*)$/i);
  if (list) {
    const entity = entityFrom(list[2], v);
    if (entity) {
      const filter: Record<string, unknown> = {};
      if (list[1]) filter.status = list[1].toLowerCase();
      let q: string | undefined;
      let companyName: string | undefined;
      const rest = list[3].trim();
      const at = rest.match(/^(?:at|from|of)\s+(.+)$/i);
      const inInd = rest.match(/^in\s+(?:the\s+)?(.+?)(?:\s+(?:industry|sector))?$/i);
      const named = rest.match(/^(?:named|called|matching|like|with)\s+(.+)$/i);
      const status = rest.match(/^(?:who are|that are|with status)\s+(\w+?)s?$/i);
      if (at && entity === 'contact') companyName = at[1];
      else if (inInd) filter.industry = { contains: inInd[1] };
      else if (named) q = named[1];
      else if (status && STATUS_WORDS.includes(status[1].toLowerCase())) filter.status = status[1].toLowerCase();
      else if (rest) q = rest;
      return { kind: 'list', entity, q, filter, companyName };
    }
  }

  const update = text.match(/^(?:update|change|set|make)\s+(?:the\s+)?(?:(\w+)\s+)?(.+?)(?:'s|’s)\s+(.+?)\s+(?:to|=)\s+(.+)$/i);
  if (update) {
    const entity = entityFrom(update[1], v);
    const target = entity ? update[2] : [update[1], update[2]].filter(Boolean).join(' ');
    const field = FIELD_WORDS[update[3].toLowerCase()];
    if (field) return { kind: 'update', entity, target, field, value: coerceValue(field, update[4]) };
  }

  const del = text.match(/^(?:delete|remove|archive)\s+(?:the\s+)?(?:(\w+)\s+)?(.+)$/i);
  if (del) {
    const entity = entityFrom(del[1], v);
    const target = entity ? del[2] : [del[1], del[2]].filter(Boolean).join(' ');
    return { kind: 'delete', entity, target };
  }

  return { kind: 'unknown', text };
}

/** "Acme expansion, 12000" or "Acme expansion for $12,000": name + amount. */
export function parseDeal(rest: string): Record<string, unknown> {
  const m = rest.match(/^(.*?)(?:,|\s+for|\s+worth)\s+\$?([\d,]+(?:\.\d{1,2})?)\s*(k)?$/i);
  if (!m) return { name: rest.trim() };
  const amount = Number(m[2].replace(/,/g, '')) * (m[3] ? 1000 : 1);
  return { name: m[1].trim(), amount: amount.toFixed(2) };
}

/** Like a contact, but the company is a name on the lead. */
function parseLead(rest: string) {
  const { fields, companyName } = parseContactDetails(rest);
  return { fields: { ...fields, ...(companyName ? { companyName } : {}) } };
}

const DAY = 86400_000;
/** "Call Ada tomorrow", "Send deck by 2026-12-01", "Demo due next week": title + due date. */
export function parseTask(rest: string, now = new Date()): Record<string, unknown> {
  const m = rest.match(/^(.*?)(?:\s+(?:due|by|on))?\s+(today|tomorrow|next week|\d{4}-\d{2}-\d{2})$/i);
  if (!m) return { title: rest.trim() };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17);
  const when = m[2].toLowerCase();
  const due = when === 'today' ? today : when === 'tomorrow' ? today + DAY : when === 'next week' ? today + 7 * DAY : Date.parse(`${when}T17:00:00Z`);
  return { title: m[1].trim(), dueAt: new Date(due).toISOString() };
}

function coerceValue(field: string, raw: string): unknown {
  const v = raw.trim().replace(/^["']|["']$/g, '');
  if (field === 'employeeCount' || field === 'probability' || field === 'score') return Number(v.replace(/[,% ]/g, ''));
  if (field === 'amount') return v.replace(/[$,\s]/g, '');
  if (field === 'status') return v.toLowerCase();
  if (field === 'email' || field === 'domain') return v.toLowerCase();
  return v;
}
