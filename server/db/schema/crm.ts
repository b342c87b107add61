// Companies and contacts. Every index leads with organization_id (tenant scope, Citus-ready);
// list indexes are partial on live rows because lists hide soft-deleted records.
import { sql } from 'drizzle-orm';
import { index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    annualRevenue: numeric('annual_revenue', { precision: 18, scale: 2 }),
    employeeCount: integer('employee_count'),
    ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
    tags: tagsColumn(),
    customFields: customFieldsColumn(),
  },
  (t) => [
    index('companies_org_name_idx').on(t.organizationId, t.name, t.id).where(live),
    index('companies_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
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
    about: text('about'),
  },
  (t) => [
    uniqueIndex('contacts_org_email_uq').on(t.organizationId, t.email).where(live),
    index('contacts_org_name_idx').on(t.organizationId, t.fullName, t.id).where(live),
    index('contacts_org_created_idx').on(t.organizationId, t.createdAt, t.id).where(live),
    index('contacts_org_company_status_idx').on(t.organizationId, t.companyId, t.status, t.fullName, t.id).where(live),
    index('contacts_name_trgm_idx').using('gin', sql`${t.fullName} gin_trgm_ops`),
    index('contacts_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
  ],
);
