import { scoreInput, scoreOutputFields } from './scores';
import { z } from 'zod';
import { CustomFieldValuesSchema } from './custom-fields';
import { DecimalSchema, isoDate, isoDateTime, TagsSchema, VersionSchema } from './common';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;

export const StageInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Stage name is required').max(100),
  probability: z.number().int().min(0).max(100).describe('Default win probability, 0–100'),
  kind: z.enum(STAGE_KINDS).default('open').describe('open, won or lost'),
  staleAfterDays: z.number().int().min(1).max(3650).nullable().optional().describe('A deal longer than this in the stage is stale'),
  rottingDays: z.number().int().min(1).max(3650).nullable().optional().describe('A deal with no activity for this many days is rotting (the board colours it)'),
});
export const StageUpdateSchema = z.strictObject({
  name: StageInputSchema.shape.name,
  probability: StageInputSchema.shape.probability,
  kind: z.enum(STAGE_KINDS),
  staleAfterDays: z.number().int().min(1).max(3650).nullable(),
  rottingDays: z.number().int().min(1).max(3650).nullable(),
}).partial();
export const StageSchema = z.object({
  id: z.string(),
  pipelineId: z.string(),
  name: z.string(),
  position: z.number(),
  probability: z.number(),
  kind: z.enum(STAGE_KINDS),
  staleAfterDays: z.number().nullable(),
  rottingDays: z.number().nullable(),
});
export type Stage = z.infer<typeof StageSchema>;

export const PipelineCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(100),
  stages: z.array(StageInputSchema).min(1).max(30).optional().describe('Ordered stages; a standard set when omitted'),
});
export const PipelineUpdateSchema = z.strictObject({ name: PipelineCreateSchema.shape.name });
export const PipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  isDefault: z.boolean(),
  stages: z.array(StageSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;

const dealFields = {
  name: z.string().trim().min(1, 'Name is required').max(200).describe('Deal name'),
  pipelineId: z.uuid().describe('Pipeline; the default one when omitted'),
  stageId: z.uuid().describe('Stage; the first open stage when omitted'),
  amount: DecimalSchema.nullable().describe('Deal value, exact decimal'),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code').describe('ISO 4217 code, e.g. USD'),
  probability: z.number().int().min(0).max(100).nullable().describe('Win probability; null uses the stage default'),
  expectedCloseDate: isoDate().nullable().describe('Expected close date (YYYY-MM-DD)'),
  companyId: z.uuid().nullable().describe('Company the deal is with'),
  primaryContactId: z.uuid().nullable().describe('Main contact'),
  contactIds: z.array(z.uuid()).max(50).describe('Further contacts'),
  ownerId: z.string().min(1).nullable().describe('User id of the owner'),
  source: z.string().trim().max(100).nullable().describe('Where the deal came from'),
  lostReason: z.string().trim().max(500).nullable().describe('Why it was lost (required when moved to a lost stage)'),
  tags: TagsSchema.describe('Labels'),
  description: z.string().max(20000).nullable().describe('Notes on the deal'),
  campaignId: z.uuid().nullable().describe('Campaign the deal is attributed to'),
  customFields: CustomFieldValuesSchema,
};
export const DealUpdateSchema = z.strictObject(dealFields).partial();
export const DealCreateSchema = DealUpdateSchema.extend({
  name: dealFields.name,
  currency: dealFields.currency.default('USD'),
  contactIds: dealFields.contactIds.default([]),
  tags: TagsSchema.default([]),
});
export const DealMoveSchema = z.strictObject({
  stageId: z.uuid().describe('Target stage'),
  position: z.number().int().min(0).optional().describe('Index in the target column (0 = top); the end when omitted'),
  reason: z.string().trim().min(1).max(500).optional().describe('Lost reason, required for a lost stage'),
});
export const DealSchema = z.object({
  id: z.string(),
  name: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  stage: z.object({ id: z.string(), name: z.string(), kind: z.enum(STAGE_KINDS), probability: z.number() }).optional(),
  position: z.number(),
  amount: z.string().nullable(),
  currency: z.string(),
  probability: z.number().nullable(),
  effectiveProbability: z.number().optional(),
  weightedAmount: z.string().nullable().optional(),
  expectedCloseDate: z.string().nullable(),
  closedAt: z.string().nullable(),
  stageEnteredAt: z.string(),
  lastActivityAt: z.string().nullable().optional().describe('When anything last happened on the deal (a change, note, call or task on it)'),
  companyId: z.string().nullable(),
  company: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  primaryContactId: z.string().nullable(),
  contactIds: z.array(z.string()),
  ownerId: z.string().nullable(),
  source: z.string().nullable(),
  lostReason: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Deal = z.infer<typeof DealSchema>;

const leadFields = {
  firstName: z.string().trim().max(100).nullable().describe('Given name'),
  lastName: z.string().trim().max(100).nullable().describe('Family name'),
  email: z.email({ message: 'must be a valid email address' }).trim().toLowerCase().max(320).nullable().describe('Email address'),
  phone: z.string().trim().max(50).nullable().describe('Phone number'),
  companyName: z.string().trim().max(200).nullable().describe('Company the lead works at'),
  title: z.string().trim().max(200).nullable().describe('Job title'),
  source: z.string().trim().max(100).nullable().describe('Where the lead came from'),
  status: z.enum(LEAD_STATUSES).describe('new, contacted, qualified, unqualified (converted is set by conversion)'),
  score: scoreInput.describe('Lead score, 0–100: computed from fit and engagement; a value set here is a manual override (null clears it and recomputes)'),
  ownerId: z.string().min(1).nullable().describe('User id of the owner'),
  notes: z.string().max(20000).nullable().describe('Free-text notes'),
  tags: TagsSchema.describe('Labels'),
  customFields: CustomFieldValuesSchema,
};
export const LeadUpdateSchema = z.strictObject(leadFields).partial();
export const LeadCreateSchema = LeadUpdateSchema.extend({ status: leadFields.status.default('new'), tags: TagsSchema.default([]) });
export const LeadConvertSchema = z.strictObject({
  dealName: z.string().trim().min(1).max(200).optional().describe('Name of the new deal; from the company when omitted'),
  amount: DecimalSchema.optional().describe('Deal amount'),
  pipelineId: z.uuid().optional().describe('Pipeline for the deal; the default one when omitted'),
  createTask: z
    .union([
      z.literal(false),
      z.strictObject({
        title: z.string().trim().min(1).max(300).optional().describe('Task title; "Follow up with <contact>" when omitted'),
        dueAt: isoDateTime().optional().describe('When it is due; two days from now when omitted'),
      }),
    ])
    .optional()
    .describe('The follow-up task made with the deal (made by default): an object sets its title/due date, false skips it'),
});
export const LeadSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyName: z.string().nullable(),
  title: z.string().nullable(),
  source: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  ...scoreOutputFields,
  ownerId: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  convertedAt: z.string().nullable(),
  convertedCompanyId: z.string().nullable(),
  convertedContactId: z.string().nullable(),
  convertedDealId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Lead = z.infer<typeof LeadSchema>;
