// Duplicates: likely pairs of contacts or companies, and merging them into one survivor that keeps
// its own values, fills its blanks from the others, and takes over everything that pointed at them
// (notes, tasks, deals, projects, contacts, attachments, timeline) — in one transaction.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { activities, attachments, contacts, deals, notes, projects, tasks } from '../../db/schema';
import { recordChange, recordChanges } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { nextVersion, present, type CrudService, type Row } from '../../lib/crud';
import { fieldError, parseInput, notFound } from '../../lib/errors';
import { requireRole } from '../../lib/roles';
import { assertMayEdit, readable } from '../../lib/visibility';
import { companyService } from '../companies/companies.service';
import { contactService } from '../contacts/contacts.service';

export const MergeInputSchema = z.strictObject({
  otherIds: z.array(z.uuid()).min(1, 'Name at least one record to merge into this one').max(20).describe('Records to merge into this one (they are deleted, restorable)'),
});

/** Each record a merge re-pointed gets its own activity and outbox event, like any other write. */
async function moved(tx: Tx, ctx: ServiceContext, entityType: string, rows: { id: string }[], field: string, survivor: string, others: string[]) {
  await recordChanges(tx, ctx.orgId, ctx.actor, rows.map((r) => ({ entityType, entityId: r.id, action: 'updated', before: { [field]: others.length === 1 ? others[0] : others }, after: { [field]: survivor } })));
}

/** Fields never copied from the others: identity, tenancy, bookkeeping. */
// The score is the survivor's own: recomputed by the fill's write (modules/insights/scoring.ts).
const KEEP = new Set(['id', 'organizationId', 'createdAt', 'updatedAt', 'deletedAt', 'createdBy', 'fullName', 'version', 'score', 'scoreFactors', 'scoreOverridden']);

import type { DuplicatePair } from '../../../contracts/responses';

const kinds = {
  contact: {
    service: contactService,
    // Same email (when one is blank it cannot clash), or names that read alike, more so at the same company.
    pairs: (orgId: string) => sql`
      select a.id::text as a_id, b.id::text as b_id, a.full_name as a_title, b.full_name as b_title,
             similarity(a.full_name, b.full_name)::float8 as name_sim,
             (a.company_id is not null and a.company_id = b.company_id) as same_company,
             (lower(split_part(a.email, '@', 1)) = lower(split_part(b.email, '@', 1)) and a.email is not null and b.email is not null) as same_mailbox
      from contacts a join contacts b on b.organization_id = a.organization_id and a.id < b.id and b.deleted_at is null
      where a.organization_id = ${orgId} and a.deleted_at is null and a.full_name <> ''
        and (a.full_name % b.full_name or (lower(split_part(a.email, '@', 1)) = lower(split_part(b.email, '@', 1)) and a.email is not null and b.email is not null))
      limit 500`,
    async moveReferences(tx: Tx, ctx: ServiceContext, survivor: string, others: string[]) {
      await moved(tx, ctx, 'note', await tx.update(notes).set({ relatedId: survivor, version: nextVersion(notes) }).where(and(eq(notes.organizationId, ctx.orgId), eq(notes.relatedType, 'contact'), inArray(notes.relatedId, others))).returning({ id: notes.id }), 'relatedId', survivor, others);
      await moved(tx, ctx, 'task', await tx.update(tasks).set({ relatedId: survivor, version: nextVersion(tasks) }).where(and(eq(tasks.organizationId, ctx.orgId), eq(tasks.relatedType, 'contact'), inArray(tasks.relatedId, others))).returning({ id: tasks.id }), 'relatedId', survivor, others);
      await moved(tx, ctx, 'deal', await tx.update(deals).set({ primaryContactId: survivor, version: nextVersion(deals) }).where(and(eq(deals.organizationId, ctx.orgId), inArray(deals.primaryContactId, others))).returning({ id: deals.id }), 'primaryContactId', survivor, others);
      // (drizzle spreads a JS array into a parameter list, so the uuid[] literal is built explicitly)
      const otherArray = sql`array[${sql.join(others.map((o) => sql`${o}`), sql`, `)}]::uuid[]`;
      const r = await tx.execute(sql`
        update deals set version = version + 1, contact_ids = (select array_agg(distinct case when c = any(${otherArray}) then ${survivor}::uuid else c end) from unnest(contact_ids) c)
        where organization_id = ${ctx.orgId} and contact_ids && ${otherArray} returning id`);
      await moved(tx, ctx, 'deal', (r as unknown as { rows: { id: string }[] }).rows, 'contactIds', survivor, others);
    },
  },
  company: {
    service: companyService,
    pairs: (orgId: string) => sql`
      select a.id::text as a_id, b.id::text as b_id, a.name as a_title, b.name as b_title,
             similarity(a.name, b.name)::float8 as name_sim, false as same_company,
             (a.domain is not null and a.domain = b.domain) as same_mailbox
      from companies a join companies b on b.organization_id = a.organization_id and a.id < b.id and b.deleted_at is null
      where a.organization_id = ${orgId} and a.deleted_at is null and (a.name % b.name or (a.domain is not null and a.domain = b.domain))
      limit 500`,
    async moveReferences(tx: Tx, ctx: ServiceContext, survivor: string, others: string[]) {
      await moved(tx, ctx, 'contact', await tx.update(contacts).set({ companyId: survivor, version: nextVersion(contacts) }).where(and(eq(contacts.organizationId, ctx.orgId), inArray(contacts.companyId, others))).returning({ id: contacts.id }), 'companyId', survivor, others);
      await moved(tx, ctx, 'deal', await tx.update(deals).set({ companyId: survivor, version: nextVersion(deals) }).where(and(eq(deals.organizationId, ctx.orgId), inArray(deals.companyId, others))).returning({ id: deals.id }), 'companyId', survivor, others);
      await moved(tx, ctx, 'project', await tx.update(projects).set({ companyId: survivor, version: nextVersion(projects) }).where(and(eq(projects.organizationId, ctx.orgId), inArray(projects.companyId, others))).returning({ id: projects.id }), 'companyId', survivor, others);
      await moved(tx, ctx, 'note', await tx.update(notes).set({ relatedId: survivor, version: nextVersion(notes) }).where(and(eq(notes.organizationId, ctx.orgId), eq(notes.relatedType, 'company'), inArray(notes.relatedId, others))).returning({ id: notes.id }), 'relatedId', survivor, others);
      await moved(tx, ctx, 'task', await tx.update(tasks).set({ relatedId: survivor, version: nextVersion(tasks) }).where(and(eq(tasks.organizationId, ctx.orgId), eq(tasks.relatedType, 'company'), inArray(tasks.relatedId, others))).returning({ id: tasks.id }), 'relatedId', survivor, others);
    },
  },
} as const;

export type MergeKind = keyof typeof kinds;

/** Survivor values win; blanks are filled from the others in order; tags are united. */
export function mergedValues(survivor: Row, others: Row[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(survivor)) {
    if (KEEP.has(k)) continue;
    if (Array.isArray(v)) {
      const all = [...new Set([...v, ...others.flatMap((o) => (Array.isArray(o[k]) ? (o[k] as unknown[]) : []))])];
      if (all.length !== v.length) out[k] = all;
    } else if (v === null || v === '') {
      const from = others.find((o) => o[k] !== null && o[k] !== undefined && o[k] !== '');
      if (from) out[k] = from[k];
    }
  }
  return out;
}

/** Merge for a record type with the catalogue's `merge` capability (its re-pointing rules are above). */
export function mergeService(kind: string) {
  if (!Object.hasOwn(kinds, kind)) throw new Error(`No merge rules for "${kind}" (see merge.service.ts)`);
  const k = kinds[kind as MergeKind];
  const service: CrudService = k.service;
  const t = service.def.table;
  return {
    async duplicates(ctx: ServiceContext): Promise<DuplicatePair[]> {
      requireRole(ctx, 'viewer');
      const r = (await ctx.db.execute(k.pairs(ctx.orgId))) as unknown as { rows: Record<string, unknown>[] };
      return r.rows
        .map((row) => {
          const reasons: string[] = [];
          let score = Number(row.name_sim);
          if (score >= 0.3) reasons.push(`similar names (${Math.round(score * 100)}%)`);
          if (row.same_mailbox) {
            reasons.push(kind === 'contact' ? 'same email mailbox name' : 'same domain');
            score = Math.max(score, 0.9);
          }
          if (row.same_company) {
            reasons.push('same company');
            score = Math.min(1, score + 0.15);
          }
          return { a: { id: String(row.a_id), title: String(row.a_title) }, b: { id: String(row.b_id), title: String(row.b_title) }, score: Math.round(score * 100) / 100, reasons };
        })
        .sort((x, y) => y.score - x.score)
        .slice(0, 100);
    },

    async merge(ctx: ServiceContext, survivorId: string, input: unknown): Promise<Row> {
      requireRole(ctx, 'member');
      const otherIds = [...new Set(parseInput(MergeInputSchema, input).otherIds)];
      if (otherIds.includes(survivorId)) throw fieldError('otherIds', 'cannot merge a record into itself');
      await ctx.db.transaction(async (tx) => {
        const txCtx = { ...ctx, db: tx };
        const rows = (await tx.select().from(t).where(and(eq(t.organizationId, ctx.orgId), inArray(t.id, [survivorId, ...otherIds]), isNull(t.deletedAt), readable(ctx, kind))).for('update')) as Row[];
        const survivor = rows.find((r) => r.id === survivorId);
        if (!survivor) throw notFound(service.def.label);
        // A merge changes the survivor and deletes the others: under "edit own" a member must own them all.
        for (const id of [survivorId, ...otherIds]) if (rows.some((r) => r.id === id)) await assertMayEdit(tx, ctx, kind, id, service.def.label);
        const others = otherIds.map((id) => rows.find((r) => r.id === id));
        const missing = otherIds.find((_, i) => !others[i]);
        if (missing) throw fieldError('otherIds', `no such ${kind} in this organization (${missing})`);
        const found = others as Row[];
        await k.moveReferences(tx, ctx, survivorId, otherIds);
        // Their files move to the survivor; each shows there as attached, like an upload (activity + event).
        const files = await tx
          .update(attachments)
          .set({ relatedId: survivorId })
          .where(and(eq(attachments.organizationId, ctx.orgId), eq(attachments.relatedType, kind), inArray(attachments.relatedId, otherIds), isNull(attachments.deletedAt)))
          .returning({ id: attachments.id, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size });
        await recordChanges(tx, ctx.orgId, ctx.actor, files.map((f) => ({ entityType: kind, entityId: survivorId, action: 'attachment_added', after: { attachmentId: f.id, filename: f.filename, contentType: f.contentType, size: f.size, mergedFrom: otherIds.length === 1 ? otherIds[0] : otherIds } })));
        // Their history moves with them, so the survivor's timeline tells the whole story. The activity
        // rows are the audit log itself: their move is recorded once, by the `merged` change below
        // (activity + outbox event, with how many moved), not by an activity about each activity.
        const history = await tx.update(activities).set({ entityId: survivorId }).where(and(eq(activities.organizationId, ctx.orgId), eq(activities.entityType, kind), inArray(activities.entityId, otherIds))).returning({ id: activities.id });
        // Delete the others first: the survivor may take over a unique value (an email) from one of them.
        for (const o of found) await service.remove(txCtx, o.id);
        const fill = mergedValues(survivor, found);
        if (Object.keys(fill).length) await service.update(txCtx, survivorId, fill);
        await recordChange(tx, ctx.orgId, ctx.actor, {
          entityType: kind,
          entityId: survivorId,
          action: 'merged',
          before: { mergedIds: otherIds, merged: found.map((o) => present(o)) },
          after: { filled: Object.keys(fill), movedActivities: history.length, movedAttachments: files.map((f) => f.id) },
        });
      });
      return service.get(ctx, survivorId);
    },
  };
}
