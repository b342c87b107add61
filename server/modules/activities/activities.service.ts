// Calls, emails and meetings logged on a record. A logged activity IS a timeline entry: one
// activities row (action call_logged / email_logged / meeting_logged) and its outbox event, written
// in one transaction after checking the record exists in the caller's organization — the same door
// every other write goes through. No table of its own: the timeline is where people read it.
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { ActivityFeedQuerySchema, LogActivityInputSchema, type ActivityFeed, type FeedActivity, type LoggedActivity } from '../../../contracts/activities';
import { ENTITY_TYPES } from '../../../contracts/entities';
import { activities, user } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { fieldError, parseInput } from '../../lib/errors';
import { checkRelated, recordTitle } from '../../lib/related';
import { activityColumns, tableOf } from '../../lib/crud';
import { hasRole, requireRole } from '../../lib/roles';
import { readableRef } from '../../lib/visibility';

export const loggedAction = (type: string) => `${type}_logged`;

export async function logActivity(ctx: ServiceContext, input: unknown): Promise<LoggedActivity> {
  requireRole(ctx, 'member');
  const v = parseInput(LogActivityInputSchema, input);
  const occurredAt = v.occurredAt ? new Date(v.occurredAt).toISOString() : new Date().toISOString();
  const after = { type: v.type, occurredAt, summary: v.summary, outcome: v.outcome ?? null };
  const id = await ctx.db.transaction(async (tx) => {
    await checkRelated(tx, ctx, { relatedType: v.relatedType, relatedId: v.relatedId });
    return recordChange(tx, ctx.orgId, ctx.actor, { entityType: v.relatedType, entityId: v.relatedId, action: loggedAction(v.type), after });
  });
  return { id, relatedType: v.relatedType, relatedId: v.relatedId, loggedBy: ctx.actor.userId, ...after };
}

// The organization's activity feed: every change, newest first, paged by a (createdAt, id) cursor so
// a page never repeats or skips a row while new changes arrive. Viewers and members see changes to
// records and pipelines; changes to members, API keys, webhooks and other settings are for admins.
const RECORD_TYPES: string[] = [...ENTITY_TYPES, 'pipeline'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The cursor keeps the row's microseconds (a JS Date would round them off and skip rows written in
// the same millisecond, which one transaction's changes often are).
function encodeCursor(at: string, id: string) {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at) || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return [at, id];
  } catch {
    throw fieldError('cursor', 'is not a cursor returned by this feed');
  }
}

/** A title for what is not a record table (a pipeline, an API key, a member): what its change named. */
function titleFromChange(a: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }): string | null {
  for (const side of [a.after, a.before]) {
    const t = side?.name ?? side?.email;
    if (typeof t === 'string' && t) return t;
  }
  return null;
}


export async function activityFeed(ctx: ServiceContext, query: unknown): Promise<ActivityFeed> {
  requireRole(ctx, 'viewer');
  const q = parseInput(ActivityFeedQuerySchema, query);
  const where: SQL[] = [eq(activities.organizationId, ctx.orgId)];
  if (!hasRole(ctx.role, 'admin')) where.push(inArray(activities.entityType, RECORD_TYPES));
  // Owner-only visibility: no entry about a record the caller may not see.
  const visible = readableRef(ctx, activities.entityType, activities.entityId);
  if (visible) where.push(visible);
  if (q.actorId) where.push(eq(activities.actorId, q.actorId));
  if (q.entityType) where.push(eq(activities.entityType, q.entityType));
  if (q.entityId) where.push(eq(activities.entityId, q.entityId));
  if (q.action) where.push(eq(activities.action, q.action));
  if (q.from) where.push(gte(activities.createdAt, new Date(q.from)));
  if (q.to) where.push(lt(activities.createdAt, new Date(q.to)));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    // Row comparison: the index on (organization_id, created_at, id) starts the scan at the cursor.
    where.push(sql`(${activities.createdAt}, ${activities.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({
      ...activityColumns,
      cursorAt: sql<string>`to_char(${activities.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(activities)
    .leftJoin(user, eq(user.id, activities.actorId))
    .where(and(...where))
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);

  // Each record's current title (deleted ones too: the feed keeps their history), one query per type.
  const titles = new Map<string, string>();
  const idsByType = new Map<string, string[]>();
  for (const r of page) if (tableOf(r.entityType) && UUID.test(r.entityId)) idsByType.set(r.entityType, [...(idsByType.get(r.entityType) ?? []), r.entityId]);
  for (const [type, ids] of idsByType) {
    const t = tableOf(type)!;
    const rows = await ctx.db.select().from(t).where(and(eq(t.organizationId, ctx.orgId), inArray(t.id, [...new Set(ids)])));
    for (const row of rows) titles.set(`${type}:${row.id as string}`, recordTitle(row));
  }

  const last = page.at(-1);
  return {
    data: page.map(({ cursorAt: _, ...r }) => ({
      ...r,
      actorType: r.actorType as FeedActivity['actorType'],
      createdAt: r.createdAt.toISOString(),
      recordTitle: titles.get(`${r.entityType}:${r.entityId}`) ?? (tableOf(r.entityType) ? null : titleFromChange(r)),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}
