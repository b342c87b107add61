import { sql } from 'drizzle-orm';
import { CONTACT_CHANNELS, CONTACT_STATUSES, ContactCreateSchema, ContactSchema, ContactUpdateSchema } from '../../../contracts/contacts';
import { contacts } from '../../db/schema';
import { crudService, defineEntity } from '../../lib/crud';
import { registerUniqueMessage } from '../../lib/errors';
import { checkCompany, checkCompanyAndOwnerMany, checkOwner, companiesOf, requireNameOr } from '../../lib/references';
import { withNormalizedPhone } from '../../lib/phone';
import { SCORE_FIELDS, withScore } from '../insights/scoring';

const t = contacts;

registerUniqueMessage('contacts_org_email_uq', { path: 'email', message: 'Another contact in this organization already has this email' });

export const contactEntity = defineEntity('contact', {
  table: t,
  createSchema: ContactCreateSchema,
  updateSchema: ContactUpdateSchema,
  itemSchema: ContactSchema,
  example: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example', title: 'CTO', status: 'lead', tags: ['vip'] },
  list: {
    defaultSort: 'name',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.fullName, type: 'text' },
      firstName: { column: t.firstName, type: 'text' },
      lastName: { column: t.lastName, type: 'text' },
      email: { column: t.email, type: 'text' },
      phone: { column: t.phone, type: 'text', sortable: false },
      mobile: { column: t.mobile, type: 'text', sortable: false },
      title: { column: t.title, type: 'text' },
      department: { column: t.department, type: 'text' },
      companyId: { column: t.companyId, type: 'uuid' },
      status: { column: t.status, type: 'enum', values: CONTACT_STATUSES },
      source: { column: t.source, type: 'text' },
      emailOptOut: { column: t.emailOptOut, type: 'boolean' },
      doNotCall: { column: t.doNotCall, type: 'boolean' },
      preferredChannel: { column: t.preferredChannel, type: 'enum', values: CONTACT_CHANNELS },
      ownerId: { column: t.ownerId, type: 'text' },
      score: { column: t.score, type: 'number' },
      tags: { column: t.tags, type: 'tags' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    // One lowercased column, one plain LIKE: see schema/crm.ts searchText.
    search: (p) => sql`${t.searchText} like lower(${p})`,
  },
  // Phones in E.164 when readable (lib/phone.ts); on every write path, imports included.
  // The score from fit and engagement, or a person's override (modules/insights/scoring.ts).
  derived: SCORE_FIELDS,
  prepare: (w, values, existing) => withScore(w, 'contact', withNormalizedPhone(values, ['phone', 'mobile']), existing),
  validate: (r) => requireNameOr(r, ['email'], 'A contact needs a name or an email'),
  checkReferences: async (tx, ctx, v) => {
    await checkCompany(tx, ctx, v.companyId);
    await checkOwner(tx, ctx, v.ownerId);
  },
  checkReferencesMany: checkCompanyAndOwnerMany,
  // Each contact carries its company's id and name (one query per page).
  expand: async (db, ctx, rows) => {
    const byId = await companiesOf(db, ctx, rows);
    return rows.map((r) => ({ ...r, company: byId.get(r.companyId as string) ?? null }));
  },
});

export const contactService = crudService(contactEntity);
