// Lead and contact scores (Issue 12.5): 0–100 from fit (who they are) and engagement (how much
// has happened with them lately), each rule's points explained in `scoreFactors`. Computed in the
// lead's and contact's `prepare` hook, so every write of the record recomputes it (REST, import,
// merge, the assistant). A score a person sets is an override: kept and marked
// (`scoreOverridden`) until it is set to null, which recomputes it; the factors stay current.
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { ScoreFactor } from '../../../contracts/scores';
import type { DbOrTx } from '../../db/client';
import { activities } from '../../db/schema';
import type { Row, WriteScope } from '../../lib/crud';

const FREEMAIL = /@(?:gmail|googlemail|yahoo|hotmail|outlook|live|icloud|me|aol|proton|protonmail|gmx|web|yandex|mail|qq)\.[a-z.]+$/i;
const SENIOR = /\b(?:ceo|cto|cfo|coo|cio|cmo|chief|founder|co-founder|owner|president|vp|vice president|head|director|partner)\b/i;
const MIDDLE = /\b(?:manager|lead|principal|senior|architect)\b/i;
/** What withScore sets: computed, so a read-only rule on the score does not refuse other edits. */
export const SCORE_FIELDS = ['score', 'scoreFactors', 'scoreOverridden'];
export const ENGAGEMENT_ACTIONS = ['call_logged', 'email_logged', 'meeting_logged', 'note_added'];
const WINDOW_DAYS = 90;

export interface Engagement {
  touches: number;
  lastAt: Date | null;
}

/** Calls, emails, meetings and notes on the record in the last 90 days. */
export async function engagementOf(db: DbOrTx, orgId: string, type: string, id: string | undefined): Promise<Engagement> {
  if (!id) return { touches: 0, lastAt: null };
  const [r] = await db
    .select({ n: sql<number>`count(*)::int`, last: sql<string | null>`max(${activities.createdAt})` })
    .from(activities)
    .where(and(eq(activities.organizationId, orgId), eq(activities.entityType, type), eq(activities.entityId, id), inArray(activities.action, ENGAGEMENT_ACTIONS), gte(activities.createdAt, new Date(Date.now() - WINDOW_DAYS * 86_400_000))));
  return { touches: Number(r?.n ?? 0), lastAt: r?.last ? new Date(r.last) : null };
}

const f = (key: string, kind: ScoreFactor['kind'], label: string, points: number, explanation: string): ScoreFactor => ({ key, kind, label, points, explanation });

function titleFactor(title: unknown): ScoreFactor | null {
  if (typeof title !== 'string' || !title.trim()) return null;
  if (SENIOR.test(title)) return f('seniority', 'fit', 'Decision maker', 20, `"${title}" is a senior title.`);
  if (MIDDLE.test(title)) return f('seniority', 'fit', 'Influencer', 10, `"${title}" is a manager or lead.`);
  return f('seniority', 'fit', 'Has a title', 5, `Title "${title}".`);
}

function engagementFactors(e: Engagement): ScoreFactor[] {
  const out: ScoreFactor[] = [];
  if (e.touches > 0) out.push(f('touches', 'engagement', 'Recent touches', Math.min(30, e.touches * 8), `${e.touches} call${e.touches === 1 ? '' : 's'}, emails, meetings or notes in the last ${WINDOW_DAYS} days (8 points each, at most 30).`));
  if (e.lastAt) {
    const days = Math.floor((Date.now() - e.lastAt.getTime()) / 86_400_000);
    if (days <= 14) out.push(f('recency', 'engagement', 'Touched lately', 10, `Last touch ${days === 0 ? 'today' : `${days} days ago`} (within 14 days).`));
    else if (days <= 30) out.push(f('recency', 'engagement', 'Touched this month', 5, `Last touch ${days} days ago (within 30 days).`));
  }
  return out;
}

export function leadFactors(r: Record<string, unknown>, e: Engagement): ScoreFactor[] {
  const out: ScoreFactor[] = [];
  const email = typeof r.email === 'string' ? r.email : '';
  if (email && !FREEMAIL.test(email)) out.push(f('work_email', 'fit', 'Work email', 15, `${email} is on a company domain.`));
  else if (email) out.push(f('email', 'fit', 'Personal email', 5, `${email} is a personal mailbox.`));
  const t = titleFactor(r.title);
  if (t) out.push(t);
  if (typeof r.companyName === 'string' && r.companyName.trim()) out.push(f('company', 'fit', 'Company known', 10, `Works at ${r.companyName}.`));
  if (r.phone) out.push(f('phone', 'fit', 'Phone known', 5, 'Can be called.'));
  if (r.status === 'qualified') out.push(f('status', 'fit', 'Qualified', 10, 'Marked qualified.'));
  else if (r.status === 'contacted') out.push(f('status', 'fit', 'Contacted', 5, 'Already contacted.'));
  else if (r.status === 'unqualified') out.push(f('status', 'fit', 'Unqualified', -30, 'Marked unqualified.'));
  return [...out, ...engagementFactors(e)];
}

export function contactFactors(r: Record<string, unknown>, e: Engagement): ScoreFactor[] {
  const out: ScoreFactor[] = [];
  const t = titleFactor(r.title);
  if (t) out.push(t);
  if (r.companyId) out.push(f('company', 'fit', 'At a known company', 10, 'Linked to a company record.'));
  if (r.email && !r.emailOptOut) out.push(f('email', 'fit', 'Reachable by email', 10, 'Has an email address and has not opted out.'));
  if (r.emailOptOut) out.push(f('email_opt_out', 'fit', 'Opted out of email', -5, 'Does not want email.'));
  if (r.phone || r.mobile) out.push(f('phone', 'fit', 'Phone known', 5, 'Can be called.'));
  const status: Record<string, [number, string]> = { customer: [15, 'A customer'], prospect: [10, 'A prospect'], lead: [5, 'A lead'], churned: [-10, 'Churned'], inactive: [-10, 'Inactive'] };
  const s = status[String(r.status)];
  if (s) out.push(f('status', 'fit', s[1], s[0], `Relationship stage: ${String(r.status)}.`));
  return [...out, ...engagementFactors(e)];
}

export const total = (factors: ScoreFactor[]) => Math.max(0, Math.min(100, factors.reduce((s, x) => s + x.points, 0)));

/** The prepare step of a scored entity: factors always, the score unless a person set it. */
export async function withScore(w: WriteScope, type: 'lead' | 'contact', values: Record<string, unknown>, existing?: Row): Promise<Record<string, unknown>> {
  const merged = { ...(existing ?? {}), ...values };
  const factors = (type === 'lead' ? leadFactors : contactFactors)(merged, await engagementOf(w.tx, w.ctx.orgId, type, existing?.id));
  let overridden = Boolean(existing?.scoreOverridden);
  if ('score' in values) {
    if (values.score === null || values.score === undefined) overridden = false;
    // A form sends the score it showed, undo sends the one computed before: only a number that
    // is neither the current score nor what the rules give now is a person's override.
    else if (values.score !== total(factors) && (!existing || values.score !== existing.score)) overridden = true;
  }
  return { ...values, scoreFactors: factors, scoreOverridden: overridden, score: overridden ? (values.score ?? existing?.score) : total(factors) };
}
