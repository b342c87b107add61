// Campaigns (issue 15.1): the generic record (catalogue type `campaign`) plus what is its own —
// members (contacts, once each, with their engagement) and metrics (engagement rates, the deals
// attributed through deals.campaign_id, cost per conversion, ROI). Member changes are written here,
// each with an activity and an outbox event on the campaign in the same transaction (DESIGN.md §2).
import { and, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, CampaignCreateSchema, CampaignMembersAddSchema, CampaignSchema, CampaignUpdateSchema, MEMBER_STATUSES, MERGE_FIELDS, unknownMergeFields, type CampaignMember, type CampaignMetrics, type MemberStatus } from '../../../contracts/campaigns';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from '../../../contracts/common';
import { campaignMembers, campaigns, contacts, deals, pipelineStages } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity, liveIds } from '../../lib/crud';
import { fieldError, notFound, parseInput } from '../../lib/errors';
import { filterConditions, likePattern } from '../../lib/list-query';
import { checkOwner } from '../../lib/references';
import { requireRole } from '../../lib/roles';
import { assertMayEdit, readable } from '../../lib/visibility';
import { contactEntity } from '../contacts/contacts.service';

const t = campaigns;
const m = campaignMembers;
/** A filter may add at most this many contacts in one call (one transaction). */
export const MAX_FILTER_MEMBERS = 10_000;

export const campaignEntity = defineEntity('campaign', {
  table: t,
  createSchema: CampaignCreateSchema,
  updateSchema: CampaignUpdateSchema,
  itemSchema: CampaignSchema,
  example: { name: 'Spring webinar series', type: 'webinar', status: 'planning', startDate: '2027-03-01', endDate: '2027-04-30', budget: '5000.00', currency: 'EUR', goals: '200 sign-ups, 10 deals', tags: ['webinar'] },
  list: {
    defaultSort: '-updatedAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.name, type: 'text' },
      type: { column: t.type, type: 'enum', values: CAMPAIGN_TYPES },
      status: { column: t.status, type: 'enum', values: CAMPAIGN_STATUSES },
      startDate: { column: t.startDate, type: 'text' },
      endDate: { column: t.endDate, type: 'text' },
      budget: { column: t.budget, type: 'decimal' },
      actualCost: { column: t.actualCost, type: 'decimal' },
      currency: { column: t.currency, type: 'text' },
      ownerId: { column: t.ownerId, type: 'text' },
      tags: { column: t.tags, type: 'tags' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => sql`${t.name} ilike ${p}`,
  },
  views: {
    mine: (ctx: ServiceContext) => eq(t.ownerId, ctx.actor.userId),
    active: () => eq(t.status, 'active'),
  },
  validate: (r) => {
    if (typeof r.startDate === 'string' && typeof r.endDate === 'string' && r.startDate > r.endDate) throw fieldError('endDate', 'must be on or after the start date');
    for (const field of ['emailSubject', 'emailBody'] as const) {
      const unknown = unknownMergeFields(r[field] as string | null);
      if (unknown.length) throw fieldError(field, `unknown merge field {{${unknown[0]}}}; use ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}`);
    }
  },
  checkReferences: (tx, ctx, v) => checkOwner(tx, ctx, v.ownerId),
  // Member count per campaign: one grouped query per page.
  expand: async (db, ctx, rows) => {
    if (rows.length === 0) return rows;
    const counts = await db
      .select({ id: m.campaignId, n: count() })
      .from(m)
      .innerJoin(contacts, and(eq(contacts.id, m.contactId), isNull(contacts.deletedAt)))
      .where(and(eq(m.organizationId, ctx.orgId), inArray(m.campaignId, rows.map((r) => r.id))))
      .groupBy(m.campaignId);
    const byId = new Map(counts.map((c) => [c.id, c.n]));
    return rows.map((r) => ({ ...r, memberCount: byId.get(r.id) ?? 0 }));
  },
});

export const campaignService = crudService(campaignEntity);

/** The campaign, visible to the caller (404 otherwise), and editable by them for a write. */
async function campaignFor(ctx: ServiceContext, id: string, write: boolean) {
  const campaign = await campaignService.get(ctx, id);
  if (write) await assertMayEdit(ctx.db, ctx, 'campaign', id, 'Campaign');
  return campaign;
}

/** The live, readable contacts a contacts-list filter (and q) matches, capped. */
async function contactsMatching(ctx: ServiceContext, filter: Record<string, unknown>, q: string | undefined): Promise<string[]> {
  const spec = contactEntity.list;
  const conds: (SQL | undefined)[] = [eq(contacts.organizationId, ctx.orgId), isNull(contacts.deletedAt), readable(ctx, 'contact')];
  // The same filter as GET /contacts?filter= (its errors name `filter.<field>` as there).
  conds.push(...filterConditions(spec, JSON.stringify(filter)));
  if (q?.trim()) conds.push(spec.search(likePattern(q.trim())));
  const rows = await ctx.db.select({ id: contacts.id }).from(contacts).where(and(...conds)).limit(MAX_FILTER_MEMBERS + 1);
  if (rows.length > MAX_FILTER_MEMBERS) throw fieldError('filter', `matches more than ${MAX_FILTER_MEMBERS} contacts; narrow it or add them in parts`);
  return rows.map((r) => r.id);
}

/** Adds contacts (by id or by filter); contacts already in the campaign stay as they are. */
export async function addMembers(ctx: ServiceContext, campaignId: string, input: unknown) {
  requireRole(ctx, 'member');
  const body = parseInput(CampaignMembersAddSchema, input);
  await campaignFor(ctx, campaignId, true);
  let ids: string[];
  if (body.contactIds) {
    ids = [...new Set(body.contactIds)];
    // Another organization's contact (or one the caller may not see) is refused, never added.
    const live = await liveIds(ctx.db, ctx, contacts, ids);
    const missing = ids.filter((id) => !live.has(id));
    if (missing.length) throw fieldError('contactIds', `no such contact in this organization (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`);
  } else ids = await contactsMatching(ctx, body.filter!, body.q);

  return ctx.db.transaction(async (tx) => {
    // The unique (org, campaign, contact) key makes a repeated add a no-op, also under concurrency.
    const inserted = ids.length
      ? await tx
          .insert(m)
          .values(ids.map((contactId) => ({ organizationId: ctx.orgId, campaignId, contactId, addedBy: ctx.actor.userId })))
          .onConflictDoNothing()
          .returning({ contactId: m.contactId })
      : [];
    const added = inserted.map((r) => r.contactId);
    if (added.length) {
      await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'campaign', entityId: campaignId, action: 'members_added', before: null, after: { count: added.length, contactIds: added.slice(0, 100) } });
    }
    const [{ n }] = await tx.select({ n: count() }).from(m).where(and(eq(m.organizationId, ctx.orgId), eq(m.campaignId, campaignId)));
    return { added: added.length, alreadyMembers: ids.length - added.length, total: n };
  });
}

export async function removeMember(ctx: ServiceContext, campaignId: string, contactId: string) {
  requireRole(ctx, 'member');
  await campaignFor(ctx, campaignId, true);
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(m)
      .where(and(eq(m.organizationId, ctx.orgId), eq(m.campaignId, campaignId), eq(m.contactId, contactId)))
      .returning({ contactId: m.contactId, status: m.status });
    if (!gone) throw notFound('Campaign member');
    await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'campaign', entityId: campaignId, action: 'member_removed', before: { contactId, status: gone.status }, after: null });
  });
}

// (added_at, id) cursor; added_at travels as Postgres' own text so microseconds survive.
const encode = (addedAt: string, id: string) => Buffer.from(JSON.stringify([addedAt, id])).toString('base64url');
function decode(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1]) && !Number.isNaN(Date.parse(v[0]))) return [v[0], v[1]];
  } catch {
    /* fall through */
  }
  throw fieldError('cursor', 'is not a cursor returned by this list');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Members newest first, each with a contact summary, status and timestamps. */
export async function listMembers(ctx: ServiceContext, campaignId: string, query: { limit?: number; cursor?: string; status?: MemberStatus | 'none' }) {
  requireRole(ctx, 'viewer');
  await campaignFor(ctx, campaignId, false);
  const limit = Math.min(Math.max(query.limit ?? LIST_LIMIT_DEFAULT, 1), LIST_LIMIT_MAX);
  const where = and(
    eq(m.organizationId, ctx.orgId),
    eq(m.campaignId, campaignId),
    isNull(contacts.deletedAt),
    readable(ctx, 'contact'),
    query.status === 'none' ? isNull(m.status) : query.status ? eq(m.status, query.status) : undefined,
  );
  let page = where;
  if (query.cursor) {
    const [at, id] = decode(query.cursor);
    page = and(where, or(lt(m.addedAt, sql`${at}::timestamptz`), and(eq(m.addedAt, sql`${at}::timestamptz`), lt(m.id, id))));
  }
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ member: m, addedAtText: sql<string>`${m.addedAt}::text`, contact: { id: contacts.id, fullName: contacts.fullName, email: contacts.email, companyId: contacts.companyId, emailOptOut: contacts.emailOptOut } })
      .from(m)
      .innerJoin(contacts, eq(contacts.id, m.contactId))
      .where(page)
      .orderBy(desc(m.addedAt), desc(m.id))
      .limit(limit + 1),
    ctx.db.select({ total: count() }).from(m).innerJoin(contacts, eq(contacts.id, m.contactId)).where(where),
  ]);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const data: CampaignMember[] = shown.map(({ member: x, contact }) => ({
    contactId: x.contactId,
    contact,
    status: x.status as MemberStatus | null,
    addedAt: x.addedAt.toISOString(),
    sentAt: iso(x.sentAt),
    deliveredAt: iso(x.deliveredAt),
    openedAt: iso(x.openedAt),
    clickedAt: iso(x.clickedAt),
    bouncedAt: iso(x.bouncedAt),
    unsubscribedAt: iso(x.unsubscribedAt),
  }));
  const last = shown[shown.length - 1];
  return { data, total, nextCursor: more && last ? encode(last.addedAtText, last.member.id) : null };
}

// Exact money: numeric text ↔ cents as BigInt (amounts are numeric(18, 2)).
const cents = (s: string) => {
  const neg = s.startsWith('-');
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const v = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return neg ? -v : v;
};
const money = (c: bigint) => {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};
/** a / b rounded half away from zero (b > 0). */
const divRound = (a: bigint, b: bigint) => (a >= 0n ? (2n * a + b) / (2n * b) : -((2n * -a + b) / (2n * b)));

/** The metrics math on its own (also what the tests check with hand-computed numbers). */
export function campaignMath(actualCost: string | null, wonAmount: string, wonDeals: number): Pick<CampaignMetrics, 'costPerConversion' | 'roi'> {
  const cost = actualCost === null ? null : cents(actualCost);
  const won = cents(wonAmount);
  return {
    costPerConversion: cost === null || wonDeals === 0 ? null : money(divRound(cost, BigInt(wonDeals))),
    // ROI as a ratio (0.5 = 50 %), four decimals; undefined (null) without a cost above zero.
    roi: cost === null || cost <= 0n ? null : Number(divRound((won - cost) * 10_000n, cost)) / 10_000,
  };
}

export async function campaignMetrics(ctx: ServiceContext, campaignId: string): Promise<CampaignMetrics> {
  requireRole(ctx, 'viewer');
  const campaign = await campaignFor(ctx, campaignId, false);
  const memberWhere = and(eq(m.organizationId, ctx.orgId), eq(m.campaignId, campaignId), isNull(contacts.deletedAt));
  const stamp: Record<MemberStatus, SQL> = {
    sent: sql`${m.sentAt}`, delivered: sql`${m.deliveredAt}`, opened: sql`${m.openedAt}`,
    clicked: sql`${m.clickedAt}`, bounced: sql`${m.bouncedAt}`, unsubscribed: sql`${m.unsubscribedAt}`,
  };
  const [byStatusRows, [reachedRow], [dealRow]] = await Promise.all([
    ctx.db.select({ status: m.status, n: count() }).from(m).innerJoin(contacts, eq(contacts.id, m.contactId)).where(memberWhere).groupBy(m.status),
    ctx.db
      .select(Object.fromEntries(MEMBER_STATUSES.map((s) => [s, sql<number>`count(*) filter (where ${stamp[s]} is not null)::int`])) as Record<MemberStatus, SQL<number>>)
      .from(m)
      .innerJoin(contacts, eq(contacts.id, m.contactId))
      .where(memberWhere),
    // Deals the caller may see, like every list: attribution follows the same visibility.
    ctx.db
      .select({
        attributed: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${pipelineStages.kind} = 'open')::int`,
        won: sql<number>`count(*) filter (where ${pipelineStages.kind} = 'won')::int`,
        lost: sql<number>`count(*) filter (where ${pipelineStages.kind} = 'lost')::int`,
        wonAmount: sql<string>`coalesce(sum(${deals.amount}) filter (where ${pipelineStages.kind} = 'won'), 0)::numeric(18, 2)::text`,
      })
      .from(deals)
      .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
      .where(and(eq(deals.organizationId, ctx.orgId), eq(deals.campaignId, campaignId), isNull(deals.deletedAt), readable(ctx, 'deal'))),
  ]);
  const members = byStatusRows.reduce((a, r) => a + r.n, 0);
  const rate = (n: number) => (members === 0 ? null : Math.round((n / members) * 10_000) / 10_000);
  const byStatus = Object.fromEntries(MEMBER_STATUSES.map((s) => {
    const n = byStatusRows.find((r) => r.status === s)?.n ?? 0;
    return [s, { count: n, rate: rate(n) }];
  })) as CampaignMetrics['byStatus'];
  const reached = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, { count: reachedRow[s], rate: rate(reachedRow[s]) }])) as CampaignMetrics['reached'];
  const actualCost = (campaign.actualCost as string | null) ?? null;
  return {
    members,
    byStatus,
    reached,
    deals: { attributed: dealRow.attributed, open: dealRow.open, won: dealRow.won, lost: dealRow.lost },
    wonAmount: dealRow.wonAmount,
    actualCost,
    ...campaignMath(actualCost, dealRow.wonAmount, dealRow.won),
  };
}
