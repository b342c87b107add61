// Export any list, with its current filters, as CSV or XLSX. Cells that a spreadsheet would run
// as a formula (= + - @, tab, carriage return) are neutralized with a leading apostrophe. Every
// reference column carries the name next to the id (companyId, companyName; ownerId, ownerName;
// createdBy, createdByName), as people reading a spreadsheet expect.
import { stringify } from 'csv-stringify/sync';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ListQuery } from '../../../contracts/common';
import { ADDRESS_PARTS } from '../../../contracts/companies';
import { campaigns, companies, contacts, deals, member, pipelineStages, pipelines, projects, user } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { readable } from '../../lib/visibility';
import type { CrudService, Row } from '../../lib/crud';
import { AppError } from '../../lib/errors';
import { requireRole } from '../../lib/roles';

export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 1000;
/** Expanded objects and internals that do not belong in a flat file. */
// version: the record's concurrency token (ETag), not something a person reads in a spreadsheet.
// scoreFactors: the score's explanation (a JSON list, derived again on every write); the score itself is exported.
const OMIT = new Set(['organizationId', 'company', 'stage', 'assignees', 'progress', 'customFields', 'version', 'scoreFactors']);
/** Object fields written as one column per part (billingAddress.city …), the names import reads back. */
const PARTS: Record<string, readonly string[]> = { billingAddress: ADDRESS_PARTS, shippingAddress: ADDRESS_PARTS };

export function neutralize(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

async function allRows(ctx: ServiceContext, service: CrudService, query: Omit<ListQuery, 'limit' | 'offset' | 'cursor'>): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const page = await service.list(ctx, { ...query, limit: PAGE, cursor });
    rows.push(...page.data);
    if (rows.length > EXPORT_MAX_ROWS) throw new AppError(413, 'export_too_large', `Exports stop at ${EXPORT_MAX_ROWS} rows; narrow the filters`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** Where the name of each referenced record lives, by the kind of record the id points at. */
type Ref = 'user' | 'company' | 'contact' | 'deal' | 'project' | 'pipeline' | 'stage' | 'campaign';
const REFERENCES: Record<string, Ref> = {
  ownerId: 'user', createdBy: 'user', assigneeId: 'user',
  companyId: 'company', convertedCompanyId: 'company',
  primaryContactId: 'contact', contactId: 'contact', convertedContactId: 'contact',
  dealId: 'deal', convertedDealId: 'deal',
  projectId: 'project', pipelineId: 'pipeline', stageId: 'stage', campaignId: 'campaign',
};

/** "companyId" → "companyName", "createdBy" → "createdByName". */
export const nameColumn = (idColumn: string) => `${idColumn.replace(/Id$/, '')}Name`;

async function namesOf(ctx: ServiceContext, ref: Ref, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // A referenced record the caller may not see keeps its id but gets no name (lib/visibility.ts).
  const scoped = (table: PgTable & { organizationId: PgColumn; id: PgColumn }, name: PgColumn | SQL) =>
    ctx.db.select({ id: table.id, name }).from(table).where(and(eq(table.organizationId, ctx.orgId), inArray(table.id, ids), readable(ctx, ref)));
  let rows: { id: unknown; name: unknown }[];
  switch (ref) {
    case 'user':
      // Only people of this organization: a user id from elsewhere is never resolved to a name.
      rows = await ctx.db.select({ id: user.id, name: user.name }).from(user).innerJoin(member, and(eq(member.userId, user.id), eq(member.organizationId, ctx.orgId))).where(inArray(user.id, ids));
      break;
    case 'company': rows = await scoped(companies, companies.name); break;
    case 'contact': rows = await scoped(contacts, contacts.fullName); break;
    case 'deal': rows = await scoped(deals, deals.name); break;
    case 'project': rows = await scoped(projects, projects.name); break;
    case 'pipeline': rows = await scoped(pipelines, pipelines.name); break;
    case 'stage': rows = await scoped(pipelineStages, pipelineStages.name); break;
    case 'campaign': rows = await scoped(campaigns, campaigns.name); break;
  }
  return new Map(rows.map((r) => [String(r.id), r.name === null || r.name === undefined ? '' : String(r.name)]));
}

/** The export's columns with a name column after each reference column, and the names filled in. */
async function withNames(ctx: ServiceContext, rows: Row[], columns: string[]): Promise<string[]> {
  const out: string[] = [];
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  for (const column of columns) {
    out.push(column);
    const ref = REFERENCES[column];
    const named = ref ? nameColumn(column) : null;
    // A record's own field of that name (a lead's typed companyName) is left as it is.
    if (!ref || !named || columns.includes(named)) continue;
    const ids = [...new Set(rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string' && (ref === 'user' || UUID.test(v))))];
    const names = await namesOf(ctx, ref, ids);
    for (const r of rows) r[named] = typeof r[column] === 'string' ? (names.get(r[column] as string) ?? '') : '';
    out.push(named);
  }
  return out;
}

export async function exportList(ctx: ServiceContext, service: CrudService, format: 'csv' | 'xlsx', query: Omit<ListQuery, 'limit' | 'offset' | 'cursor'>) {
  requireRole(ctx, 'viewer');
  // Each custom field becomes a column of its own (customFields.<key>), and so does each part of an
  // address (billingAddress.city): a spreadsheet cannot read JSON, and import maps these names back.
  const rows = (await allRows(ctx, service, query)).map((r) => {
    const out: Row = { ...r };
    const custom = (r.customFields ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(custom)) out[`customFields.${k}`] = v;
    for (const [field, parts] of Object.entries(PARTS)) {
      if (!(field in r)) continue;
      const value = (r[field] ?? {}) as Record<string, unknown>;
      delete out[field];
      for (const part of parts) out[`${field}.${part}`] = value[part] ?? null;
    }
    return out;
  });
  const columns = await withNames(ctx, rows, [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !OMIT.has(k)));
  if (columns.length === 0) columns.push('id');
  const cells = rows.map((r) => columns.map((c) => neutralize(r[c])));
  const name = `${service.def.resource}-${new Date().toISOString().slice(0, 10)}`;
  if (format === 'csv') {
    // A byte-order mark so Excel reads UTF-8 names correctly.
    const body = '\ufeff' + stringify([columns, ...cells]);
    return { body: Buffer.from(body, 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, rows: rows.length };
  }
  // exceljs takes over half a second to load: imported at the first XLSX export, not at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(service.def.plural);
  sheet.addRow(columns).font = { bold: true };
  for (const row of cells) sheet.addRow(row);
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx`, rows: rows.length };
}
