// Members of the caller's organization: roles, removal, deactivation, sign-in locks,
// admin-triggered password resets. These rows are Better Auth's, but changes made here are audited
// like any CRM write.
import { and, asc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../../contracts/common';
import { MemberUpdateSchema, type Invitation, type Member } from '../../../contracts/members';
import { invitationUrl, type Auth } from '../../auth';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { invitation, member, session, user } from '../../db/schema';
import type { Env } from '../../env';
import { recordChange } from '../../lib/audit';
import { clearSignIn, lockedUntil, lockPolicy, type LockPolicy } from '../../lib/auth-throttle';
import type { ServiceContext } from '../../lib/context';
import { AppError, badRequest, forbidden, parseInput, notFound } from '../../lib/errors';
import { requireRole } from '../../lib/roles';

/** Email addresses of the organization's active owners and admins (who hear about feedback, failing webhooks, …). */
export async function adminEmails(db: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, orgId), inArray(member.role, ['owner', 'admin']), isNull(member.deactivatedAt)));
  return rows.map((r) => r.email);
}

const columns = {
  id: member.id,
  userId: member.userId,
  name: user.name,
  email: user.email,
  role: member.role,
  deactivatedAt: member.deactivatedAt,
  createdAt: member.createdAt,
};

type MemberRow = { email: string; deactivatedAt: Date | null; createdAt: Date; role: string } & Record<string, unknown>;

function present(r: MemberRow, locked?: Date): Member {
  return {
    ...r,
    role: r.role as Role,
    deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
    lockedUntil: locked?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  } as Member;
}

/** Members as shown: with the end of their sign-in lock, if they are locked out now. */
async function withLocks(db: Db | Tx, policy: LockPolicy, rows: MemberRow[]): Promise<Member[]> {
  const locks = await lockedUntil(db, policy, rows.map((r) => r.email));
  return rows.map((r) => present(r, locks.get(r.email.toLowerCase())));
}

async function loadMember(tx: Tx, ctx: ServiceContext, id: string) {
  const [m] = await tx
    .select(columns)
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.id, id), eq(member.organizationId, ctx.orgId)))
    .for('update', { of: member });
  if (!m) throw notFound('Member');
  return m;
}

/** Only owners may touch an owner or hand out the owner role. */
function guardOwner(ctx: ServiceContext, target: { role: string }, newRole?: Role) {
  if ((target.role === 'owner' || newRole === 'owner') && ctx.role !== 'owner') {
    throw forbidden('Only an owner can change an owner or make someone an owner');
  }
}

async function assertNotLastOwner(tx: Tx, ctx: ServiceContext, target: { id: string; role: string }) {
  if (target.role !== 'owner') return;
  const others = await tx
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, ctx.orgId), eq(member.role, 'owner'), ne(member.id, target.id)))
    .limit(1);
  if (others.length === 0) throw badRequest('An organization needs at least one owner: make someone else owner first');
}

async function memberRows(ctx: ServiceContext): Promise<MemberRow[]> {
  requireRole(ctx, 'viewer');
  return ctx.db
    .select(columns)
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, ctx.orgId))
    .orderBy(asc(user.name));
}

/** The organization's members (also the assistant's list_members tool, which has no auth handle). */
export async function listMembers(ctx: ServiceContext): Promise<Member[]> {
  return (await memberRows(ctx)).map((r) => present(r));
}

export function memberService(auth: Auth, env: Env) {
  const locks = lockPolicy(env);
  return {
    /** With each account's sign-in lock, which only admins' pages show. */
    list: async (ctx: ServiceContext): Promise<Member[]> => withLocks(ctx.db, locks, await memberRows(ctx)),

    async update(ctx: ServiceContext, id: string, input: unknown): Promise<Member> {
      requireRole(ctx, 'admin');
      const { role } = parseInput(MemberUpdateSchema, input);
      return ctx.db.transaction(async (tx) => {
        const target = await loadMember(tx, ctx, id);
        guardOwner(ctx, target, role);
        if (role !== 'owner') await assertNotLastOwner(tx, ctx, target);
        if (target.role !== role) {
          await tx.update(member).set({ role }).where(eq(member.id, id));
          await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'member', entityId: id, action: 'role_changed', before: { role: target.role }, after: { role } });
        }
        const [shown] = await withLocks(tx, locks, [{ ...target, role }]);
        return shown;
      });
    },

    async remove(ctx: ServiceContext, id: string): Promise<void> {
      requireRole(ctx, 'admin');
      await ctx.db.transaction(async (tx) => {
        const target = await loadMember(tx, ctx, id);
        guardOwner(ctx, target);
        await assertNotLastOwner(tx, ctx, target);
        await tx.delete(member).where(eq(member.id, id));
        // Sessions pointing at this organization lose it now, not at their next sign-in.
        await tx
          .update(session)
          .set({ activeOrganizationId: null })
          .where(and(eq(session.userId, target.userId), eq(session.activeOrganizationId, ctx.orgId)));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'member', entityId: id, action: 'removed', before: { userId: target.userId, email: target.email, role: target.role } });
      });
    },

    /** Ends every session of the user at once and bars them from this organization until reactivated. */
    async deactivate(ctx: ServiceContext, id: string): Promise<Member> {
      requireRole(ctx, 'admin');
      return ctx.db.transaction(async (tx) => {
        const target = await loadMember(tx, ctx, id);
        if (target.userId === ctx.actor.userId) throw badRequest('You cannot deactivate yourself');
        guardOwner(ctx, target);
        if (target.deactivatedAt) return (await withLocks(tx, locks, [target]))[0];
        const now = new Date();
        await tx.update(member).set({ deactivatedAt: now }).where(eq(member.id, id));
        await tx.delete(session).where(eq(session.userId, target.userId));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'member', entityId: id, action: 'deactivated', before: { deactivatedAt: null }, after: { deactivatedAt: now.toISOString() } });
        return (await withLocks(tx, locks, [{ ...target, deactivatedAt: now }]))[0];
      });
    },

    async reactivate(ctx: ServiceContext, id: string): Promise<Member> {
      requireRole(ctx, 'admin');
      return ctx.db.transaction(async (tx) => {
        const target = await loadMember(tx, ctx, id);
        guardOwner(ctx, target);
        if (!target.deactivatedAt) return (await withLocks(tx, locks, [target]))[0];
        await tx.update(member).set({ deactivatedAt: null }).where(eq(member.id, id));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'member', entityId: id, action: 'reactivated', before: { deactivatedAt: target.deactivatedAt.toISOString() }, after: { deactivatedAt: null } });
        return (await withLocks(tx, locks, [{ ...target, deactivatedAt: null }]))[0];
      });
    },

    /** Lifts a sign-in lock (lib/auth-throttle.ts) before it runs out. */
    async unlock(ctx: ServiceContext, id: string): Promise<Member> {
      requireRole(ctx, 'admin');
      return ctx.db.transaction(async (tx) => {
        const target = await loadMember(tx, ctx, id);
        const [locked] = await lockedUntil(tx, locks, [target.email]).then((m) => [...m.values()]);
        await clearSignIn(tx, target.email);
        if (locked) {
          await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'member', entityId: id, action: 'unlocked', before: { lockedUntil: locked.toISOString() }, after: { lockedUntil: null } });
        }
        return present(target);
      });
    },

    /**
     * Emails a member a password-reset link. The link only ever goes to the member's own address:
     * handing it to the admin would let an admin of one organization take over an account that
     * owns another. Without SMTP there is no safe way to deliver it, so nothing is started.
     */
    async requestPasswordReset(ctx: ServiceContext, id: string, emailEnabled: boolean) {
      requireRole(ctx, 'admin');
      const target = await ctx.db.transaction((tx) => loadMember(tx, ctx, id));
      guardOwner(ctx, target);
      if (!emailEnabled) {
        throw new AppError(
          409,
          'email_not_configured',
          `This server cannot send email, so no reset link can be sent to ${target.name}. Reset links only ever go to the member's own address; ask whoever runs Meridian to set SMTP_URL, then try again.`,
        );
      }
      await auth.api.requestPasswordReset({ body: { email: target.email, redirectTo: `${env.APP_URL}/reset-password` } });
      await ctx.db.transaction((tx) =>
        recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'member', entityId: id, action: 'password_reset_requested', after: { emailed: true } }),
      );
      return { emailed: true as const };
    },

    async invitations(ctx: ServiceContext): Promise<Invitation[]> {
      requireRole(ctx, 'admin');
      const rows = await ctx.db
        .select({ id: invitation.id, email: invitation.email, role: invitation.role, status: invitation.status, expiresAt: invitation.expiresAt, inviterName: user.name })
        .from(invitation)
        .leftJoin(user, eq(user.id, invitation.inviterId))
        .where(and(eq(invitation.organizationId, ctx.orgId), eq(invitation.status, 'pending'), gt(invitation.expiresAt, new Date())))
        .orderBy(asc(invitation.email));
      return rows.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString(), url: invitationUrl(env, r.id) }));
    },
  };
}
export type MemberService = ReturnType<typeof memberService>;
