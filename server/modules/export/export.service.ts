// Export any list, with its current filters, as CSV or XLSX. Cells that a spreadsheet would run
// as a formula (= + - @, tab, carriage return) are neutralized with a leading apostrophe.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ListQuery } from '../../../contracts/common';
import type { ServiceContext } from '../../lib/context';
import type { CrudService, Row } from '../../lib/crud';
import { AppError } from '../../lib/errors';
import { requireRole } from '../../lib/roles';

export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 1000;
/** Expanded objects and internals that do not belong in a flat file. */
// version: the record's concurrency token (ETag), not something a person reads in a spreadsheet.
const OMIT = new Set(['organizationId', 'company', 'stage', 'assignees', 'progress', 'customFields', 'version']);

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

export async function exportList(ctx: ServiceContext, service: CrudService, format: 'csv' | 'xlsx', query: Omit<ListQuery, 'limit' | 'offset' | 'cursor'>) {
  requireRole(ctx, 'viewer');
  // Each custom field becomes a column of its own: customFields.<key>.
  const rows = (await allRows(ctx, service, query)).map((r) => {
    const custom = (r.customFields ?? {}) as Record<string, unknown>;
    return { ...r, ...Object.fromEntries(Object.entries(custom).map(([k, v]) => [`customFields.${k}`, v])) } as Row;
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !OMIT.has(k));
  if (columns.length === 0) columns.push('id');
  const cells = rows.map((r) => columns.map((c) => neutralize(r[c])));
  const name = `${service.def.resource}-${new Date().toISOString().slice(0, 10)}`;
  if (format === 'csv') {
    // A byte-order mark so Excel reads UTF-8 names correctly.
    const body = '\ufeff' + stringify([columns, ...cells]);
    return { body: Buffer.from(body, 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, rows: rows.length };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(service.def.plural);
  sheet.addRow(columns).font = { bold: true };
  for (const row of cells) sheet.addRow(row);
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx`, rows: rows.length };
}
