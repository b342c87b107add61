import { createRoute, z } from '@hono/zod-openapi';
import { InvitationSchema, MemberSchema, MemberUpdateSchema } from '../../../contracts/members';
import type { Auth } from '../../auth';
import type { Env } from '../../env';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { memberService } from './members.service';

const tags = ['Members'];
const MemberIdParam = z.object({ id: z.string().min(1).max(100) });
const one = json(z.object({ data: MemberSchema }), 'The member');

export function memberRoutes(auth: Auth, env: Env, emailEnabled: boolean) {
  const service = memberService(auth, env);
  const r = apiRouter();
  r.openapi(
    createRoute({
      method: 'get', path: '/members', tags, summary: 'Members of the organization', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: z.array(MemberSchema) }), 'Members'), 401: errors[401] },
    }),
    async (c) => c.json({ data: await service.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'patch', path: '/members/{id}', tags, summary: "Change a member's role", middleware: [allow('admin')] as const,
      request: { params: MemberIdParam, body: { content: { 'application/json': { schema: MemberUpdateSchema } }, required: true } },
      responses: { 200: one, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json({ data: await service.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'delete', path: '/members/{id}', tags, summary: 'Remove a member from the organization', middleware: [allow('admin')] as const,
      request: { params: MemberIdParam },
      responses: { 204: { description: 'Removed' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await service.remove(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  const summaries = {
    deactivate: 'Deactivate a member (ends their sessions at once)',
    reactivate: 'Reactivate a member',
    unlock: 'Lift the lock on a member whose sign-in is locked after repeated failed attempts',
  };
  for (const verb of ['deactivate', 'reactivate', 'unlock'] as const) {
    r.openapi(
      createRoute({
        method: 'post', path: `/members/{id}/${verb}`, tags,
        summary: summaries[verb],
        middleware: [allow('admin')] as const,
        request: { params: MemberIdParam },
        responses: { 200: one, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
      }),
      async (c) => c.json({ data: await service[verb](serviceContext(c), c.req.valid('param').id) }, 200),
    );
  }
  r.openapi(
    createRoute({
      method: 'post', path: '/members/{id}/password-reset', tags,
      summary: "Email a member a password-reset link (to their own address only; 409 when this server cannot send email)",
      middleware: [allow('admin')] as const,
      request: { params: MemberIdParam },
      responses: {
        200: json(z.object({ data: z.object({ emailed: z.literal(true) }) }), 'Reset link emailed to the member'),
        401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409],
      },
    }),
    async (c) => c.json({ data: await service.requestPasswordReset(serviceContext(c), c.req.valid('param').id, emailEnabled) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/invitations', tags, summary: 'Pending invitations with their links', middleware: [allow('admin')] as const,
      responses: { 200: json(z.object({ data: z.array(InvitationSchema) }), 'Pending invitations'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ data: await service.invitations(serviceContext(c)) }, 200),
  );
  return r;
}
