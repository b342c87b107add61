// @vitest-environment jsdom
// Form error mapping: a 400 from the API puts each `details` entry on the field it names — a record
// field, a custom field (`customFields.<key>`) — and what belongs to no field above the form.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { descriptionOf, fakeApi, members, renderPage, setupWebTests } from '../../../test/web';
import { CompanyFormDialog } from './company-form';

setupWebTests();

const tier = { id: 'cf-1', entity: 'company', key: 'tier', label: 'Tier', type: 'text', required: false, options: null, position: 0, archivedAt: null };

function serve() {
  const api = fakeApi();
  api.on('GET', '/members', { body: { data: members } });
  api.on('GET', '/custom-fields', { body: { data: [tier] } });
  api.on('GET', '/tags', { body: { data: [] } });
  return api;
}

test('a 400 lands on the fields its details name, and the rest shows above the form', async () => {
  const api = serve();
  api.on('POST', '/companies', {
    status: 400,
    body: {
      error: {
        code: 'validation_error',
        message: 'The request is not valid',
        details: [
          { path: 'domain', message: 'is already the domain of Acme Ltd' },
          { path: 'customFields.tier', message: 'must be at most 20 characters' },
          { path: '(row)', message: 'a company needs a name or a domain' },
        ],
      },
    },
  });
  renderPage(<CompanyFormDialog open onOpenChange={() => {}} />);

  fireEvent.input(await screen.findByLabelText('Name'), { target: { value: 'Acme' } });
  fireEvent.input(screen.getByLabelText('Domain'), { target: { value: 'acme.com' } });
  fireEvent.change(await screen.findByLabelText('Tier'), { target: { value: 'platinum-plus-enterprise' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create company' }));

  const domain = screen.getByLabelText('Domain');
  await waitFor(() => expect(domain.getAttribute('aria-invalid')).toBe('true'));
  expect(descriptionOf(domain)).toBe('is already the domain of Acme Ltd');
  expect(descriptionOf(screen.getByLabelText('Tier'))).toBe('must be at most 20 characters');
  expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
  // The server's message for what has no field of its own is said once, above the form.
  expect(screen.getByRole('alert').textContent).toBe('The request is not valid');

  // What was sent: the form's values through the contract, the custom field under customFields.
  const [sent] = api.requests('POST', '/companies');
  expect(sent?.body).toMatchObject({ name: 'Acme', domain: 'acme.com', ownerId: 'user-1', customFields: { tier: 'platinum-plus-enterprise' } });
  expect(api.unhandled).toEqual([]);
});

test('a 400 whose every detail has a field shows no form-level error', async () => {
  const api = serve();
  api.on('POST', '/companies', { status: 400, body: { error: { code: 'validation_error', message: 'The request is not valid', details: [{ path: 'website', message: 'points to a private address' }] } } });
  renderPage(<CompanyFormDialog open onOpenChange={() => {}} />);
  fireEvent.input(await screen.findByLabelText('Name'), { target: { value: 'Acme' } });
  fireEvent.input(screen.getByLabelText('Website'), { target: { value: 'https://acme.test' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create company' }));
  await waitFor(() => expect(descriptionOf(screen.getByLabelText('Website'))).toBe('points to a private address'));
  expect(api.requests('POST', '/companies')).toHaveLength(1);
  expect(screen.queryByRole('alert')).toBeNull();
});
