import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { orgWithRoles } from '../../../test/factories';

describe('export', () => {
  test('CSV and XLSX of a filtered list, with formula cells neutralized', async () => {
    const { viewer, member } = await orgWithRoles();
    await member.post('/api/v1/contacts', { firstName: '=HYPERLINK("http://evil")', lastName: 'Attacker', status: 'customer', email: 'evil@x.test' });
    await member.post('/api/v1/contacts', { firstName: 'Grace', lastName: 'Hopper', status: 'customer', tags: ['navy', 'vip'] });
    await member.post('/api/v1/contacts', { firstName: 'Lead', lastName: 'Only', status: 'lead' });
    const filter = encodeURIComponent(JSON.stringify({ status: 'customer' }));

    const csv = await viewer.download(`/api/v1/contacts/export?format=csv&sort=lastName&filter=${filter}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    const rows = parse(csv.body.toString('utf8').replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.lastName)).toEqual(['Attacker', 'Hopper']);
    expect(rows[0].firstName).toBe('\'=HYPERLINK("http://evil")');
    expect(rows[1].tags).toBe('navy, vip');

    const xlsx = await viewer.download(`/api/v1/contacts/export?format=xlsx&sort=lastName&filter=${filter}`);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('firstName') + 1;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(col).value).toBe('\'=HYPERLINK("http://evil")');
  });
});
