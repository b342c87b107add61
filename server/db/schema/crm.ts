// Companies and contacts. Every index leads with organization_id (tenant scope, Citus-ready);
// list indexes are partial on live rows because lists hide soft-deleted records.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PostalAddress } from '../../../contracts/companies';
import { user } from './auth';
import { crmColumns, customFieldsColumn, personColumns, tagsColumn } from './columns';

const live = sql`deleted_at is null`;

export const companies = pgTable(
  'companies',
  {
    ...crmColumns(),
    name: text('name').notNull(),
    domain: text('domain'),
    website: text('website'),
    industry: text('industry'),
    size: text('size'),
    status: text('status').notNull().default('lead'),
    description: text('description'),
    address: text('address'),
    billingAddress: jsonb('billing_address').$type<PostalAddress>(),
    shippingAddress: jsonb('shipping_address').$type<PostalAddress>(),
    annualRevenue: numeric('annual_revenue', { precision: 18, scale: 2 }),
    employeeCount: integer('employee_count'),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
    /** What list `q` matches (name, then domain), lowercased once on write; see contacts.searchText. */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`lower(name || E'\\n' || coalesce(domain, ''))`),
  },
  (t) => [
    // companies_org_name_idx (organization_id, name, id) INCLUDE (search_text): hand-written in 0013.
    index('companies_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('companies_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    // Owner-only visibility (record_permissions read = own) filters by owner first.
    index('companies_org_owner_idx').on(t.organizationId, t.ownerId, t.createdAt, t.id).where(live),
    index('companies_org_status_idx').on(t.organizationId, t.status).where(live),
    index('companies_org_domain_idx').on(t.organizationId, t.domain),
    index('companies_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    ...crmColumns(),
    ...personColumns(),
    title: text('title'),
    department: text('department'),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('lead'),
    source: text('source'),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
    linkedinUrl: text('linkedin_url'),
    mobile: text('mobile'),
    twitterUrl: text('twitter_url'),
    githubUrl: text('github_url'),
    websiteUrl: text('website_url'),
    emailOptOut: boolean('email_opt_out').notNull().default(false),
    doNotCall: boolean('do_not_call').notNull().default(false),
    preferredChannel: text('preferred_channel'),
    about: text('about'),
    /** 0–100 from fit and engagement (modules/insights/scoring.ts), or a person's override. */
    score: integer('score'),
    /** The rules behind the computed score: [{key, label, points, explanation}] (kept when overridden). */
    scoreFactors: jsonb('score_factors').$type<Record<string, unknown>[]>(),
    /** The score was set by a person; recomputation leaves it until it is cleared (score: null). */
    scoreOverridden: boolean('score_overridden').notNull().default(false),
    /**
     * What list `q` matches (name, then email), lowercased once on write so each row is a plain
     * LIKE, and covered by the name index so a `q` page is an index-only scan (migration 0013).
     */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`lower(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) || E'\\n' || coalesce(email, ''))`),
  },
  (t) => [
    uniqueIndex('contacts_org_email_uq').on(t.organizationId, t.email).where(live),
    // contacts_org_name_idx (organization_id, full_name, id) INCLUDE (search_text): hand-written in
    // 0013 (drizzle-kit cannot declare INCLUDE).
    index('contacts_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('contacts_org_score_idx').on(t.organizationId, t.score, t.id).where(live),
    index('contacts_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    // Owner-only visibility (record_permissions read = own) filters by owner first.
    index('contacts_org_owner_idx').on(t.organizationId, t.ownerId, t.createdAt, t.id).where(live),
    index('contacts_org_company_status_idx').on(t.organizationId, t.companyId, t.status, t.fullName, t.id).where(live),
    index('contacts_name_trgm_idx').using('gin', sql`${t.fullName} gin_trgm_ops`),
    index('contacts_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
  ],
);
