// Who am I here: the caller's user, organization and role, and what this server can do.
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { MeSchema } from '../../../contracts/responses';
import { organization, user } from '../../db/schema';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { notFound } from '../../lib/errors';
import { allow, apiRouter, serviceContext } from '../../lib/http';


export function meRoutes(emailEnabled: boolean) {
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/me', tags: ['Me'], summary: 'The caller, their active organization and role', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: MeSchema }), 'The caller'), 401: errors[401] },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const [[u], [o]] = await Promise.all([
        ctx.db.select({ id: user.id, name: user.name, email: user.email }).from(user).where(eq(user.id, ctx.actor.userId)),
        ctx.db.select({ id: organization.id, name: organization.name, slug: organization.slug }).from(organization).where(eq(organization.id, ctx.orgId)),
      ]);
      if (!u || !o) throw notFound('Account');
      return c.json({ data: { user: u, organization: o, role: ctx.role, via: ctx.actor.type, features: { email: emailEnabled } } }, 200);
    },
  );
  return r;
}
