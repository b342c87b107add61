// Leads, and their conversion into company + contact + deal + follow-up task in one transaction.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { LEAD_STATUSES, LeadConvertSchema, LeadCreateSchema, LeadSchema, LeadUpdateSchema } from '../../../contracts/sales';
import { companies, contacts, leads } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { crudService, defineEntity, nextVersion, present, type Row } from '../../lib/crud';
import { conflict, fieldError, parseInput, notFound } from '../../lib/errors';
import { checkOwner, requireNameOr } from '../../lib/references';
import { requireRole } from '../../lib/roles';
import { assertMayEdit, readable } from '../../lib/visibility';
import { companyService } from '../companies/companies.service';
import { contactService } from '../contacts/contacts.service';
import { dealService } from '../deals/deals.service';
import { taskService } from '../tasks/tasks.service';
import { withNormalizedPhone } from '../../lib/phone';
import { SCORE_FIELDS, withScore } from '../insights/scoring';

const t = leads;

/** Mailbox providers: their domain says nothing about the lead's company. */
const FREEMAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 'yandex.ru', 'mail.ru', 'qq.com']);

export const leadEntity = defineEntity('lead', {
  table: t,
  createSchema: LeadCreateSchema,
  updateSchema: LeadUpdateSchema,
  itemSchema: LeadSchema,
  example: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example', companyName: 'Navy Labs', source: 'webinar', score: 70 },
  list: {
    defaultSort: '-createdAt',
    fields: {
      id: { column: t.id, type: 'uuid' },
      name: { column: t.fullName, type: 'text' },
      email: { column: t.email, type: 'text' },
      companyName: { column: t.companyName, type: 'text' },
      title: { column: t.title, type: 'text' },
      source: { column: t.source, type: 'text' },
      status: { column: t.status, type: 'enum', values: LEAD_STATUSES },
      score: { column: t.score, type: 'number' },
      ownerId: { column: t.ownerId, type: 'text' },
      tags: { column: t.tags, type: 'tags' },
      createdAt: { column: t.createdAt, type: 'date' },
      updatedAt: { column: t.updatedAt, type: 'date' },
    },
    search: (p) => or(sql`${t.fullName} ilike ${p}`, sql`${t.email} ilike ${p}`, sql`${t.companyName} ilike ${p}`)!,
  },
  // Phones in E.164 when readable (lib/phone.ts); on every write path, imports included.
  // The score from fit and engagement, or a person's override (modules/insights/scoring.ts).
  derived: SCORE_FIELDS,
  prepare: (w, values, existing) => withScore(w, 'lead', withNormalizedPhone(values), existing),
  validate: (r) => {
    requireNameOr(r, ['email', 'companyName'], 'A lead needs a name, an email or a company');
    if (r.status === 'converted' && !r.convertedAt) throw fieldError('status', 'use POST /leads/{id}/convert to convert a lead');
  },
  checkReferences: (tx, ctx, v) => checkOwner(tx, ctx, v.ownerId),
});

export const leadService = crudService(leadEntity);

/** Days until the default follow-up task of a conversion is due. */
const FOLLOW_UP_DAYS = 2;

/**
 * Converts a lead into company + contact + deal (+ follow-up task) in one transaction. Each record
 * is made through its own entity's write path (with its rules, activity and event).
 */
export async function convertLead(ctx: ServiceContext, id: string, input: unknown) {
  requireRole(ctx, 'member');
  const opts = parseInput(LeadConvertSchema, input ?? {});
  return ctx.db.transaction(async (tx) => {
    const txCtx: ServiceContext = { ...ctx, db: tx };
    const [lead] = (await tx.select().from(t).where(and(eq(t.id, id), eq(t.organizationId, ctx.orgId), isNull(t.deletedAt), readable(ctx, 'lead'))).for('update')) as unknown as Row[];
    if (!lead) throw notFound('Lead');
    await assertMayEdit(tx, ctx, 'lead', id, 'Lead');
    if (lead.convertedAt) throw conflict('This lead was already converted', [{ path: 'id', message: `converted to deal ${String(lead.convertedDealId)}` }]);
    const email = (lead.email as string | null) ?? null;
    const domain = email?.split('@')[1]?.toLowerCase();
    const companyName = (lead.companyName as string | null)?.trim() || null;

    // Company: match by the email's domain, then by name; create it when neither matches.
    let company: { id: string; name: string } | undefined;
    if (domain && !FREEMAIL.has(domain)) {
      [company] = await tx.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.organizationId, ctx.orgId), isNull(companies.deletedAt), eq(companies.domain, domain))).limit(1);
    }
    if (!company && companyName) {
      [company] = await tx.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.organizationId, ctx.orgId), isNull(companies.deletedAt), sql`lower(${companies.name}) = lower(${companyName})`)).limit(1);
    }
    let companyCreated = false;
    if (!company && (companyName || (domain && !FREEMAIL.has(domain)))) {
      const made = await companyService.create(txCtx, { name: companyName ?? domain!, domain: domain && !FREEMAIL.has(domain) ? domain : null, status: 'prospect', ownerId: lead.ownerId ?? null, tags: [] });
      company = { id: made.id, name: made.name as string };
      companyCreated = true;
    }

    // Contact: match by email; otherwise create it at the company.
    let contact: { id: string } | undefined;
    if (email) [contact] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.organizationId, ctx.orgId), isNull(contacts.deletedAt), eq(contacts.email, email))).limit(1);
    const contactCreated = !contact;
    if (!contact) {
      contact = await contactService.create(txCtx, {
        firstName: lead.firstName, lastName: lead.lastName, email, phone: lead.phone, title: lead.title,
        companyId: company?.id ?? null, source: lead.source, ownerId: lead.ownerId, status: 'prospect', tags: [],
      });
    }

    const deal = await dealService.create(txCtx, {
      name: opts.dealName ?? `${company?.name ?? lead.fullName} deal`,
      amount: opts.amount ?? null,
      pipelineId: opts.pipelineId,
      companyId: company?.id ?? null,
      primaryContactId: contact.id,
      ownerId: lead.ownerId ?? null,
      source: lead.source ?? null,
    });
    // A follow-up task by default, as sales teams expect from a conversion; `createTask: false` skips it.
    const taskOpts = opts.createTask === false ? null : (opts.createTask ?? {});
    const who = (lead.fullName as string | null)?.trim() || email || company?.name || 'the lead';
    const task = taskOpts
      ? await taskService.create(txCtx, {
          title: taskOpts.title ?? `Follow up with ${who}`,
          dueAt: taskOpts.dueAt ?? new Date(Date.now() + FOLLOW_UP_DAYS * 86_400_000).toISOString(),
          type: 'follow_up', relatedType: 'deal', relatedId: deal.id, assigneeId: (lead.ownerId as string | null) ?? ctx.actor.userId,
        })
      : null;

    const now = new Date();
    const [converted] = (await tx
      .update(t)
      .set({ status: 'converted', convertedAt: now, convertedCompanyId: company?.id ?? null, convertedContactId: contact.id, convertedDealId: deal.id, updatedAt: now, version: nextVersion(t) })
      .where(eq(t.id, id))
      .returning()) as unknown as Row[];
    await recordChange(tx, ctx.orgId, ctx.actor, {
      entityType: 'lead', entityId: id, action: 'converted',
      before: { status: lead.status },
      after: { status: 'converted', companyId: company?.id ?? null, contactId: contact.id, dealId: deal.id, taskId: task?.id ?? null },
    });
    return {
      lead: present(converted),
      company: company ? { ...company, created: companyCreated } : null,
      contact: { id: contact.id, created: contactCreated },
      deal,
      task,
    };
  });
}
