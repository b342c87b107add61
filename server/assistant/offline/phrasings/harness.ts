// Runs one everyday phrasing against the assistant in a fresh organization with the same seed data,
// and judges it by its EFFECT through REST: the record created/updated with the right fields, the
// note or logged activity on the right record, the answer that was asked for, or a question back
// with nothing written. Every write is also seen in the audit trail (every write records an
// activity, DESIGN.md invariant 1), so a write nobody asked for cannot go unnoticed.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../../../test/app';
import { createOrg, signUp } from '../../../../test/factories';
import type { ServiceContext } from '../../../lib/context';
import { serviceForType } from '../../../modules/registry';

// ---------------------------------------------------------------------------------------------
// The seed every phrasing starts from.

export interface Seed {
  orgId: string;
  me: string;
  sam: string;
  ids: Record<string, string>; // "company:Globex" → id
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
export const today = () => isoDay(Date.now());
export const plusDays = (n: number) => isoDay(Date.now() + n * DAY);
function monthEdge(offsetMonths: number, day: 'first' | 'last' | number) {
  const now = new Date();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + offsetMonths;
  if (day === 'first') return isoDay(Date.UTC(y, m, 1));
  if (day === 'last') return isoDay(Date.UTC(y, m + 1, 0));
  return isoDay(Date.UTC(y, m, day));
}

export async function seedOrg(app: TestApp, owner: Client & { userId: string }, samId: string): Promise<Seed> {
  const orgId = await createOrg(owner, 'Phrasing Co');
  await app.auth.api.addMember({ body: { userId: samId, organizationId: orgId, role: 'member' } });
  const ids: Record<string, string> = {};
  // Seeded through the services (the same door REST uses), without an HTTP round trip per record.
  const ctx: ServiceContext = { db: app.database.db, orgId, role: 'owner', actor: { type: 'user', userId: owner.userId } };
  const types: Record<string, string> = { companies: 'company', contacts: 'contact', deals: 'deal', leads: 'lead', tasks: 'task', projects: 'project' };
  const post = async (path: string, key: string, body: Record<string, unknown>) => {
    const row = await serviceForType(types[path])!.create(ctx, body);
    ids[key] = row.id;
    return row.id;
  };
  const acme = await post('companies', 'company:Acme Corp', { name: 'Acme Corp', domain: 'acme.com', industry: 'manufacturing' });
  const globex = await post('companies', 'company:Globex', { name: 'Globex', domain: 'globex.com', industry: 'software', status: 'customer' });
  const initech = await post('companies', 'company:Initech', { name: 'Initech', domain: 'initech.com', industry: 'software' });
  const cyberdyne = await post('companies', 'company:Cyberdyne', { name: 'Cyberdyne', domain: 'cyberdyne.com', industry: 'robotics' });
  await post('companies', 'company:Umbrella', { name: 'Umbrella', domain: 'umbrella.test', industry: 'pharma' });
  const stark = await post('companies', 'company:Stark Industries', { name: 'Stark Industries', domain: 'stark.com', industry: 'defense' });

  await post('contacts', 'contact:Tom Baker', { firstName: 'Tom', lastName: 'Baker', title: 'CFO', email: 'tom@globex.com', phone: '+1 555 0111', companyId: globex });
  await post('contacts', 'contact:Jane Smith', { firstName: 'Jane', lastName: 'Smith', title: 'VP Sales', email: 'jane@initech.com', companyId: initech });
  await post('contacts', 'contact:Peter Tran', { firstName: 'Peter', lastName: 'Tran', title: 'Engineer', email: 'peter@initech.com', companyId: initech });
  await post('contacts', 'contact:Bob Stone', { firstName: 'Bob', lastName: 'Stone', title: 'Buyer', email: 'bob@acme.com', companyId: acme });
  await post('contacts', 'contact:Alice Wong', { firstName: 'Alice', lastName: 'Wong', title: 'CTO', email: 'alice@stark.com', companyId: stark });
  await post('contacts', 'contact:Sarah Lee', { firstName: 'Sarah', lastName: 'Lee', title: 'Director', email: 'sarah@umbrella.test', companyId: ids['company:Umbrella'] });
  await post('contacts', 'contact:Chris Martin', { firstName: 'Chris', lastName: 'Martin', email: 'chris@globex.com', companyId: globex });
  await post('contacts', 'contact:Chris Evans', { firstName: 'Chris', lastName: 'Evans', email: 'chris@acme.com', companyId: acme });
  await post('contacts', 'contact:Miles Dyson', { firstName: 'Miles', lastName: 'Dyson', title: 'Engineer', email: 'miles@cyberdyne.com', companyId: cyberdyne });

  await post('deals', 'deal:Globex renewal', { name: 'Globex renewal', companyId: globex, amount: '50000', expectedCloseDate: monthEdge(0, 'last'), ownerId: owner.userId });
  await post('deals', 'deal:Acme expansion', { name: 'Acme expansion', companyId: acme, amount: '12000', expectedCloseDate: monthEdge(1, 15), ownerId: owner.userId });
  await post('deals', 'deal:Initech pilot', { name: 'Initech pilot', companyId: initech, amount: '7500', expectedCloseDate: monthEdge(0, 'first'), ownerId: samId });
  await post('deals', 'deal:Stark upgrade', { name: 'Stark upgrade', companyId: stark, amount: '30000', expectedCloseDate: monthEdge(3, 10), ownerId: owner.userId });

  await post('leads', 'lead:Grace Hopper', { firstName: 'Grace', lastName: 'Hopper', companyName: 'Navy', email: 'grace@navy.test' });

  const at17 = (day: string) => `${day}T17:00:00.000Z`;
  await post('tasks', 'task:Send proposal to Globex', { title: 'Send proposal to Globex', dueAt: at17(plusDays(1)), assigneeId: owner.userId, relatedType: 'company', relatedId: globex });
  // Due at the end of today (UTC), so it is "today" and not yet overdue whenever the test runs.
  await post('tasks', 'task:Call Tom about renewal', { title: 'Call Tom about renewal', dueAt: `${today()}T23:59:59.000Z`, assigneeId: owner.userId, priority: 'high' });
  await post('tasks', 'task:Prepare demo for Initech', { title: 'Prepare demo for Initech', dueAt: at17(plusDays(3)), assigneeId: owner.userId, relatedType: 'company', relatedId: initech });
  await post('tasks', 'task:Renew insurance', { title: 'Renew insurance', dueAt: at17(plusDays(-2)), assigneeId: owner.userId });
  await post('projects', 'project:Website relaunch', { name: 'Website relaunch', companyId: globex });
  return { orgId, me: owner.userId, sam: samId, ids };
}

// ---------------------------------------------------------------------------------------------
// What a phrasing should do.

type Type = 'contact' | 'company' | 'deal' | 'lead' | 'task' | 'note' | 'project' | 'event' | 'reminder';
/** A field matcher: exact value (strings compare case-insensitively), a pattern, a predicate, or a seed reference. */
export type Matcher = string | number | boolean | null | RegExp | { ref: string } | { test: (v: unknown, seed: Seed) => boolean; label: string };
export type Fields = Record<string, Matcher>;

export type Expectation =
  /** A new record of this type with these fields (and, optionally, other new records, e.g. a proposed company). */
  | { create: Type; fields: Fields; alsoCreates?: Type[] }
  /** The seed record `target` ("contact:Tom Baker") changed these fields; nothing else was written. */
  | { update: string; fields: Fields }
  /** A note on `on` whose body matches. */
  | { note: string; body: RegExp }
  /** A logged call/email/meeting on `on`. */
  | { log: 'call' | 'email' | 'meeting'; on: string; summary?: RegExp }
  /** A delete proposed for approval (nothing deleted yet). */
  | { approval: string; target: string }
  /** A read-only answer: the reply matches every pattern and none of `not`. */
  | { answer: RegExp[]; not?: RegExp[] }
  /** An ambiguous request: a question back, nothing written. */
  | { ask: true };

export interface Phrasing {
  text: string;
  expect: Expectation;
  /** Earlier turns of the same conversation (follow-ups that refer back). */
  before?: string[];
  /** The record the user is on ("this contact", "here"), e.g. "contact:Tom Baker". */
  context?: string;
  /** After the question, click the choice whose label matches; the expectation is then judged on the result. */
  choose?: RegExp;
}

export const ref = (key: string) => ({ ref: key });
export const near = (n: number) => ({ test: (v: unknown) => v !== null && v !== undefined && Math.abs(Number(v) - n) < 0.005, label: `≈ ${n}` });
export const dateIn = (from: string, to: string) => ({ test: (v: unknown) => typeof v === 'string' && v.slice(0, 10) >= from && v.slice(0, 10) <= to, label: `a date in ${from}…${to}` });
export const dayIs = (day: string) => dateIn(day, day);
export const isMe = { test: (v: unknown, s: Seed) => v === s.me, label: 'the current user' };
export const isSam = { test: (v: unknown, s: Seed) => v === s.sam, label: 'Sam Rivera' };
export const present = { test: (v: unknown) => v !== null && v !== undefined && v !== '', label: 'set' };
/** The next given weekday (0 = Sunday) strictly after today, or today + 7 when it is that day (either reading accepted). */
export function nextWeekday(dow: number) {
  const now = new Date();
  const delta = (dow - now.getUTCDay() + 7) % 7;
  const first = plusDays(delta === 0 ? 7 : delta);
  const alt = plusDays(delta === 0 ? 0 : delta + 7);
  return { test: (v: unknown) => typeof v === 'string' && [first, alt].includes(v.slice(0, 10)), label: `next weekday ${dow} (${first} or ${alt})` };
}
export { monthEdge };

// ---------------------------------------------------------------------------------------------
// Running and judging.

export type Verdict = 'hit' | 'miss' | 'wrong-write';
export interface Outcome {
  text: string;
  verdict: Verdict;
  why: string;
  reply: string;
}

const RESOURCES: Record<Type, string> = { contact: 'contacts', company: 'companies', deal: 'deals', lead: 'leads', task: 'tasks', note: 'notes', project: 'projects', event: 'events', reminder: 'reminders' };

interface Snapshot {
  records: Record<string, Map<string, Record<string, unknown>>>;
  activityIds: Set<string>;
}

/** A seed record's id, or one made by an earlier turn of the same conversation (found by its name). */
function idFor(seed: Seed, snap: Snapshot, key: string): string | undefined {
  if (seed.ids[key]) return seed.ids[key];
  const [type, ...rest] = key.split(':');
  const name = rest.join(':').toLowerCase();
  for (const [id, r] of snap.records[type] ?? []) if (String(r.fullName ?? r.name ?? r.title ?? '').toLowerCase() === name) return id;
  return undefined;
}

const TABLES: Record<Type, string> = { contact: 'contacts', company: 'companies', deal: 'deals', lead: 'leads', task: 'tasks', note: 'notes', project: 'projects', event: 'events', reminder: 'reminders' };

async function snapshot(app: TestApp, _client: Client, seed: Seed): Promise<Snapshot> {
  const records: Snapshot['records'] = {};
  const parts = Object.entries(TABLES).map(([type, table]) => `select '${type}' as type, id::text, coalesce(${type === 'contact' || type === 'lead' ? "trim(coalesce(first_name,'') || ' ' || coalesce(last_name,''))" : ['task', 'event', 'reminder'].includes(type) ? 'title' : type === 'note' ? "''" : 'name'}, '') as title from ${table} where organization_id = '${seed.orgId}' and deleted_at is null`);
  const r = (await app.database.db.execute(sql.raw(parts.join(' union all ')))) as unknown as { rows: { type: string; id: string; title: string }[] };
  for (const type of Object.keys(TABLES)) records[type] = new Map();
  for (const row of r.rows) records[row.type].set(row.id, { id: row.id, fullName: row.title, name: row.title });
  const rows = await activityRows(app, seed.orgId);
  return { records, activityIds: new Set(rows.map((x) => x.id)) };
}

async function activityRows(app: TestApp, orgId: string) {
  const r = (await app.database.db.execute(sql`select id, entity_type, entity_id, action, after from activities where organization_id = ${orgId}`)) as unknown as {
    rows: { id: string; entity_type: string; entity_id: string; action: string; after: Record<string, unknown> | null }[];
  };
  return r.rows;
}

function matches(m: Matcher, v: unknown, seed: Seed): boolean {
  if (m instanceof RegExp) return typeof v === 'string' && m.test(v);
  if (m !== null && typeof m === 'object' && 'ref' in m) return v === seed.ids[m.ref];
  if (m !== null && typeof m === 'object' && 'test' in m) return m.test(v, seed);
  if (typeof m === 'string') return typeof v === 'string' && v.trim().toLowerCase() === m.toLowerCase();
  return v === m;
}
const show = (m: Matcher) => (m instanceof RegExp ? String(m) : m !== null && typeof m === 'object' ? ('ref' in m ? m.ref : m.label) : JSON.stringify(m));

function fieldProblems(fields: Fields, row: Record<string, unknown>, seed: Seed): string[] {
  return Object.entries(fields)
    .filter(([k, m]) => !matches(m, row[k], seed))
    .map(([k, m]) => `${k} is ${JSON.stringify(row[k])}, wanted ${show(m)}`);
}

export interface Turn {
  reply: string;
  choices: { label: string; reply: string }[];
  pendingApprovals: { toolName: string; summary: string }[];
  conversationId: string;
}

async function say(client: Client, text: string, conversationId?: string, context?: { type: string; id: string }): Promise<Turn> {
  const res = await client.post('/api/v1/assistant/messages', { text, ...(conversationId ? { conversationId } : {}), ...(context ? { context } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const d = res.body.data;
  return { reply: d.reply, choices: d.choices ?? [], pendingApprovals: d.pendingApprovals ?? [], conversationId: d.conversationId };
}

/** A question back: clickable choices, or a reply whose first line asks something (and is not "I didn't understand"). */
function asked(t: Turn) {
  if (t.choices.length > 0) return true;
  const first = t.reply.trim().split('\n')[0];
  return /\?\s*$/.test(first) && !/didn.t understand/i.test(t.reply);
}

export async function runPhrasing(app: TestApp, client: Client, seed: Seed, p: Phrasing): Promise<Outcome> {
  const ctxKey = p.context;
  const context = ctxKey ? { type: ctxKey.split(':')[0], id: seed.ids[ctxKey] } : undefined;
  let conversationId: string | undefined;
  for (const b of p.before ?? []) conversationId = (await say(client, b, conversationId, context)).conversationId;
  const before = await snapshot(app, client, seed);
  let turn = await say(client, p.text, conversationId, context);
  const replies = [turn.reply];
  if (p.choose) {
    const choice = turn.choices.find((c) => p.choose!.test(c.label));
    if (!choice) return judgeWrites(app, client, seed, before, p, turn, replies, `no choice matching ${String(p.choose)} (choices: ${turn.choices.map((c) => c.label).join(' | ') || 'none'})`);
    // Nothing may be written before the user picks.
    const mid = await activityRows(app, seed.orgId);
    if (mid.some((r) => !before.activityIds.has(r.id))) return { text: p.text, verdict: 'wrong-write', why: 'wrote before the user answered the question', reply: turn.reply };
    turn = await say(client, choice.reply, turn.conversationId, context);
    replies.push(turn.reply);
  }
  return judgeWrites(app, client, seed, before, p, turn, replies);
}

async function judgeWrites(app: TestApp, client: Client, seed: Seed, before: Snapshot, p: Phrasing, turn: Turn, replies: string[], missWhy?: string): Promise<Outcome> {
  const reply = replies.join('\n---\n');
  const out = (verdict: Verdict, why: string): Outcome => ({ text: p.text, verdict, why, reply });
  const writes = (await activityRows(app, seed.orgId)).filter((r) => !before.activityIds.has(r.id));
  const e = p.expect;
  if (missWhy) return writes.length ? out('wrong-write', `${missWhy}; wrote ${describe(writes)}`) : out('miss', missWhy);

  if ('ask' in e) {
    if (writes.length) return out('wrong-write', `should have asked; wrote ${describe(writes)}`);
    return asked(turn) ? out('hit', 'asked') : out('miss', 'did not ask a question');
  }
  if ('answer' in e) {
    if (writes.length) return out('wrong-write', `a question only; wrote ${describe(writes)}`);
    const missing = e.answer.filter((r) => !r.test(turn.reply));
    const extra = (e.not ?? []).filter((r) => r.test(turn.reply));
    if (missing.length || extra.length) return out('miss', `answer lacks ${missing.map(String).join(', ') || '-'}; has ${extra.map(String).join(', ') || '-'}`);
    return out('hit', 'answered');
  }
  if ('approval' in e) {
    if (writes.length) return out('wrong-write', `should only propose; wrote ${describe(writes)}`);
    const a = turn.pendingApprovals.find((x) => x.toolName === e.approval);
    const name = e.target.split(':').slice(1).join(':');
    if (!a) return out('miss', `no ${e.approval} approval (got ${turn.pendingApprovals.map((x) => x.toolName).join(', ') || 'none'})`);
    if (!a.summary.includes(name)) return out('wrong-write', `proposed the wrong record: ${a.summary}`);
    return out('hit', 'proposed for approval');
  }
  if (writes.length === 0) return out('miss', 'wrote nothing');

  // Writes were expected: every one must concern the expected record(s), with the right fields.
  if ('create' in e) {
    const res = await client.get(`/api/v1/${RESOURCES[e.create]}?limit=200`);
    const fresh = (res.body.data as Record<string, unknown>[]).filter((r) => !before.records[e.create].has(String(r.id)));
    if (fresh.length !== 1) return out('wrong-write', `expected one new ${e.create}, found ${fresh.length}; wrote ${describe(writes)}`);
    const problems = fieldProblems(e.fields, fresh[0], seed);
    if (problems.length) return out('wrong-write', `new ${e.create}: ${problems.join('; ')}`);
    const allowed = new Set([String(fresh[0].id)]);
    for (const t of e.alsoCreates ?? []) {
      const r = await client.get(`/api/v1/${RESOURCES[t]}?limit=200`);
      for (const row of r.body.data as Record<string, unknown>[]) if (!before.records[t].has(String(row.id))) allowed.add(String(row.id));
    }
    // A note, or an event about a record, also shows on that record's timeline.
    const stray = writes.filter((w) => !allowed.has(w.entity_id) && !(e.create === 'note' && w.action === 'note_added' && w.after?.id === fresh[0].id) && !(e.create === 'event' && w.action === 'event_scheduled' && w.after?.id === fresh[0].id));
    if (stray.length) return out('wrong-write', `also wrote ${describe(stray)}`);
    return out('hit', 'created');
  }
  if ('update' in e) {
    const [type, ...name] = e.update.split(':');
    const id = idFor(seed, before, e.update);
    const stray = writes.filter((w) => w.entity_id !== id);
    if (stray.length) return out('wrong-write', `wrote other records: ${describe(stray)}`);
    const row = (await client.get(`/api/v1/${RESOURCES[type as Type]}/${id}`)).body.data;
    const problems = fieldProblems(e.fields, row, seed);
    if (problems.length) return out('wrong-write', `${name.join(':')}: ${problems.join('; ')}`);
    return out('hit', 'updated');
  }
  if ('note' in e) {
    const [type] = e.note.split(':');
    const id = seed.ids[e.note];
    const notes = (await client.get(`/api/v1/notes?limit=200`)).body.data as Record<string, unknown>[];
    const fresh = notes.filter((n) => !before.records.note.has(String(n.id)));
    if (fresh.length !== 1) return out('wrong-write', `expected one new note, found ${fresh.length}; wrote ${describe(writes)}`);
    const n = fresh[0];
    if (n.relatedType !== type || n.relatedId !== id) return out('wrong-write', `note on ${String(n.relatedType)} ${String(n.relatedId)}, wanted ${e.note}`);
    if (!e.body.test(String(n.body))) return out('wrong-write', `note body "${String(n.body)}" does not match ${String(e.body)}`);
    const stray = writes.filter((w) => w.entity_id !== n.id && w.entity_id !== id);
    if (stray.length) return out('wrong-write', `also wrote ${describe(stray)}`);
    return out('hit', 'noted');
  }
  if ('log' in e) {
    const [type] = e.on.split(':');
    const id = seed.ids[e.on];
    const logged = writes.filter((w) => w.action === `${e.log}_logged`);
    if (logged.length !== 1) return out('wrong-write', `expected one ${e.log} logged, wrote ${describe(writes)}`);
    const l = logged[0];
    if (l.entity_type !== type || l.entity_id !== id) return out('wrong-write', `${e.log} logged on ${l.entity_type} ${l.entity_id}, wanted ${e.on}`);
    // Through REST: the record's timeline shows it.
    const timeline = (await client.get(`/api/v1/${RESOURCES[type as Type]}/${id}/activities`)).body.data as { id: string; after: Record<string, unknown> }[];
    const entry = timeline.find((a) => a.id === l.id);
    if (!entry) return out('wrong-write', 'not on the record timeline');
    if (e.summary && !e.summary.test(String(entry.after?.summary ?? ''))) return out('wrong-write', `summary "${String(entry.after?.summary)}" does not match ${String(e.summary)}`);
    const stray = writes.filter((w) => w.id !== l.id);
    if (stray.length) return out('wrong-write', `also wrote ${describe(stray)}`);
    return out('hit', 'logged');
  }
  return out('miss', 'unknown expectation');
}

function describe(writes: { entity_type: string; action: string; after: Record<string, unknown> | null }[]) {
  return writes.map((w) => `${w.entity_type}.${w.action}`).join(', ');
}

// ---------------------------------------------------------------------------------------------

export async function speaker(app: TestApp) {
  const owner = await signUp(app, 'Olivia Owner');
  const sam = await signUp(app, 'Sam Rivera');
  return { owner, samId: sam.userId };
}
