import { z } from 'zod';
import { httpUrl } from './common';

export const AI_PROVIDERS = ['anthropic', 'openai', 'google', 'openai-compatible', 'offline'] as const;

/**
 * Claude models with extended thinking (`thinking: {type: 'enabled', budget_tokens}` in the Messages
 * API), from Anthropic's "Building with extended thinking" docs, supported-models list: Claude 3.7
 * Sonnet and the Claude 4 family (Sonnet 4/4.5, Opus 4/4.1/4.5, Haiku 4.5). Ids may carry a date
 * suffix (claude-sonnet-4-5-20250929) or be an alias (claude-3-7-sonnet-latest). Shared by the server
 * (which refuses the toggle for other models) and the settings form (which disables it).
 */
export const THINKING_MODELS = /^claude-(3-7-sonnet|sonnet-4|opus-4|haiku-4-5)(\b|[-.@])/;
export const DEFAULT_THINKING_BUDGET = 4096;
/** Anthropic's minimum budget is 1024 tokens. */
export const MIN_THINKING_BUDGET = 1024;
export const MAX_THINKING_BUDGET = 32000;
export function thinkingSupported(provider: string, model: string | null | undefined): boolean {
  return provider === 'anthropic' && THINKING_MODELS.test(model ?? '');
}

export const AiSettingsInputSchema = z.strictObject({
  provider: z.enum(AI_PROVIDERS).describe('Which provider answers'),
  model: z.string().trim().min(1).max(200).optional().describe('Model id; a sensible default per provider when omitted'),
  apiKey: z.string().trim().min(1).max(500).nullable().optional().describe('Omit to keep the stored key; null to remove it'),
  baseUrl: httpUrl().nullable().optional().describe('Required for openai-compatible (e.g. http://localhost:11434/v1)'),
  thinking: z.boolean().optional().describe('Claude extended thinking; only for Anthropic models that support it. Omit to keep the stored choice'),
  thinkingBudget: z.number().int().min(MIN_THINKING_BUDGET).max(MAX_THINKING_BUDGET).nullable().optional().describe(`Thinking budget in tokens (default ${DEFAULT_THINKING_BUDGET}); null: the default`),
});
export type AiSettingsInput = z.infer<typeof AiSettingsInputSchema>;

export const AiSettingsSchema = z.object({
  provider: z.enum(AI_PROVIDERS),
  model: z.string(),
  /** Masked: "••••abcd", or null when no key is stored. The key itself is never returned. */
  apiKey: z.string().nullable(),
  baseUrl: z.string().nullable(),
  label: z.string(),
  scope: z.enum(['organization', 'user', 'default']),
  /** Extended thinking is on (and the model supports it). */
  thinking: z.boolean(),
  thinkingBudget: z.number(),
  /** Whether this provider and model can think at all (the toggle is offered only then). */
  thinkingSupported: z.boolean(),
});

export const TimezoneSchema = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like Europe/Berlin');

/**
 * A question the assistant asks back, with the answers to click. Clicking sends `reply` as the
 * user's next message; typing it (or "the first one", "2", "cancel") works the same.
 */
export const ChoiceSchema = z.object({ label: z.string(), reply: z.string() });
export type Choice = z.infer<typeof ChoiceSchema>;

export const ChatMessageInputSchema = z.strictObject({
  conversationId: z.uuid().optional(),
  text: z.string().trim().min(1, 'Say something').max(8000),
  /** The record the user is looking at ("Ask about this record", "this contact", "here"). */
  context: z.object({ type: z.string(), id: z.uuid() }).optional(),
  /** The user's IANA time zone (e.g. Europe/Berlin), for "tomorrow", "next Friday", "this month". */
  timezone: TimezoneSchema.optional(),
});

export const ToolCallSchema = z.object({
  name: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  status: z.enum(['ok', 'error', 'pending_approval']),
});

export const ApprovalSchema = z.object({
  id: z.string(),
  toolName: z.string(),
  input: z.record(z.string(), z.unknown()),
  summary: z.string(),
  status: z.enum(['pending', 'executed', 'rejected', 'failed']),
  source: z.enum(['assistant', 'mcp']),
  conversationId: z.string().nullable(),
  result: z.unknown().optional(),
  createdAt: z.string(),
});

export const ChatReplySchema = z.object({
  conversationId: z.string(),
  reply: z.string(),
  model: z.string(),
  toolCalls: z.array(ToolCallSchema),
  pendingApprovals: z.array(ApprovalSchema),
  /** When the assistant asked a question: the answers to offer as buttons (empty otherwise). */
  choices: z.array(ChoiceSchema),
  /** The model's extended thinking for this reply, when it thought (Claude with thinking on); else null. */
  reasoning: z.string().nullable(),
});

export const ApprovalDecisionSchema = z.strictObject({ approve: z.boolean() });
