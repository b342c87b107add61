// The assistant's state: model settings (keys encrypted), conversations and messages, pending
// approvals for destructive tool calls, token usage, and the per-org request rate window.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

const org = () =>
  text('organization_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' });

export const aiSettings = pgTable(
  'ai_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: org(),
    /** null: the organization's default; a user id: that user's override */
    userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    model: text('model'),
    /** AES-256-GCM ciphertext (lib/crypto.ts); never returned, only its last 4 characters. */
    apiKeyEncrypted: text('api_key_encrypted'),
    apiKeyLast4: text('api_key_last4'),
    baseUrl: text('base_url'),
    /** Claude extended thinking (only for Anthropic models that support it, see contracts/assistant.ts). */
    thinking: boolean('thinking').notNull().default(false),
    /** Thinking budget in tokens; null: the default (4096). */
    thinkingBudget: integer('thinking_budget'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ai_settings_org_user_uq').on(t.organizationId, sql`coalesce(${t.userId}, '')`)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: org(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** Summary of the messages before `summarizedThrough`, sent instead of them. */
    summary: text('summary'),
    summarizedThrough: ts('summarized_through'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('conversations_org_user_idx').on(t.organizationId, t.userId, t.updatedAt)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: org(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role').notNull(), // user | assistant
    text: text('text').notNull(),
    /** The model messages of this turn (AI SDK ModelMessage[]), replayed as history. */
    modelMessages: jsonb('model_messages').$type<unknown[]>(),
    toolCalls: jsonb('tool_calls').$type<unknown[]>(),
    model: text('model'),
    /** The model's extended thinking for this reply (all steps), shown only to the conversation's owner. */
    reasoning: text('reasoning'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('messages_org_conversation_idx').on(t.organizationId, t.conversationId, t.createdAt)],
);

export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: org(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    /** assistant | mcp */
    source: text('source').notNull(),
    toolName: text('tool_name').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    summary: text('summary').notNull(),
    /** pending | executed | rejected | failed */
    status: text('status').notNull().default('pending'),
    result: jsonb('result'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('approvals_org_user_status_idx').on(t.organizationId, t.userId, t.status)],
);

export const aiUsage = pgTable(
  'ai_usage',
  {
    organizationId: org(),
    userId: text('user_id').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    day: date('day').notNull(),
    requests: integer('requests').notNull().default(0),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day, t.userId, t.provider, t.model] })],
);

/** Fixed one-minute windows per organization, shared by every node through the database. */
export const assistantRateWindows = pgTable('assistant_rate_windows', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull(),
});
