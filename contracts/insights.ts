// Insights (Issue 12.5): deal risk with its factors and next best actions, record briefs, drafted
// emails and note sentiment. Each is computed offline by explained rules from the record's facts;
// when the organization has a model configured, the model writes the prose from the same facts
// into the same shape, and the citations stay the ones the facts came from.
import { z } from 'zod';
import { TaskCreateSchema } from './tasks';

export const CITATION_TYPES = ['contact', 'company', 'deal', 'lead', 'project', 'note', 'task', 'activity'] as const;

export const CitationSchema = z.object({
  type: z.enum(CITATION_TYPES).describe('What was used: a record, a note, a task or a timeline entry'),
  id: z.string(),
  label: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const RISK_FACTOR_KEYS = ['days_in_stage', 'no_recent_activity', 'close_date_passed', 'no_primary_contact', 'amount_cut', 'stage_regressed'] as const;

export const RiskFactorSchema = z.object({
  key: z.enum(RISK_FACTOR_KEYS),
  label: z.string(),
  /** Points this factor adds to the risk (the risk is their sum, at most 100). */
  weight: z.number().int().min(0).max(100),
  explanation: z.string(),
  value: z.number().nullable().describe('The measured figure (days, percent) where there is one'),
});
export type RiskFactor = z.infer<typeof RiskFactorSchema>;

export const NextActionSchema = z.object({
  key: z.string(),
  title: z.string(),
  explanation: z.string(),
  /** Because of which factor. */
  factor: z.enum(RISK_FACTOR_KEYS).nullable(),
  /** A ready POST /api/v1/tasks body. */
  task: TaskCreateSchema,
});
export type NextAction = z.infer<typeof NextActionSchema>;

export const DealInsightsSchema = z.object({
  dealId: z.string(),
  risk: z.number().int().min(0).max(100),
  level: z.enum(['low', 'medium', 'high']),
  closed: z.boolean().describe('A won or lost deal carries no risk'),
  factors: z.array(RiskFactorSchema).describe('Every rule that added points, heaviest first'),
  nextActions: z.array(NextActionSchema),
  citations: z.array(CitationSchema),
  computedAt: z.string(),
});
export type DealInsights = z.infer<typeof DealInsightsSchema>;

export const BRIEF_TYPES = ['contact', 'company', 'deal'] as const;
export type BriefType = (typeof BRIEF_TYPES)[number];

/** The part the model writes (and the rules fill when there is no model). */
export const BriefTextSchema = z.object({
  summary: z.string().describe('Two or three sentences: who or what this is and where the relationship stands'),
  who: z.string().describe('Who/what: role, company, status'),
  history: z.array(z.string()).describe('Relationship history, newest first, one line each'),
  openWork: z.array(z.string()).describe('Open tasks and open deals, one line each'),
  lastTouch: z.string().nullable().describe('The last call, email, meeting or note, with its date'),
});

export const BriefSchema = BriefTextSchema.extend({
  relatedType: z.enum(BRIEF_TYPES),
  relatedId: z.string(),
  title: z.string(),
  citations: z.array(CitationSchema),
  source: z.enum(['rules', 'model']).describe('rules: assembled offline from the facts; model: written by the configured model from the same facts'),
  model: z.string().nullable(),
});
export type Brief = z.infer<typeof BriefSchema>;

export const DRAFT_TYPES = ['contact', 'company', 'deal', 'lead'] as const;
export const DraftEmailInputSchema = z.strictObject({
  relatedType: z.enum(DRAFT_TYPES).describe('The record the email is about'),
  relatedId: z.uuid({ message: 'must be a record id' }),
  purpose: z.string().trim().min(1, 'Say what the email is for').max(500).describe('What the email is for, e.g. "the renewal", "follow up after the demo"'),
  tone: z.enum(['friendly', 'formal', 'brief']).optional().describe('friendly (default), formal or brief'),
});
export type DraftEmailInput = z.input<typeof DraftEmailInputSchema>;

export const DraftTextSchema = z.object({ subject: z.string(), body: z.string() });
export const DraftEmailSchema = DraftTextSchema.extend({
  to: z.string().nullable().describe('The recipient address, when the record has one'),
  citations: z.array(CitationSchema),
  source: z.enum(['rules', 'model']),
  model: z.string().nullable(),
});
export type DraftEmail = z.infer<typeof DraftEmailSchema>;

export const SentimentSchema = z.object({
  label: z.enum(['positive', 'neutral', 'negative']),
  /** -1 … 1: the AFINN comparative score (sum of word scores per word), clamped. */
  score: z.number(),
  words: z.object({ positive: z.array(z.string()), negative: z.array(z.string()) }),
});
export type Sentiment = z.infer<typeof SentimentSchema>;

export const RecordSentimentSchema = z.object({
  relatedType: z.string(),
  relatedId: z.string(),
  overall: SentimentSchema.omit({ words: true }).extend({ notes: z.number().int() }),
  notes: z.array(z.object({ id: z.string(), excerpt: z.string(), createdAt: z.string(), sentiment: SentimentSchema })),
});

export const INSIGHT_EVENT_KINDS = ['next_action_task', 'email_copied', 'email_opened', 'brief_copied'] as const;
export const InsightEventInputSchema = z.strictObject({
  kind: z.enum(INSIGHT_EVENT_KINDS).describe('What was done with the insight'),
  relatedType: z.enum(DRAFT_TYPES),
  relatedId: z.uuid({ message: 'must be a record id' }),
  taskId: z.uuid().optional().describe('The task made from a next action'),
  summary: z.string().trim().max(500).optional().describe('The action title or the email subject'),
});
export type InsightEventInput = z.input<typeof InsightEventInputSchema>;

export const DealsAtRiskSchema = z.object({
  scanned: z.number().int().describe('How many open deals were scored (the least recently changed first)'),
  openTotal: z.number().int(),
  deals: z.array(z.object({ dealId: z.string(), name: z.string(), amount: z.string().nullable(), currency: z.string(), stageName: z.string(), risk: z.number().int(), level: z.enum(['low', 'medium', 'high']), factors: z.array(z.string()) })),
});
export type DealsAtRisk = z.infer<typeof DealsAtRiskSchema>;
