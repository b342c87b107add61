import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { COMPANY_SIZES, COMPANY_STATUSES, CompanyCreateSchema, CompanySchema, CompanyUpdateSchema } from '../../../contracts/companies';
import { companies, contacts } from '../../db/schema';
import { crudService, defineEntity } from '../../lib/crud';
import { checkOwner } from '../../lib/references';

const t = companies;

export const companyEntity = defineEntity('company', {
  table: t,
  createSchema: CompanyCreateSchema,
  updateSchema: CompanyUpdateSchema,
  itemSchema: CompanySchema,
  example: { name: 'Acme Corporation', domain: 'acme.example', industry: 'Manufacturing', status: 'prospect', tags: ['priority'] },
  list: {
    defaultSort: 'name',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.name, type: 'text' },
      domain: { column: t.domain, type: 'text' },
      website: { column: t.website, type: 'text', sortable: false },
      industry: { column: t.industry, type: 'text' },
      size: { column: t.size, type: 'enum', values: COMPANY_SIZES },
      status: { column: t.status, type: 'enum', values: COMPANY_STATUSES },
      annualRevenue: { column: t.annualRevenue, type: 'decimal' },
      employeeCount: { column: t.employeeCount, type: 'number' },
      ownerId: { column: t.ownerId, type: 'text' },
      tags: { column: t.tags, type: 'tags' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    // One lowercased column, one plain LIKE: see schema/crm.ts searchText.
    search: (p) => sql`${t.searchText} like lower(${p})`,
  },
  checkReferences: (tx, ctx, v) => checkOwner(tx, ctx, v.ownerId),
  // How many live contacts each company has: one grouped query per page.
  expand: async (db, ctx, rows) => {
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return rows;
    const counts = await db
      .select({ companyId: contacts.companyId, n: count() })
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.orgId), inArray(contacts.companyId, ids), isNull(contacts.deletedAt)))
      .groupBy(contacts.companyId);
    const byId = new Map(counts.map((c) => [c.companyId, c.n]));
    return rows.map((r) => ({ ...r, contactCount: byId.get(r.id) ?? 0 }));
  },
});

export const companyService = crudService(companyEntity);
