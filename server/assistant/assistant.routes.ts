// HTTP for the assistant: chat (streamed for useChat, or JSON for API clients), conversations,
// approvals, usage, AI settings (organization and personal), the tool list, and undo.
import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../contracts/common';
import { AiTestResultSchema as TestResultSchema, AiUsageRowSchema, ConversationSchema, ConversationSummarySchema, ToolInfoSchema, UndoResultSchema } from '../../contracts/responses';
import { AiSettingsInputSchema, AiSettingsSchema, ApprovalDecisionSchema, ApprovalSchema, ChatMessageInputSchema, ChatReplySchema, TimezoneSchema } from '../../contracts/assistant';
import { errorResponses as errors, jsonResponse as json } from '../lib/openapi';
import { fieldError } from '../lib/errors';
import { allow, apiRouter, serviceContext } from '../lib/http';
import type { Agent } from './agent';
import { decideApproval, listApprovals } from './approvals';
import type { ExternalTools } from '../modules/integrations/mcp-tools';
import type { AiSettingsService } from './settings';
import { toolRegistry } from './tools';
import { undoActivity } from './undo';
import { usageReport } from './usage';

const Id = IdParamSchema;
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** useChat's request: the UI messages so far; we take the newest user text (history lives server-side). */
const ChatStreamInputSchema = z.object({
  conversationId: z.uuid().optional(),
  context: z.object({ type: z.string(), id: z.uuid() }).optional(),
  timezone: TimezoneSchema.optional(),
  messages: z
    .array(z.object({ role: z.string(), parts: z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()) }).passthrough())
    .min(1),
});

export function assistantRoutes(agent: Agent, settings: AiSettingsService, external?: ExternalTools) {
  const r = apiRouter();
  const tags = ['Assistant'];

  r.openapi(
    createRoute({
      method: 'post', path: '/assistant/chat', tags, summary: 'Chat, streamed in the AI SDK UI-message format (useChat)', middleware: [allow('viewer')] as const,
      request: body(ChatStreamInputSchema),
      responses: { 200: { description: 'text/event-stream of UI message chunks; header x-conversation-id' }, 400: errors[400], 401: errors[401], 429: errors[400] },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const last = [...input.messages].reverse().find((m) => m.role === 'user');
      const text = last?.parts.map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('').trim();
      if (!text) throw fieldError('messages', 'the last user message has no text');
      return agent.stream(serviceContext(c), { conversationId: input.conversationId, text, context: input.context, timezone: input.timezone }, c.req.raw.signal);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/assistant/messages', tags, summary: 'Send a message; the whole answer as JSON', middleware: [allow('viewer')] as const,
      request: body(ChatMessageInputSchema),
      responses: { 200: json(z.object({ data: ChatReplySchema }), 'The reply, the tools it called and any approvals waiting'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json({ data: await agent.reply(serviceContext(c), c.req.valid('json')) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/assistant/conversations', tags, summary: 'Your conversations, newest first', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: z.array(ConversationSummarySchema) }), 'Conversations'), 401: errors[401] },
    }),
    async (c) => c.json({ data: await agent.listConversations(serviceContext(c)) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/assistant/conversations/{id}', tags, summary: 'One of your conversations with its messages', middleware: [allow('viewer')] as const,
      request: { params: Id },
      responses: { 200: json(z.object({ data: ConversationSchema }), 'Conversation'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json({ data: await agent.getConversation(serviceContext(c), c.req.valid('param').id) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/assistant/approvals', tags, summary: 'Your approval requests (filter with status=pending)', middleware: [allow('viewer')] as const,
      request: { query: z.object({ status: z.enum(['pending', 'executed', 'rejected', 'failed']).optional() }) },
      responses: { 200: json(z.object({ data: z.array(ApprovalSchema) }), 'Approvals'), 401: errors[401] },
    }),
    async (c) => c.json({ data: await listApprovals(serviceContext(c), c.req.valid('query').status) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/assistant/approvals/{id}', tags, summary: 'Approve (run) or reject a destructive action the assistant proposed', middleware: [allow('viewer')] as const,
      request: { params: Id, ...body(ApprovalDecisionSchema) },
      responses: { 200: json(z.object({ data: ApprovalSchema }), 'The decided approval, with the result when run'), 401: errors[401], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json({ data: await decideApproval(serviceContext(c), c.req.valid('param').id, c.req.valid('json').approve, external?.find) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/assistant/usage', tags, summary: 'Tokens in/out per user, provider, model and day (admins: whole organization)', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: z.array(AiUsageRowSchema) }), 'Usage'), 401: errors[401] },
    }),
    async (c) => c.json({ data: await usageReport(serviceContext(c)) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/assistant/tools', tags, summary: 'The tools the assistant and MCP expose, with the role each needs', middleware: [allow('viewer')] as const,
      responses: { 200: json(z.object({ data: z.array(ToolInfoSchema) }), 'Tools'), 401: errors[401] },
    }),
    (c) => c.json({ data: toolRegistry.map(({ name, description, role, destructive }) => ({ name, description, role, destructive })) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/activities/{id}/undo', tags: ['Timeline'], summary: 'Undo a change from a record timeline', middleware: [allow('member')] as const,
      request: { params: Id },
      responses: { 200: json(z.object({ data: UndoResultSchema }), 'Undone'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json({ data: await undoActivity(serviceContext(c), c.req.valid('param').id) }, 200),
  );

  // Settings: the organization's model (admins) and a personal override (anyone).
  const settingsTags = ['AI settings'];
  const one = json(z.object({ data: AiSettingsSchema }), 'Settings (the key masked)');
  r.openapi(
    createRoute({ method: 'get', path: '/settings/ai', tags: settingsTags, summary: "The organization's AI provider", middleware: [allow('admin')] as const, responses: { 200: one, 401: errors[401], 403: errors[403] } }),
    async (c) => c.json({ data: await settings.getOrg(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/settings/ai', tags: settingsTags, summary: "Set the organization's AI provider", middleware: [allow('admin')] as const, request: body(AiSettingsInputSchema), responses: { 200: one, 400: errors[400], 401: errors[401], 403: errors[403] } }),
    async (c) => c.json({ data: await settings.putOrg(serviceContext(c), c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/settings/ai/test', tags: settingsTags, summary: 'Test the stored or proposed organization settings', middleware: [allow('admin')] as const, request: { body: { content: { 'application/json': { schema: AiSettingsInputSchema.partial() } } } }, responses: { 200: json(z.object({ data: TestResultSchema }), 'Result'), 400: errors[400], 401: errors[401], 403: errors[403] } }),
    async (c) => {
      const input = await c.req.json().catch(() => undefined);
      return c.json({ data: await agent.testConnection(await settings.candidate(serviceContext(c), 'organization', input)) }, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/me/ai', tags: settingsTags, summary: 'The model that answers you (your override, else the organization’s)', middleware: [allow('viewer')] as const, responses: { 200: one, 401: errors[401] } }),
    async (c) => c.json({ data: await settings.getMine(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/me/ai', tags: settingsTags, summary: 'Set your own AI provider override', middleware: [allow('viewer')] as const, request: body(AiSettingsInputSchema), responses: { 200: one, 400: errors[400], 401: errors[401] } }),
    async (c) => c.json({ data: await settings.putMine(serviceContext(c), c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/me/ai', tags: settingsTags, summary: 'Remove your override (use the organization’s model)', middleware: [allow('viewer')] as const, responses: { 204: { description: 'Removed' }, 401: errors[401] } }),
    async (c) => {
      await settings.clearMine(serviceContext(c));
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/me/ai/test', tags: settingsTags, summary: 'Test your stored or proposed settings', middleware: [allow('viewer')] as const, request: { body: { content: { 'application/json': { schema: AiSettingsInputSchema.partial() } } } }, responses: { 200: json(z.object({ data: TestResultSchema }), 'Result'), 400: errors[400], 401: errors[401] } }),
    async (c) => {
      const input = await c.req.json().catch(() => undefined);
      return c.json({ data: await agent.testConnection(await settings.candidate(serviceContext(c), 'user', input)) }, 200);
    },
  );
  return r;
}
