import { z } from 'zod';
import { httpUrl } from './common';

export const AI_PROVIDERS = ['anthropic', 'openai', 'google', 'openai-compatible', 'offline'] as const;

export const AiSettingsInputSchema = z.strictObject({
  provider: z.enum(AI_PROVIDERS).describe('Which provider answers'),
  model: z.string().trim().min(1).max(200).optional().describe('Model id; a sensible default per provider when omitted'),
  apiKey: z.string().trim().min(1).max(500).nullable().optional().describe('Omit to keep the stored key; null to remove it'),
  baseUrl: httpUrl().nullable().optional().describe('Required for openai-compatible (e.g. http://localhost:11434/v1)'),
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
});

export const ApprovalDecisionSchema = z.strictObject({ approve: z.boolean() });
