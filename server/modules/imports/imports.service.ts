// CSV import: upload → mapping (auto, editable) → dry-run preview with per-row errors → a background
// run in batches through the entity services (the one door), with duplicates skipped or updated by
// email/domain, progress the UI can poll, and a report of the rejected rows.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { companies, contacts, imports, leads, member } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import type { CrudService } from '../../lib/crud';
import { badRequest, conflict, parseInput, notFound, toAppError, type FieldIssue } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { hasRole, requireRole } from '../../lib/roles';
import type { Role } from '../../../contracts/common';
import { neutralize } from '../export/export.service';
import { IMPORT_RESOURCES, type ImportResource } from '../../../contracts/entities';
import type { ImportJob, ImportPreview } from '../../../contracts/responses';
import { companyService } from '../companies/companies.service';
import { pipelineService } from '../pipelines/pipelines.service';
import { serviceForResource } from '../registry';
import { definitionsFor } from '../../lib/custom-fields';
import { customImportFields, IMPORT_FIELDS, suggestMapping, text, type ImportField } from './columns';

export { IMPORT_RESOURCES, type ImportResource };
const BATCH = 1000;
const PREVIEW_ROWS = 50;
/** A running import with no progress for this long is taken to have lost its process. */
const STALE_SECONDS = 60;

/** The entity services of the catalogue's `import` resources. */
const services = Object.fromEntries(IMPORT_RESOURCES.map((r) => [r, serviceForResource(r)!])) as Record<ImportResource, CrudService>;

/** The resource's custom fields as extra import targets. */
async function customFieldsOf(ctx: ServiceContext, resource: ImportResource) {
  return customImportFields(await definitionsFor(ctx.db, ctx.orgId, services[resource].def.type));
}

export const ImportSettingsSchema = z.strictObject({
  mapping: z.record(z.string(), z.string().nullable()).describe('CSV header → field (null = ignore the column)'),
  duplicates: z.enum(['skip', 'update']).default('skip').describe('What to do with rows that match an existing record (email for people, domain for companies)'),
});
type Settings = z.infer<typeof ImportSettingsSchema>;

type Row = typeof imports.$inferSelect;
type Outcome = { row: number; action: 'create' | 'update' | 'skip' | 'reject'; errors: FieldIssue[]; values: Record<string, unknown>; existingId?: string };

/** Reads CSV the way exports from other CRMs and Excel write it: BOM, ; or , or tab, CRLF, quoted newlines. */
export function readCsv(content: string): { headers: string[]; rows: string[][] } {
  const body = content.replace(/^\ufeff/, '');
  const newline = body.search(/\r?\n/);
  const firstLine = newline === -1 ? body : body.slice(0, newline);
  const delimiter = [';', '\t', ','].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0].d;
  let records: string[][];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: false });
  } catch (err) {
    throw badRequest(`This file is not valid CSV: ${(err as Error).message}`, [{ path: 'file', message: (err as Error).message }]);
  }
  if (records.length === 0) throw badRequest('The file is empty', [{ path: 'file', message: 'no header row' }]);
  const [headers, ...rows] = records;
  return { headers: headers.map((h) => h.trim()), rows: rows.filter((r) => r.some((c) => c.trim() !== '')) };
}

function present(r: Omit<Row, 'rows'> & { rows?: unknown }): ImportJob {
  const { rows: _rows, rejectedRows, organizationId: _org, ...rest } = r;
  return { ...rest, resource: r.resource as ImportResource, status: r.status as ImportJob['status'], rejectedSample: rejectedRows.slice(0, 20), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

/** One CSV row → the input its service expects (strings coerced per field), or the cell errors. */
function toInput(resource: ImportResource, headers: string[], cells: string[], mapping: Settings['mapping'], custom: ImportField[]) {
  const fields = [...IMPORT_FIELDS[resource], ...custom];
  const values: Record<string, unknown> = {};
  const errors: FieldIssue[] = [];
  headers.forEach((h, i) => {
    const target = mapping[h];
    if (!target) return;
    const f = fields.find((x) => x.field === target);
    if (!f) return;
    const r = (f.coerce ?? text)(cells[i] ?? '');
    if ('error' in r) errors.push({ path: target, message: r.error });
    else if (r.value !== null && !(Array.isArray(r.value) && r.value.length === 0)) {
      // "customFields.size", "billingAddress.city": a part of an object field.
      const dot = target.indexOf('.');
      if (dot > 0) {
        const [field, part] = [target.slice(0, dot), target.slice(dot + 1)];
        values[field] = { ...(values[field] as object), [part]: r.value };
      } else values[target] = r.value;
    }
  });
  if (typeof values.name === 'string' && (resource === 'contacts' || resource === 'leads')) {
    const parts = values.name.trim().split(/\s+/);
    values.firstName ??= parts.length > 1 ? parts.slice(0, -1).join(' ') : parts[0];
    if (parts.length > 1) values.lastName ??= parts[parts.length - 1];
    delete values.name;
  }
  return { values, errors };
}

/** Resources without a natural key: every row of their files creates a record. */
const KEYLESS: readonly ImportResource[] = ['deals', 'campaigns'];

/** The duplicate key of a record: email for people, domain for companies; deals and campaigns have none. */
function keyOf(resource: ImportResource, v: Record<string, unknown>): string | undefined {
  const k = resource === 'companies' ? v.domain : KEYLESS.includes(resource) ? undefined : v.email;
  return typeof k === 'string' ? k.toLowerCase() : undefined;
}

async function existingByKey(db: DbOrTx, ctx: ServiceContext, resource: ImportResource, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0 || KEYLESS.includes(resource)) return new Map();
  const t = resource === 'companies' ? companies : resource === 'leads' ? leads : contacts;
  const col = resource === 'companies' ? companies.domain : resource === 'leads' ? leads.email : contacts.email;
  // Emails and domains are stored lowercased by the contracts, so a plain IN uses the org's index.
  const rows = await db.select({ id: t.id, key: col }).from(t).where(and(eq(t.organizationId, ctx.orgId), isNull(t.deletedAt), inArray(col, keys)));
  return new Map(rows.map((r) => [String(r.key), r.id]));
}

export function importService(log: Logger) {
  // Everything but the file's rows: polls and lists must not read megabytes back each time.
  const { rows: _rowsColumn, ...summaryColumns } = getTableColumns(imports);
  async function loadSummary(ctx: ServiceContext, id: string) {
    const [r] = await ctx.db.select(summaryColumns).from(imports).where(and(eq(imports.id, id), eq(imports.organizationId, ctx.orgId)));
    if (!r) throw notFound('Import');
    return r;
  }
  async function load(ctx: ServiceContext, id: string) {
    const [r] = await ctx.db.select().from(imports).where(and(eq(imports.id, id), eq(imports.organizationId, ctx.orgId)));
    if (!r) throw notFound('Import');
    return r;
  }

  /** Classifies rows: what would be created, updated, skipped or rejected, and why. */
  async function plan(ctx: ServiceContext, imp: Row, settings: Settings, from: number, to: number, seen: Set<string>): Promise<Outcome[]> {
    const resource = imp.resource as ImportResource;
    const service = services[resource];
    const custom = await customFieldsOf(ctx, resource);
    const prepared = imp.rows.slice(from, to).map((cells, i) => ({ row: from + i + 2, ...toInput(resource, imp.headers, cells, settings.mapping, custom) }));
    const existing = await existingByKey(ctx.db, ctx, resource, prepared.map((p) => keyOf(resource, p.values)).filter((k): k is string => Boolean(k)));
    return prepared.map((p) => {
      // Validate as the service would (company/stage names are resolved at run time).
      const { company: _c, stage: _s, ...checkable } = p.values;
      const schema = service.def.createSchema;
      const r = schema.safeParse(checkable);
      const errors = [...p.errors];
      if (!r.success) errors.push(...r.error.issues.map((i) => ({ path: i.path.join('.') || '(row)', message: i.message })));
      else {
        try {
          service.def.validate?.(r.data as Record<string, unknown>);
        } catch (err) {
          const e = toAppError(err);
          errors.push(...((e.details as FieldIssue[] | undefined) ?? [{ path: '(row)', message: e.message }]));
        }
      }
      if (errors.length) return { row: p.row, action: 'reject', errors, values: p.values };
      const key = keyOf(resource, p.values);
      if (key && seen.has(key)) return { row: p.row, action: 'skip', errors: [{ path: resource === 'companies' ? 'domain' : 'email', message: 'repeats an earlier row of this file' }], values: p.values };
      if (key) seen.add(key);
      const existingId = key ? existing.get(key) : undefined;
      if (existingId) return { row: p.row, action: settings.duplicates === 'update' ? 'update' : 'skip', errors: [], values: p.values, existingId };
      return { row: p.row, action: 'create', errors: [], values: p.values };
    });
  }

  /** Company names → ids, creating the companies that do not exist yet (one batch at a time). */
  async function resolveCompanies(ctx: ServiceContext, names: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    if (wanted.length === 0) return new Map();
    const found = await ctx.db
      .select({ id: companies.id, name: sql<string>`lower(${companies.name})` })
      .from(companies)
      .where(and(eq(companies.organizationId, ctx.orgId), isNull(companies.deletedAt), inArray(sql`lower(${companies.name})`, wanted.map((n) => n.toLowerCase()))));
    const map = new Map(found.map((c) => [c.name, c.id]));
    const missing = wanted.filter((n) => !map.has(n.toLowerCase()));
    const made = await companyService.createMany(ctx, missing.map((name) => ({ name })));
    made.forEach((r, i) => r.ok && map.set(missing[i].toLowerCase(), r.row.id));
    return map;
  }

  /**
   * Runs (or resumes) an import. Each batch of rows commits in one transaction together with the
   * progress counters, so after a crash the import continues exactly where it stopped.
   */
  async function run(ctx: ServiceContext, id: string, settings: Settings) {
    const imp = await load(ctx, id);
    const resource = imp.resource as ImportResource;
    const service = services[resource];
    const stages = resource === 'deals' ? (await pipelineService.defaultPipeline(ctx.db, ctx)).stages : [];
    const counts = { processed: imp.processed, created: imp.created, updated: imp.updated, skipped: imp.skipped, rejected: imp.rejected };
    const rejectedRows: Row['rejectedRows'] = [...imp.rejectedRows];
    // Rows already imported still count as "seen" for duplicates inside the file.
    const seen = new Set<string>();
    if (imp.processed > 0) await plan(ctx, imp, settings, 0, imp.processed, seen);
    const reject = (o: Outcome, errors: FieldIssue[]) => {
      counts.rejected++;
      rejectedRows.push({ row: o.row, errors, values: Object.fromEntries(imp.headers.map((h, i) => [h, imp.rows[o.row - 2]?.[i] ?? ''])) });
    };
    for (let from = imp.processed; from < imp.rows.length; from += BATCH) {
      const before = { counts: { ...counts }, rejected: rejectedRows.length };
      try {
        await ctx.db.transaction(async (tx) => {
          const b: ServiceContext = { ...ctx, db: tx };
          const outcomes = await plan(b, imp, settings, from, Math.min(from + BATCH, imp.rows.length), seen);
          const companyIds = resource === 'contacts' || resource === 'deals' ? await resolveCompanies(b, outcomes.filter((o) => o.action !== 'reject' && typeof o.values.company === 'string').map((o) => o.values.company as string)) : new Map<string, string>();
          const inputOf = (o: Outcome) => {
            const { company, stage, ...v } = o.values;
            if (typeof company === 'string') v.companyId = companyIds.get(company.trim().toLowerCase()) ?? null;
            if (typeof stage === 'string') {
              const st = stages.find((x) => x.name.toLowerCase() === stage.trim().toLowerCase());
              if (st) v.stageId = st.id;
              else return { error: [{ path: 'stage', message: `no stage "${stage}" in the default pipeline` }] };
            }
            return { input: v };
          };
          const creates: Outcome[] = [];
          for (const o of outcomes) {
            if (o.action === 'reject') reject(o, o.errors);
            else if (o.action === 'skip') counts.skipped++;
            else if (o.action === 'update') {
              const prepared = inputOf(o);
              if ('error' in prepared) reject(o, prepared.error!);
              else {
                try {
                  await service.update(b, o.existingId!, prepared.input);
                  counts.updated++;
                } catch (err) {
                  const e = toAppError(err);
                  reject(o, (e.details as FieldIssue[] | undefined) ?? [{ path: '(row)', message: e.message }]);
                }
              }
            } else creates.push(o);
          }
          const ready = creates.map((o) => ({ o, p: inputOf(o) }));
          for (const { o, p } of ready) if ('error' in p) reject(o, p.error!);
          const writable = ready.filter((x) => 'input' in x.p);
          const results = await service.createMany(b, writable.map((x) => (x.p as { input: Record<string, unknown> }).input));
          results.forEach((r, i) => (r.ok ? counts.created++ : reject(writable[i].o, r.errors)));
          counts.processed = Math.min(from + BATCH, imp.rows.length);
          await tx.update(imports).set({ ...counts, rejectedRows, updatedAt: new Date() }).where(eq(imports.id, id));
        });
      } catch (err) {
        // The batch rolled back: so do the counters kept in memory.
        Object.assign(counts, before.counts);
        rejectedRows.length = before.rejected;
        throw err;
      }
    }
    await ctx.db.update(imports).set({ status: 'completed', updatedAt: new Date() }).where(eq(imports.id, id));
  }

  function runInBackground(ctx: ServiceContext, id: string, settings: Settings) {
    return run(ctx, id, settings).catch(async (err) => {
      log.error({ err, importId: id }, 'import failed');
      await ctx.db.update(imports).set({ status: 'failed', error: toAppError(err).message, updatedAt: new Date() }).where(eq(imports.id, id));
    });
  }

  return {
    async upload(ctx: ServiceContext, resource: string, filename: string, content: string) {
      requireRole(ctx, 'member');
      if (!(IMPORT_RESOURCES as readonly string[]).includes(resource)) throw badRequest(`Import into one of: ${IMPORT_RESOURCES.join(', ')}`, [{ path: 'resource', message: 'unknown resource' }]);
      const { headers, rows } = readCsv(content);
      const custom = await customFieldsOf(ctx, resource as ImportResource);
      const mapping = suggestMapping(resource, headers, custom);
      const [r] = await ctx.db.insert(imports).values({ organizationId: ctx.orgId, userId: ctx.actor.userId, resource, filename, headers, mapping, totalRows: rows.length, rows }).returning();
      return { ...present(r), fields: [...IMPORT_FIELDS[resource], ...custom].map(({ field, label }) => ({ field, label })), sampleRows: rows.slice(0, 5) };
    },

    async get(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'viewer');
      return present(await loadSummary(ctx, id));
    },

    async list(ctx: ServiceContext) {
      requireRole(ctx, 'viewer');
      const rows = await ctx.db.select(summaryColumns).from(imports).where(eq(imports.organizationId, ctx.orgId)).orderBy(desc(imports.createdAt)).limit(50);
      return rows.map(present);
    },

    /** Dry run: nothing is written. */
    async preview(ctx: ServiceContext, id: string, input: unknown): Promise<ImportPreview> {
      requireRole(ctx, 'member');
      const settings = parseInput(ImportSettingsSchema, input);
      const imp = await load(ctx, id);
      const outcomes = await plan(ctx, imp, settings, 0, imp.rows.length, new Set());
      const count = (a: Outcome['action']) => outcomes.filter((o) => o.action === a).length;
      return {
        totalRows: imp.rows.length,
        create: count('create'),
        update: count('update'),
        skip: count('skip'),
        reject: count('reject'),
        rows: outcomes.slice(0, PREVIEW_ROWS).map(({ row, action, errors, values }) => ({ row, action, errors, values })),
        problems: outcomes.filter((o) => o.action === 'reject').slice(0, 200).map(({ row, errors }) => ({ row, errors })),
      };
    },

    /** Starts the import in the background; poll get() for progress. */
    async start(ctx: ServiceContext, id: string, input: unknown) {
      requireRole(ctx, 'member');
      const settings = parseInput(ImportSettingsSchema, input);
      const [claimed] = await ctx.db
        .update(imports)
        .set({ status: 'running', mapping: settings.mapping, duplicateMode: settings.duplicates, updatedAt: new Date() })
        .where(and(eq(imports.id, id), eq(imports.organizationId, ctx.orgId), eq(imports.status, 'uploaded')))
        .returning(summaryColumns);
      if (!claimed) {
        await loadSummary(ctx, id);
        throw conflict('This import has already run');
      }
      return { import: present(claimed), done: runInBackground(ctx, id, settings) };
    },

    /**
     * Picks up imports whose process stopped mid-way (no progress for STALE_SECONDS): each is claimed
     * by one node, then continues from its last committed batch as the user who started it.
     */
    async resumeStalled(db: Db): Promise<string[]> {
      const stalled = await db
        .update(imports)
        .set({ updatedAt: new Date() })
        .where(and(eq(imports.status, 'running'), sql`${imports.updatedAt} < now() - make_interval(secs => ${STALE_SECONDS})`))
        .returning({ id: imports.id, organizationId: imports.organizationId, userId: imports.userId, mapping: imports.mapping, duplicateMode: imports.duplicateMode });
      for (const imp of stalled) {
        const [m] = await db.select({ role: member.role }).from(member).where(and(eq(member.organizationId, imp.organizationId), eq(member.userId, imp.userId), isNull(member.deactivatedAt)));
        const ctx: ServiceContext = { db, orgId: imp.organizationId, role: (m?.role ?? 'viewer') as Role, actor: { type: 'user', userId: imp.userId } };
        if (!m || !hasRole(ctx.role, 'member')) {
          await db.update(imports).set({ status: 'failed', error: 'The user who started this import can no longer import', updatedAt: new Date() }).where(eq(imports.id, imp.id));
          continue;
        }
        log.info({ importId: imp.id }, 'resuming an interrupted import');
        void runInBackground(ctx, imp.id, { mapping: imp.mapping ?? {}, duplicates: imp.duplicateMode as Settings['duplicates'] });
      }
      return stalled.map((x) => x.id);
    },

    /** The rejected rows as CSV: the original columns plus what was wrong. */
    async rejectedCsv(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'viewer');
      const imp = await loadSummary(ctx, id);
      const lines = imp.rejectedRows.map((r) => [String(r.row), ...imp.headers.map((h) => neutralize(r.values[h])), r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')]);
      return '\ufeff' + stringify([['row', ...imp.headers, 'errors'], ...lines]);
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
