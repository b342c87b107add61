// Campaigns (issue 15.1): a marketing effort with a budget, its members (contacts) and what it
// brought in (deals carry campaignId). Amounts are exact decimals like a deal's amount.
import { z } from 'zod';
import { DecimalSchema, isoDate, TagsSchema, VersionSchema } from './common';
import { CustomFieldValuesSchema } from './custom-fields';

export const CAMPAIGN_TYPES = ['email', 'social', 'webinar', 'event', 'content', 'other'] as const;
export const CAMPAIGN_STATUSES = ['planning', 'active', 'paused', 'completed', 'cancelled'] as const;
/** A member's engagement, furthest step first reached; null until anything was sent. */
export const MEMBER_STATUSES = ['sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const campaignFields = {
  name: z.string().trim().min(1, 'Name is required').max(200).describe('Campaign name'),
  description: z.string().max(20000).nullable().describe('What the campaign is about'),
  type: z.enum(CAMPAIGN_TYPES).describe('email, social, webinar, event, content or other'),
  status: z.enum(CAMPAIGN_STATUSES).describe('planning, active, paused, completed or cancelled'),
  startDate: isoDate().nullable().describe('Start date (YYYY-MM-DD)'),
  endDate: isoDate().nullable().describe('End date (YYYY-MM-DD)'),
  budget: DecimalSchema.nullable().describe('Planned spend, exact decimal'),
  actualCost: DecimalSchema.nullable().describe('Money actually spent, exact decimal (cost per conversion and ROI use it)'),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code').describe('ISO 4217 code of budget and cost, e.g. USD'),
  ownerId: z.string().min(1).nullable().describe('User id of the owner'),
  goals: z.string().max(5000).nullable().describe('What the campaign should achieve'),
  emailSubject: z.string().trim().max(300).nullable().describe('Email campaigns: the subject; merge fields as in the body'),
  emailBody: z.string().max(50000).nullable().describe('Email campaigns: the message text with merge fields {{firstName}}, {{lastName}}, {{fullName}}, {{email}}, {{company}}, {{owner}}; links become tracked links'),
  tags: TagsSchema.describe('Labels'),
  customFields: CustomFieldValuesSchema,
};

const datesInOrder = (c: { startDate?: string | null; endDate?: string | null }) => !c.startDate || !c.endDate || c.startDate <= c.endDate;

export const CampaignUpdateSchema = z.strictObject(campaignFields).partial();
export const CampaignCreateSchema = CampaignUpdateSchema.extend({
  name: campaignFields.name,
  type: campaignFields.type.default('other'),
  status: campaignFields.status.default('planning'),
  currency: campaignFields.currency.default('USD'),
  tags: TagsSchema.default([]),
}).refine(datesInOrder, { message: 'must be on or after the start date', path: ['endDate'] });

export const CampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.enum(CAMPAIGN_TYPES),
  status: z.enum(CAMPAIGN_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: z.string().nullable(),
  actualCost: z.string().nullable(),
  currency: z.string(),
  ownerId: z.string().nullable(),
  goals: z.string().nullable(),
  emailSubject: z.string().nullable(),
  emailBody: z.string().nullable(),
  sendRequestedAt: z.string().nullable().describe('When sending was confirmed (null: not sent)'),
  memberCount: z.number().optional().describe('Contacts in the campaign'),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** Exactly one of contactIds or filter (the contacts list's filter, and optionally its q). */
export const CampaignMembersAddSchema = z
  .strictObject({
    contactIds: z.array(z.uuid({ message: 'must be a contact id (UUID)' })).min(1).max(1000).optional().describe('Contacts to add'),
    filter: z.record(z.string(), z.unknown()).optional().describe('Add every contact this filter matches (same JSON as GET /contacts?filter=)'),
    q: z.string().max(200).optional().describe('With filter: free text as GET /contacts?q='),
  })
  .refine((b) => (b.contactIds === undefined) !== (b.filter === undefined), { message: 'give either contactIds or filter', path: ['contactIds'] });
export type CampaignMembersAdd = z.infer<typeof CampaignMembersAddSchema>;

export const CampaignMembersAddedSchema = z.object({
  added: z.number().describe('Contacts that became members now'),
  alreadyMembers: z.number().describe('Contacts that were members already (left as they were)'),
  total: z.number().describe('Members of the campaign after this call'),
});

export const CampaignMemberSchema = z.object({
  contactId: z.string(),
  contact: z.object({ id: z.string(), fullName: z.string(), email: z.string().nullable(), companyId: z.string().nullable(), emailOptOut: z.boolean() }),
  status: z.enum(MEMBER_STATUSES).nullable(),
  addedAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
  bouncedAt: z.string().nullable(),
  unsubscribedAt: z.string().nullable(),
});
export type CampaignMember = z.infer<typeof CampaignMemberSchema>;

export const CampaignMetricsSchema = z.object({
  members: z.number(),
  /** Members whose furthest step is each status, and its share of all members (null with no members). */
  byStatus: z.record(z.enum(MEMBER_STATUSES), z.object({ count: z.number(), rate: z.number().nullable() })),
  /** Members that reached at least each step (an opened member was also sent and delivered). */
  reached: z.record(z.enum(MEMBER_STATUSES), z.object({ count: z.number(), rate: z.number().nullable() })),
  deals: z.object({ attributed: z.number(), open: z.number(), won: z.number(), lost: z.number() }),
  wonAmount: z.string().describe('Sum of the won deals\' amounts'),
  actualCost: z.string().nullable(),
  costPerConversion: z.string().nullable().describe('actualCost / won deals; null without cost or won deals'),
  roi: z.number().nullable().describe('(won amount − actualCost) / actualCost; null without a cost above zero'),
});
export type CampaignMetrics = z.infer<typeof CampaignMetricsSchema>;

/** The merge fields a template may use. */
export const MERGE_FIELDS = ['firstName', 'lastName', 'fullName', 'email', 'company', 'owner'] as const;
export const MERGE_FIELD_RE = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Merge fields a template names that do not exist (a campaign with one is refused). */
export function unknownMergeFields(template: string | null | undefined): string[] {
  if (!template) return [];
  return [...template.matchAll(MERGE_FIELD_RE)].map((x) => x[1]).filter((f) => !(MERGE_FIELDS as readonly string[]).includes(f));
}

export const CampaignTestSendSchema = z.strictObject({
  to: z.email({ message: 'must be a valid email address' }).describe('Where the test message goes (merge fields filled from the first member, or sample values)'),
});
/** Sending needs an explicit confirmation in the body, from an admin or the campaign's owner. */
export const CampaignSendSchema = z.strictObject({
  confirm: z.literal(true, { message: 'sending mails every eligible member: confirm with true' }).describe('Must be true'),
});
export const CampaignSendResultSchema = z.object({
  queued: z.number().describe('Members who will be mailed'),
  skipped: z.object({ optedOut: z.number(), bounced: z.number(), noEmail: z.number(), alreadySent: z.number() }),
  perMinute: z.number().describe('The sending rate (CAMPAIGN_SENDS_PER_MINUTE)'),
});
