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

describe('export names', () => {
  test('company, owner and creator names sit next to their ids (CSV and XLSX); names come from this organization', async () => {
    const { owner, member, viewer } = await orgWithRoles();
    const me = (await member.get('/api/v1/me')).body.data.user;
    const boss = (await owner.get('/api/v1/me')).body.data.user;
    const acme = (await member.post('/api/v1/companies', { name: 'Acme Export Ltd', ownerId: boss.id })).body.data;
    await member.post('/api/v1/contacts', { firstName: 'Ada', lastName: 'Named', companyId: acme.id, ownerId: boss.id });
    await member.post('/api/v1/contacts', { firstName: 'Bob', lastName: 'Nobody' });
    const deal = (await member.post('/api/v1/deals', { name: 'Acme expansion', companyId: acme.id, amount: '7500' })).body.data;

    const csv = await viewer.download('/api/v1/contacts/export?format=csv&sort=firstName');
    const text = csv.body.toString('utf8').replace(/^\ufeff/, '');
    const header = text.split('\n')[0].split(',');
    expect(header.indexOf('companyName')).toBe(header.indexOf('companyId') + 1);
    expect(header.indexOf('ownerName')).toBe(header.indexOf('ownerId') + 1);
    expect(header.indexOf('createdByName')).toBe(header.indexOf('createdBy') + 1);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.firstName, r.companyId, r.companyName, r.ownerName, r.createdByName])).toEqual([
      ['Ada', acme.id, 'Acme Export Ltd', boss.name, me.name],
      ['Bob', '', '', '', me.name],
    ]);

    const deals = parse((await viewer.download('/api/v1/deals/export?format=csv')).body.toString('utf8').replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    const row = deals.find((d) => d.id === deal.id)!;
    expect(row).toMatchObject({ companyName: 'Acme Export Ltd', stageName: 'Qualification', pipelineName: 'Sales', createdByName: me.name });

    const xlsx = await viewer.download('/api/v1/companies/export?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cols = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(sheet.getRow(2).getCell(cols.indexOf('ownerName') + 1).value).toBe(boss.name);
    expect(sheet.getRow(2).getCell(cols.indexOf('createdByName') + 1).value).toBe(me.name);
  });
});
