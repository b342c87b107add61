// The facts an insight is made from: a record, its related records, and the notes, logged
// touches, open tasks and deals of all of them. Every read goes through the entity services, so
// the caller's tenant, role and record visibility apply (a record the caller may not read is a
// 404, a related one they may not read is simply not among the facts).
import type { Activity } from '../../../contracts/common';
import type { Citation } from '../../../contracts/insights';
import type { ServiceContext } from '../../lib/context';
import type { Row } from '../../lib/crud';
import { recordTitle } from '../../lib/related';
import { serviceForType } from '../registry';

export const TOUCH_ACTIONS = ['call_logged', 'email_logged', 'meeting_logged'];
const NOTES_PER_RECORD = 20;

export interface Touch {
  id: string;
  on: { type: string; id: string; title: string };
  kind: 'call' | 'email' | 'meeting' | 'note';
  at: string;
  text: string;
}

export interface Facts {
  type: string;
  record: Row;
  title: string;
  company: Row | null;
  contacts: Row[];
  deals: Row[];
  /** The record and its related records, the first being the record. */
  related: { type: string; row: Row }[];
  notes: (Row & { on: { type: string; id: string; title: string } })[];
  touches: Touch[];
  openTasks: Row[];
  /** The record's own timeline (stage changes, amount edits), newest first. */
  timeline: Activity[];
  citations: Citation[];
}

function service(type: string) {
  const s = serviceForType(type);
  if (!s) throw new Error(`no service for ${type}`);
  return s;
}

async function list(ctx: ServiceContext, type: string, filter: Record<string, unknown>, limit = 50, sort?: string): Promise<Row[]> {
  const r = await service(type).list(ctx, { filter: JSON.stringify(filter), limit, ...(sort ? { sort } : {}) } as never);
  return r.data;
}

const getOrNull = (ctx: ServiceContext, type: string, id: unknown) =>
  typeof id === 'string' ? service(type).get(ctx, id).catch(() => null) : Promise.resolve(null);

export async function gatherFacts(ctx: ServiceContext, type: string, id: string): Promise<Facts> {
  // A record the caller may not read (or of another organization) is a 404 here.
  const record = await service(type).get(ctx, id);
  let company: Row | null = null;
  let contacts: Row[] = [];
  let deals: Row[] = [];
  if (type === 'contact') {
    company = await getOrNull(ctx, 'company', record.companyId);
    deals = await list(ctx, 'deal', { contactId: id }, 20, '-updatedAt');
  } else if (type === 'company') {
    company = record;
    [contacts, deals] = await Promise.all([list(ctx, 'contact', { companyId: id }, 20, '-updatedAt'), list(ctx, 'deal', { companyId: id }, 20, '-updatedAt')]);
  } else if (type === 'deal') {
    company = await getOrNull(ctx, 'company', record.companyId);
    const ids = [...new Set([record.primaryContactId, ...((record.contactIds as string[] | undefined) ?? [])].filter((x): x is string => typeof x === 'string'))];
    contacts = (await Promise.all(ids.slice(0, 10).map((c) => getOrNull(ctx, 'contact', c)))).filter((x): x is Row => x !== null);
  } else if (type === 'lead') {
    // A lead stands alone until it is converted.
  }
  const related: { type: string; row: Row }[] = [{ type, row: record }];
  if (company && type !== 'company') related.push({ type: 'company', row: company });
  for (const c of contacts) related.push({ type: 'contact', row: c });
  for (const d of deals) related.push({ type: 'deal', row: d });

  const on = (r: { type: string; row: Row }) => ({ type: r.type, id: r.row.id, title: recordTitle(r.row) });
  const [noteLists, timelines, taskLists] = await Promise.all([
    Promise.all(related.map((r) => list(ctx, 'note', { relatedType: r.type, relatedId: r.row.id }, NOTES_PER_RECORD, '-createdAt').then((ns) => ns.map((n) => Object.assign(n, { on: on(r) }))))),
    Promise.all(related.map((r) => service(r.type).activities(ctx, r.row.id, 200).then((as) => as.map((a) => ({ a, on: on(r) }))).catch(() => []))),
    Promise.all(related.map((r) => list(ctx, 'task', { relatedType: r.type, relatedId: r.row.id, status: { in: ['todo', 'in_progress'] } }, 20, 'dueAt'))),
  ]);
  const notes = noteLists.flat().sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  const touches: Touch[] = [
    ...timelines.flat().filter(({ a }) => TOUCH_ACTIONS.includes(a.action)).map(({ a, on }) => {
      const after = (a.after ?? {}) as Record<string, unknown>;
      return { id: a.id, on, kind: a.action.replace('_logged', '') as Touch['kind'], at: String(after.occurredAt ?? a.createdAt), text: [after.summary, after.outcome].filter(Boolean).join(' — ') };
    }),
    ...notes.map((n) => ({ id: n.id, on: n.on, kind: 'note' as const, at: String(n.createdAt), text: firstWords(String(n.body), 160) })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const openTasks = taskLists.flat();
  const timeline = (timelines[0] ?? []).map(({ a }) => a);

  const citations: Citation[] = [];
  const cite = (c: Citation) => {
    if (!citations.some((x) => x.type === c.type && x.id === c.id)) citations.push(c);
  };
  for (const r of related) cite({ type: r.type as Citation['type'], id: r.row.id, label: recordTitle(r.row) });
  return {
    type,
    record,
    title: recordTitle(record),
    company,
    contacts,
    deals,
    related,
    notes,
    touches,
    openTasks,
    timeline,
    citations,
  };
}

/** Adds a citation for a fact that was used (a note, task or timeline entry). */
export function citeTouch(facts: Facts, t: Touch) {
  const c: Citation = t.kind === 'note' ? { type: 'note', id: t.id, label: `Note on ${t.on.title}: ${firstWords(t.text, 60)}` } : { type: 'activity', id: t.id, label: `${capital(t.kind)} with ${t.on.title} on ${t.at.slice(0, 10)}` };
  if (!facts.citations.some((x) => x.type === c.type && x.id === c.id)) facts.citations.push(c);
}

export function citeTask(facts: Facts, task: Row) {
  if (!facts.citations.some((x) => x.type === 'task' && x.id === task.id)) facts.citations.push({ type: 'task', id: task.id, label: `Task: ${String(task.title)}` });
}

export function firstWords(text: string, max: number): string {
  const flat = text.replace(/[#*_`>\[\]]/g, '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max)}…`;
}

export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const daysBetween = (from: string | Date, to: Date = new Date()) => Math.floor((to.getTime() - new Date(from).getTime()) / 86_400_000);
