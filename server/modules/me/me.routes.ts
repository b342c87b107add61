// Who am I here: the caller's user, organization and role, and what this server can do; the
// onboarding checklist; and an invitation as its invitee sees it.
import { createRoute, z } from '@hono/zod-openapi';
import { and, count, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { FIRST_STEPS, FirstStepsSchema, MeSchema, MyInvitationSchema, PreferencesSchema, PreferencesUpdateSchema, type Preferences } from '../../../contracts/responses';
import type { Auth } from '../../auth';
import type { Db } from '../../db/client';
import { aiSettings, contacts, imports, invitation, member, organization, user, userPreferences } from '../../db/schema';
import type { DbOrTx } from '../../db/client';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { notFound, unauthorized } from '../../lib/errors';
import { allow, apiRouter, serviceContext } from '../../lib/http';

/** `currency` in the organization's metadata (Better Auth organization update) when it is an ISO code, else USD. */
function orgCurrency(metadata: string | null): string {
  try {
    const c = (JSON.parse(metadata ?? '{}') as { currency?: unknown }).currency;
    return typeof c === 'string' && /^[A-Z]{3}$/.test(c) ? c : 'USD';
  } catch {
    return 'USD';
  }
}

const DEFAULT_PREFERENCES: Preferences = { theme: 'system' };

async function preferencesOf(db: DbOrTx, userId: string): Promise<Preferences> {
  const [p] = await db.select({ theme: userPreferences.theme }).from(userPreferences).where(eq(userPreferences.userId, userId));
  return p ? PreferencesSchema.parse(p) : DEFAULT_PREFERENCES;
}

export function meRoutes(emailEnabled: boolean) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/me', tags: ['Me'], summary: 'The caller, their active organization and role', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: MeSchema }), 'The caller'), 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const [[u], [o], preferences] = await Promise.all([
        ctx.db.select({ id: user.id, name: user.name, email: user.email }).from(user).where(eq(user.id, ctx.actor.userId)),
        ctx.db.select({ id: organization.id, name: organization.name, slug: organization.slug, metadata: organization.metadata }).from(organization).where(eq(organization.id, ctx.orgId)),
        preferencesOf(ctx.db, ctx.actor.userId),
      ]);
      if (!u || !o) throw notFound('Account');
      const organizationOut = { id: o.id, name: o.name, slug: o.slug, currency: orgCurrency(o.metadata) };
      return c.json({ data: { user: u, organization: organizationOut, role: ctx.role, via: ctx.actor.type, features: { email: emailEnabled }, preferences } }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/me/preferences', tags: ['Me'], summary: "The caller's own settings (theme), the same in every organization", middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: PreferencesSchema }), 'The settings'), 401: errors[401] },
    }),
    async (c) => c.json({ data: await preferencesOf(serviceContext(c).db, serviceContext(c).actor.userId) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'put', path: '/me/preferences', tags: ['Me'], summary: "Change the caller's own settings; fields left out keep their value", middleware: [allow('viewer')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: PreferencesUpdateSchema } } } },
      responses: { 200: json(z.object({ data: PreferencesSchema }), 'The settings as saved'), 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const next = { ...(await preferencesOf(ctx.db, ctx.actor.userId)), ...c.req.valid('json') };
      await ctx.db
        .insert(userPreferences)
        .values({ userId: ctx.actor.userId, ...next })
        .onConflictDoUpdate({ target: userPreferences.userId, set: { ...next, updatedAt: new Date() } });
      return c.json({ data: next }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/me/first-steps', tags: ['Me'], summary: 'The onboarding checklist: which first steps the organization has taken', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: FirstStepsSchema }), 'Each step and whether it is done'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const org = ctx.orgId;
      // Each step is read from the data itself, so it ticks however it was done (UI, API, assistant).
      const exists = (q: Promise<{ n: number }[]>) => q.then(([row]) => (row?.n ?? 0) > 0);
      const [addContact, importCsv, invited, teammates, connectModel] = await Promise.all([
        exists(ctx.db.select({ n: count() }).from(contacts).where(and(eq(contacts.organizationId, org), isNull(contacts.deletedAt)))),
        exists(ctx.db.select({ n: count() }).from(imports).where(and(eq(imports.organizationId, org), eq(imports.status, 'completed')))),
        exists(ctx.db.select({ n: count() }).from(invitation).where(and(eq(invitation.organizationId, org), ne(invitation.status, 'canceled')))),
        ctx.db.select({ n: count() }).from(member).where(eq(member.organizationId, org)).then(([row]) => (row?.n ?? 0) > 1),
        exists(ctx.db.select({ n: count() }).from(aiSettings).where(and(eq(aiSettings.organizationId, org), ne(aiSettings.provider, 'offline'), or(isNull(aiSettings.userId), eq(aiSettings.userId, ctx.actor.userId))))),
      ]);
      const done: Record<(typeof FIRST_STEPS)[number], boolean> = { addContact, importCsv, inviteTeammate: invited || teammates, connectModel };
      const steps = FIRST_STEPS.map((key) => ({ key, done: done[key] }));
      return c.json({ data: { steps, done: steps.filter((s) => s.done).length, total: steps.length } }, 200);
    },
  );
  return r;
}

/**
 * GET /me/invitations/{id}: the invitation addressed to the signed-in user, whatever its status.
 * Mounted before the organization check: an invitee usually has no organization yet. Better
 * Auth's get-invitation answers 400 once an invitation is accepted, which left the invitation
 * page asking again; this tells the page it is accepted (and whether the caller is a member).
 */
export function myInvitationRoutes(auth: Auth, db: Db) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/me/invitations/{id}', tags: ['Me'], summary: 'An invitation sent to the caller, with its status (also once accepted)',
      request: { params: z.object({ id: z.string().min(1).max(200) }) },
      responses: { 200: json(z.object({ data: MyInvitationSchema }), 'The invitation'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const session = await auth.api.getSession({ headers: c.req.raw.headers });
      if (!session) throw unauthorized();
      const { id } = c.req.valid('param');
      const inviter = alias(user, 'inviter');
      const [row] = await db
        .select({
          id: invitation.id, status: invitation.status, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt,
          organizationId: invitation.organizationId, organizationName: organization.name, inviterEmail: inviter.email,
        })
        .from(invitation)
        .innerJoin(organization, eq(organization.id, invitation.organizationId))
        .leftJoin(inviter, eq(inviter.id, invitation.inviterId))
        // Only the invitee may read it: another account gets the same 404 as a made-up id.
        .where(and(eq(invitation.id, id), sql`lower(${invitation.email}) = lower(${session.user.email})`))
        .limit(1);
      if (!row) throw notFound('Invitation');
      const [membership] = await db.select({ id: member.id }).from(member).where(and(eq(member.userId, session.user.id), eq(member.organizationId, row.organizationId))).limit(1);
      const status = (['pending', 'accepted', 'rejected', 'canceled'] as const).find((s) => s === row.status) ?? 'canceled';
      return c.json({
        data: {
          ...row, status, expiresAt: row.expiresAt.toISOString(),
          expired: status === 'pending' && row.expiresAt.getTime() < Date.now(),
          isMember: Boolean(membership),
        },
      }, 200);
    },
  );
  return r;
}
