import { createRoute, z } from '@hono/zod-openapi';
import { CampaignMemberSchema, CampaignMembersAddedSchema, CampaignMembersAddSchema, CampaignMetricsSchema, CampaignSendResultSchema, CampaignSendSchema, CampaignTestSendSchema, MEMBER_STATUSES } from '../../../contracts/campaigns';
import { IdParamSchema, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from '../../../contracts/common';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonBody, jsonResponse as json } from '../../lib/openapi';
import type { CampaignMail } from './campaign-mail';
import { addMembers, campaignMetrics, listMembers, removeMember } from './campaigns.service';

const MembersQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  status: z.enum([...MEMBER_STATUSES, 'none']).optional().describe('Only members with this status (none: nothing sent yet)'),
});
const MemberParamSchema = IdParamSchema.extend({ contactId: z.uuid({ message: 'must be a UUID' }) });

/** Members, metrics and sending; the rest of /campaigns is the generic CRUD from the registry. */
export function campaignRoutes(mail: CampaignMail) {
  const r = apiRouter();
  const tags = ['Campaigns'];
  r.openapi(
    createRoute({
      method: 'get', path: '/campaigns/{id}/members', tags, summary: 'List a campaign\'s members (newest first, cursor-paged)', middleware: [allow('viewer')] as const,
      request: { params: IdParamSchema, query: MembersQuerySchema },
      responses: { 200: json(z.object({ data: z.array(CampaignMemberSchema), total: z.number(), nextCursor: z.string().nullable() }), 'A page of members'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json(await listMembers(serviceContext(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/campaigns/{id}/members', tags, middleware: [allow('member')] as const,
      summary: 'Add contacts to a campaign, by id or by a contacts filter (idempotent: members already in stay as they are)',
      request: { params: IdParamSchema, ...jsonBody(CampaignMembersAddSchema, { contactIds: ['6f1c2b0e-8a4d-4c1e-9a57-3d2f1e0b9c11'] }) },
      responses: { 200: json(z.object({ data: CampaignMembersAddedSchema }), 'How many were added and how many were members already'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json({ data: await addMembers(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'delete', path: '/campaigns/{id}/members/{contactId}', tags, summary: 'Remove a contact from a campaign', middleware: [allow('member')] as const,
      request: { params: MemberParamSchema },
      responses: { 204: { description: 'Removed' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const p = c.req.valid('param');
      await removeMember(serviceContext(c), p.id, p.contactId);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/campaigns/{id}/metrics', tags, summary: 'Engagement counts and rates, attributed deals, won amount, cost per conversion, ROI', middleware: [allow('viewer')] as const,
      request: { params: IdParamSchema },
      responses: { 200: json(z.object({ data: CampaignMetricsSchema }), 'The campaign\'s metrics (null where a ratio is undefined)'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json({ data: await campaignMetrics(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/campaigns/{id}/test-send', tags, summary: 'Send the campaign\'s email once to an address (merge fields from the first member), marking nobody', middleware: [allow('member')] as const,
      request: { params: IdParamSchema, ...jsonBody(CampaignTestSendSchema, { to: 'me@example.com' }) },
      responses: { 200: json(z.object({ data: z.object({ sent: z.boolean(), to: z.string() }) }), 'Sent'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json({ data: await mail.testSend(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/campaigns/{id}/send', tags, middleware: [allow('member')] as const,
      summary: 'Send an email campaign to its members (an admin or the owner, with confirm: true); mails go out in the background at CAMPAIGN_SENDS_PER_MINUTE, never to opted-out or bounced contacts',
      request: { params: IdParamSchema, ...jsonBody(CampaignSendSchema, { confirm: true }) },
      responses: { 202: json(z.object({ data: CampaignSendResultSchema }), 'Sending started'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json({ data: await mail.send(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 202),
  );
  return r;
}
