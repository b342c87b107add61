// Response shapes of the endpoints that are not a record's own (record schemas live beside their
// inputs: contacts.ts, sales.ts, …). The routes declare these in the OpenAPI document and the web
// imports their types, so the two cannot drift.
import { z } from 'zod';
import { ToolCallSchema } from './assistant';
import { RoleSchema } from './common';
import { IMPORT_RESOURCES, RELATED_TYPES } from './entities';
import { DealSchema, LeadSchema } from './sales';
import { TaskSchema } from './tasks';

/** One global search hit (GET /search, the assistant's search tool). */
export const SearchHitSchema = z.object({
  type: z.string(),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  /** Why it matched: the words found, and/or a similar spelling. */
  why: z.string(),
  score: z.number(),
  /** The record's web path, for links and citations. */
  url: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** A likely pair of duplicates (GET /{resource}/duplicates). */
export const DuplicatePairSchema = z.object({
  a: z.object({ id: z.string(), title: z.string() }),
  b: z.object({ id: z.string(), title: z.string() }),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type DuplicatePair = z.infer<typeof DuplicatePairSchema>;

/** A field-level problem: `path` names the field ("email", "customFields.tier", "(row)"). */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });

/** A file on a record (POST/GET /attachments). */
export const AttachmentSchema = z.object({
  id: z.string(),
  relatedType: z.enum(RELATED_TYPES),
  relatedId: z.string(),
  filename: z.string(),
  /** Detected by the server from the bytes, not from the name. */
  contentType: z.string(),
  size: z.number(),
  /** The uploader's user id. */
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** What a lead became (POST /leads/{id}/convert). */
export const ConvertResultSchema = z.object({
  lead: LeadSchema,
  company: z.object({ id: z.string(), name: z.string(), created: z.boolean() }).nullable(),
  contact: z.object({ id: z.string(), created: z.boolean() }),
  deal: DealSchema,
  task: TaskSchema.nullable(),
});
export type ConvertResult = z.infer<typeof ConvertResultSchema>;

// ── CSV import ─────────────────────────────────────────────────────────────────────────────────
export const IMPORT_STATUSES = ['uploaded', 'running', 'completed', 'failed'] as const;
export const RejectedRowSchema = z.object({ row: z.number(), errors: z.array(FieldIssueSchema), values: z.record(z.string(), z.string()) });
export type RejectedRow = z.infer<typeof RejectedRowSchema>;
export const ImportSchema = z.object({
  id: z.string(),
  userId: z.string(),
  resource: z.enum(IMPORT_RESOURCES),
  filename: z.string(),
  status: z.enum(IMPORT_STATUSES),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()).nullable(),
  duplicateMode: z.string(),
  totalRows: z.number(),
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  rejected: z.number(),
  error: z.string().nullable(),
  /** The first 20 rejected rows; all of them as CSV from GET /imports/{id}/rejected. */
  rejectedSample: z.array(RejectedRowSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof ImportSchema>;
/** The upload answer also carries the resource's target fields and the first rows. */
export const UploadedImportSchema = ImportSchema.extend({
  fields: z.array(z.object({ field: z.string(), label: z.string() })),
  sampleRows: z.array(z.array(z.string())),
});
export type UploadedImport = z.infer<typeof UploadedImportSchema>;
const IMPORT_ACTIONS = ['create', 'update', 'skip', 'reject'] as const;
export const ImportPreviewSchema = z.object({
  totalRows: z.number(),
  create: z.number(),
  update: z.number(),
  skip: z.number(),
  reject: z.number(),
  rows: z.array(z.object({ row: z.number(), action: z.enum(IMPORT_ACTIONS), errors: z.array(FieldIssueSchema), values: z.record(z.string(), z.unknown()) })),
  problems: z.array(z.object({ row: z.number(), errors: z.array(FieldIssueSchema) })),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

// ── Assistant ──────────────────────────────────────────────────────────────────────────────────
export const ConversationSummarySchema = z.object({ id: z.string(), title: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;
export const StoredMessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  /** A call that waited for approval also says how that approval ended. */
  toolCalls: z.array(ToolCallSchema.extend({ approvalStatus: z.string().nullable().optional() })),
  model: z.string().nullable(),
  /** The model's extended thinking for this reply (assistant messages with thinking on), else null. */
  reasoning: z.string().nullable(),
  createdAt: z.string(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;
export const ConversationSchema = ConversationSummarySchema.extend({ summary: z.string().nullable(), messages: z.array(StoredMessageSchema) });
export type Conversation = z.infer<typeof ConversationSchema>;
/** POST /settings/ai/test and /me/ai/test. */
export const AiTestResultSchema = z.object({ ok: z.boolean(), model: z.string(), latencyMs: z.number().optional(), error: z.object({ code: z.string(), message: z.string() }).optional() });
export type AiTestResult = z.infer<typeof AiTestResultSchema>;
export const AiUsageRowSchema = z.object({ day: z.string(), userId: z.string(), provider: z.string(), model: z.string(), requests: z.number(), inputTokens: z.number(), outputTokens: z.number() });
export const ToolInfoSchema = z.object({ name: z.string(), description: z.string(), role: z.string(), destructive: z.boolean() });
export const UndoResultSchema = z.object({ undone: z.string(), entityType: z.string(), entityId: z.string() });
export type UndoResult = z.infer<typeof UndoResultSchema>;

/** GET /me: the caller, their active organization and role, and what this server can do. */
export const THEMES = ['light', 'dark', 'system'] as const;
/** The caller's own settings, the same in every organization. */
export const PreferencesSchema = z.object({
  theme: z.enum(THEMES).describe('Colour theme: light, dark, or system (follow the device)'),
});
export const PreferencesUpdateSchema = PreferencesSchema.partial().strict();
export type Preferences = z.infer<typeof PreferencesSchema>;

export const MeSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  /** currency: the organization's (its metadata's `currency`), USD by default — the web formats money in it. */
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string(), currency: z.string() }),
  role: RoleSchema,
  via: z.enum(['user', 'api_key', 'assistant', 'automation', 'system']),
  features: z.object({ email: z.boolean() }),
  preferences: PreferencesSchema,
});
export type Me = z.infer<typeof MeSchema>;

/** GET /api/health/ready: 200 when this node can take traffic, 503 (same shape) when not. */
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  details: z.object({
    database: z.enum(['ok', 'unavailable']),
    /** Every committed migration applied to the database this node uses. */
    migrations: z.enum(['applied', 'pending', 'unknown']),
    /** This node's pg-boss runner (also on JOBS=false nodes, which send but do not work jobs). */
    jobs: z.enum(['running', 'not_started', 'stopped']),
  }),
});
/** An invitation as its invitee sees it — also once accepted, so the page can say so instead of a 400. */
export const MyInvitationSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected', 'canceled']).describe('Better Auth\'s invitation status'),
  /** Pending but past its expiry date. */
  expired: z.boolean(),
  email: z.string(),
  role: z.string().nullable(),
  organizationId: z.string(),
  organizationName: z.string(),
  inviterEmail: z.string().nullable(),
  expiresAt: z.string(),
  /** The caller already belongs to the organization (e.g. accepted on another tab). */
  isMember: z.boolean(),
});
export type MyInvitation = z.infer<typeof MyInvitationSchema>;

export const FIRST_STEPS = ['addContact', 'importCsv', 'inviteTeammate', 'connectModel'] as const;
/** The onboarding checklist on the dashboard: each step is done when the organization's data says so. */
export const FirstStepsSchema = z.object({
  steps: z.array(z.object({ key: z.enum(FIRST_STEPS), done: z.boolean() })),
  done: z.number().int(),
  total: z.number().int(),
});
export type FirstSteps = z.infer<typeof FirstStepsSchema>;
