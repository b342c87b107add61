// API keys are Better Auth's (hashed at rest, shown once). Each is owned by the admin who created
// it and bound to the organization active at creation; a Bearer key acts as that user there.
// Only this service makes them (Better Auth's own /api/auth/api-key/* endpoints are off), and an
// organization sees only keys bound to it by its own members: a key bound to it by an outsider
// (as the old side door allowed) is neither listed nor accepted (lib/http.ts checks membership).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { ApiKeyCreateSchema, type ApiKey } from '../../../contracts/members';
import type { Auth } from '../../auth';
import { apikey, member, user } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { parseInput, notFound } from '../../lib/errors';
import { requireRole } from '../../lib/roles';

const inOrg = (orgId: string) =>
  and(
    sql`(${apikey.metadata}::jsonb ->> 'organizationId') = ${orgId}`,
    inArray(apikey.referenceId, sql`(select ${member.userId} from ${member} where ${member.organizationId} = ${orgId})`),
  );

export function apiKeyService(auth: Auth) {
  return {
    async create(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'admin');
      const { name, expiresInDays } = parseInput(ApiKeyCreateSchema, input);
      const created = await auth.api.createApiKey({
        body: {
          name,
          userId: ctx.actor.userId,
          metadata: { organizationId: ctx.orgId },
          ...(expiresInDays ? { expiresIn: expiresInDays * 86400 } : {}),
        },
      });
      await ctx.db.transaction((tx) =>
        recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'api_key', entityId: created.id, action: 'created', after: { name } }),
      );
      const [shown] = await this.list(ctx, created.id);
      return { ...shown, key: created.key };
    },

    async list(ctx: ServiceContext, onlyId?: string): Promise<ApiKey[]> {
      requireRole(ctx, 'admin');
      const rows = await ctx.db
        .select({
          id: apikey.id,
          name: apikey.name,
          start: apikey.start,
          prefix: apikey.prefix,
          userId: apikey.referenceId,
          userName: user.name,
          createdAt: apikey.createdAt,
          lastUsedAt: apikey.lastRequest,
          expiresAt: apikey.expiresAt,
        })
        .from(apikey)
        .leftJoin(user, eq(user.id, apikey.referenceId))
        .where(onlyId ? and(inOrg(ctx.orgId), eq(apikey.id, onlyId)) : inOrg(ctx.orgId))
        .orderBy(desc(apikey.createdAt));
      return rows.map(({ start, prefix, ...r }) => ({
        ...r,
        masked: `${start ?? prefix ?? ''}…`,
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
        expiresAt: r.expiresAt?.toISOString() ?? null,
      }));
    },

    async revoke(ctx: ServiceContext, id: string): Promise<void> {
      requireRole(ctx, 'admin');
      await ctx.db.transaction(async (tx) => {
        const [gone] = await tx.delete(apikey).where(and(eq(apikey.id, id), inOrg(ctx.orgId))).returning({ id: apikey.id, name: apikey.name });
        if (!gone) throw notFound('API key');
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'api_key', entityId: id, action: 'revoked', before: { name: gone.name } });
      });
    },
  };
}
