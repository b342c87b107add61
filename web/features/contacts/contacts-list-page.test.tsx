// @vitest-environment jsdom
// List state lives in the URL: the contacts list reads search, filters, sort and page from it, asks
// the API for exactly that, and writes every change back (sort and filters go back to page one).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { Contact } from '../../../contracts/contacts';
import { fakeApi, members, renderPage, setupWebTests } from '../../../test/web';
import { ContactsListPage } from './contacts-list-page';

setupWebTests();

const TOTAL = 60;
const contact = (i: number): Contact => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, firstName: 'Person', lastName: String(i), fullName: `Person ${i}`, email: `p${i}@example.com`,
  phone: null, title: null, department: null, companyId: null, company: null, status: 'customer', source: null, ownerId: 'user-1', tags: [],
  mobile: null, linkedinUrl: null, twitterUrl: null, githubUrl: null, websiteUrl: null, emailOptOut: false, doNotCall: false, preferredChannel: null,
  about: null, score: null, scoreFactors: null, scoreOverridden: false, customFields: {}, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', version: 1, deletedAt: null,
});

function serve() {
  const api = fakeApi();
  api.on('GET', '/members', { body: { data: members } });
  api.on('GET', '/custom-fields', { body: { data: [] } });
  api.on('GET', '/tags', { body: { data: [] } });
  // The views bar's saved views of this list.
  api.on('GET', '/views', { body: { data: [], total: 0, nextCursor: null } });
  api.on('GET', '/companies', { body: { data: [], total: 0, totalIsEstimate: false, nextCursor: null } });
  api.on('GET', '/contacts', (req) => {
    const offset = Number(req.url.searchParams.get('offset') ?? 0);
    const limit = Number(req.url.searchParams.get('limit') ?? 25);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => contact(offset + i + 1));
    return { body: { data: rows, total: TOTAL, totalIsEstimate: false, nextCursor: null } };
  });
  return api;
}

/** The query of the newest GET /contacts, as a plain object. */
function lastListQuery(api: ReturnType<typeof fakeApi>) {
  const list = api.requests('GET', '/contacts');
  return Object.fromEntries(list[list.length - 1]!.url.searchParams);
}

test('the URL drives the request and the controls, and every change goes back into the URL', async () => {
  const api = serve();
  const page = renderPage(<ContactsListPage />, { url: '/contacts?q=person&status=customer&sort=-createdAt&offset=25' });

  // URL → request: the same search, filter, sort and page.
  await screen.findByText('Person 26');
  expect(lastListQuery(api)).toEqual({ q: 'person', filter: JSON.stringify({ status: 'customer' }), sort: '-createdAt', offset: '25', limit: '25' });
  // URL → controls.
  expect((screen.getByLabelText('Filter by status') as HTMLSelectElement).value).toBe('customer');
  expect((screen.getByLabelText('Search contacts') as HTMLInputElement).value).toBe('person');
  expect(screen.getByRole('columnheader', { name: /Added/ }).getAttribute('aria-sort')).toBe('descending');
  const pages = screen.getByRole('navigation', { name: 'Contacts pages' });
  expect(within(pages).getByText('26–50 of 60')).toBeTruthy();

  // Next page: only the offset changes.
  fireEvent.click(within(pages).getByRole('button', { name: /Next/ }));
  await screen.findByText('Person 51');
  expect(Object.fromEntries(page.location().searchParams)).toEqual({ q: 'person', status: 'customer', sort: '-createdAt', offset: '50' });
  expect(lastListQuery(api)).toMatchObject({ offset: '50', sort: '-createdAt' });

  // A new sort starts again at page one (no offset in the URL).
  fireEvent.click(within(screen.getByRole('columnheader', { name: /Name/ })).getByRole('button'));
  await waitFor(() => expect(Object.fromEntries(page.location().searchParams)).toEqual({ q: 'person', status: 'customer', sort: 'name' }));
  await waitFor(() => expect(lastListQuery(api)).toMatchObject({ sort: 'name', offset: '0' }));
  expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');

  // So does a filter; the rows per page stay in the URL only when not the default.
  fireEvent.change(screen.getByLabelText('Filter by status'), { target: { value: 'lead' } });
  await waitFor(() => expect(page.location().searchParams.get('status')).toBe('lead'));
  await waitFor(() => expect(lastListQuery(api).filter).toBe(JSON.stringify({ status: 'lead' })));
  fireEvent.change(screen.getByLabelText('Rows per page'), { target: { value: '50' } });
  await waitFor(() => expect(page.location().searchParams.get('limit')).toBe('50'));
  await waitFor(() => expect(lastListQuery(api).limit).toBe('50'));

  // Clear filters drops search and filters, keeps the sort and page size.
  fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
  await waitFor(() => expect(Object.fromEntries(page.location().searchParams)).toEqual({ sort: 'name', limit: '50' }));
  await waitFor(() => expect(lastListQuery(api)).toEqual({ sort: 'name', offset: '0', limit: '50' }));
  expect((screen.getByLabelText('Search contacts') as HTMLInputElement).value).toBe('');
  expect(api.unhandled).toEqual([]);
});

test('typing a search writes ?q= once the user pauses, and drops the page', async () => {
  const api = serve();
  const page = renderPage(<ContactsListPage />, { url: '/contacts?offset=25' });
  await screen.findByText('Person 26');
  fireEvent.change(screen.getByLabelText('Search contacts'), { target: { value: '  ada ' } });
  await waitFor(() => expect(Object.fromEntries(page.location().searchParams)).toEqual({ q: 'ada' }));
  await waitFor(() => expect(lastListQuery(api)).toMatchObject({ q: 'ada', offset: '0' }));
});
