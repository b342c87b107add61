// The sales pipeline: pipelines with ordered stages, deals moving through them, leads that
// convert into company + contact + deal + task, and the campaigns deals are attributed to.
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { crmColumns, customFieldsColumn, personColumns, tagsColumn, ts } from './columns';
import { companies, contacts } from './crm';

const live = sql`deleted_at is null`;

export const pipelines = pgTable(
  'pipelines',
  {
    ...crmColumns(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    isDefault: boolean('is_default').notNull().default(false),
  },
  (t) => [index('pipelines_org_position_idx').on(t.organizationId, t.position).where(live)],
);

export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    /** Default win probability of deals in this stage, 0–100. */
    probability: integer('probability').notNull(),
    /** open | won | lost */
    kind: text('kind').notNull().default('open'),
    /** A deal longer than this in the stage is stale (deal-aging report). */
    staleAfterDays: integer('stale_after_days'),
    /** A deal with no activity for this many days is rotting (the board colours it); null: never. */
    rottingDays: integer('rotting_days'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('pipeline_stages_org_pipeline_idx').on(t.organizationId, t.pipelineId, t.position)],
);

export const campaigns = pgTable(
  'campaigns',
  {
    ...crmColumns(),
    name: text('name').notNull(),
    description: text('description'),
    type: text('type').notNull().default('other'),
    status: text('status').notNull().default('planning'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    budget: numeric('budget', { precision: 18, scale: 2 }),
    actualCost: numeric('actual_cost', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('USD'),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    goals: text('goals'),
    emailSubject: text('email_subject'),
    emailBody: text('email_body'),
    /** Set when an admin or the owner confirmed sending; the send job mails its pending members. */
    sendRequestedAt: ts('send_requested_at'),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
  },
  (t) => [
    index('campaigns_org_sending_idx').on(t.sendRequestedAt).where(sql`send_requested_at is not null and deleted_at is null`),
    index('campaigns_org_name_idx').on(t.organizationId, t.name, t.id).where(live),
    index('campaigns_org_status_idx').on(t.organizationId, t.status).where(live),
    index('campaigns_org_updated_idx').on(t.organizationId, t.updatedAt, t.id).where(live),
    index('campaigns_org_owner_idx').on(t.organizationId, t.ownerId, t.createdAt, t.id).where(live),
    index('campaigns_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/**
 * Contacts in a campaign, once each (the unique key makes adding idempotent), with the furthest
 * engagement step reached and when each step happened. Not a record type of its own: it is written
 * by the campaign's member actions, which record the change on the campaign's timeline.
 */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** sent | delivered | opened | clicked | bounced | unsubscribed; null until something was sent. */
    status: text('status'),
    addedAt: ts('added_at').notNull().defaultNow(),
    addedBy: text('added_by').references(() => user.id, { onDelete: 'set null' }),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
    openedAt: ts('opened_at'),
    clickedAt: ts('clicked_at'),
    bouncedAt: ts('bounced_at'),
    unsubscribedAt: ts('unsubscribed_at'),
    /** Why the last send to this member failed; later passes skip the member until it is cleared (a refused address fails every time). */
    sendError: text('send_error'),
  },
  (t) => [
    uniqueIndex('campaign_members_org_campaign_contact_uq').on(t.organizationId, t.campaignId, t.contactId),
    // The members page pages by (added_at, id).
    index('campaign_members_org_campaign_added_idx').on(t.organizationId, t.campaignId, t.addedAt, t.id),
    index('campaign_members_org_contact_idx').on(t.organizationId, t.contactId),
    // The send job's throttle counts what went out in the last minute.
    index('campaign_members_sent_idx').on(t.sentAt),
  ],
);

export const deals = pgTable(
  'deals',
  {
    ...crmColumns(),
    name: text('name').notNull(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    /** Order within the board column (fractional, so a move rewrites one row). */
    position: doublePrecision('position').notNull().default(0),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('USD'),
    /** Null: the stage's default probability applies. */
    probability: integer('probability'),
    expectedCloseDate: date('expected_close_date'),
    closedAt: ts('closed_at'),
    stageEnteredAt: ts('stage_entered_at').notNull().defaultNow(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    primaryContactId: uuid('primary_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    contactIds: uuid('contact_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    source: text('source'),
    lostReason: text('lost_reason'),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
    description: text('description'),
    /** The campaign the deal is attributed to (its metrics count it). */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('deals_org_campaign_idx').on(t.organizationId, t.campaignId).where(live),
    index('deals_org_pipeline_stage_idx').on(t.organizationId, t.pipelineId, t.stageId, t.position).where(live),
    // The board pages through a whole pipeline by position; the aging report reads oldest stage entries first.
    index('deals_org_pipeline_position_idx').on(t.organizationId, t.pipelineId, t.position, t.id).where(live),
    index('deals_org_pipeline_entered_idx').on(t.organizationId, t.pipelineId, t.stageEnteredAt, t.id).where(live),
    index('deals_org_name_idx').on(t.organizationId, t.name, t.id).where(live),
    index('deals_org_close_idx').on(t.organizationId, t.expectedCloseDate).where(live),
    index('deals_org_company_idx').on(t.organizationId, t.companyId).where(live),
    index('deals_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('deals_org_owner_idx').on(t.organizationId, t.ownerId, t.createdAt, t.id).where(live),
    index('deals_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export const leads = pgTable(
  'leads',
  {
    ...crmColumns(),
    ...personColumns(),
    companyName: text('company_name'),
    title: text('title'),
    source: text('source'),
    status: text('status').notNull().default('new'),
    /** 0–100 from fit and engagement (modules/insights/scoring.ts), or a person's override. */
    score: integer('score'),
    /** The rules behind the computed score (kept when overridden). */
    scoreFactors: jsonb('score_factors').$type<Record<string, unknown>[]>(),
    /** The score was set by a person; recomputation leaves it until it is cleared (score: null). */
    scoreOverridden: boolean('score_overridden').notNull().default(false),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    notes: text('notes'),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
    convertedAt: ts('converted_at'),
    convertedCompanyId: uuid('converted_company_id'),
    convertedContactId: uuid('converted_contact_id'),
    convertedDealId: uuid('converted_deal_id'),
  },
  (t) => [
    index('leads_org_name_idx').on(t.organizationId, t.fullName, t.id).where(live),
    index('leads_org_score_idx').on(t.organizationId, t.score, t.id).where(live),
    index('leads_org_status_idx').on(t.organizationId, t.status).where(live),
    index('leads_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('leads_org_owner_idx').on(t.organizationId, t.ownerId, t.createdAt, t.id).where(live),
    index('leads_name_trgm_idx').using('gin', sql`${t.fullName} gin_trgm_ops`),
    uniqueIndex('leads_org_converted_deal_uq').on(t.organizationId, t.convertedDealId),
  ],
);
