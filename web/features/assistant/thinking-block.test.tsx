// @vitest-environment jsdom
// Claude's thinking in the chat: a "Thinking" disclosure above the answer, closed by default and
// opened from the keyboard; a stored reply's thinking comes back on reload. The AI settings form
// offers the toggle only for a model that can think, and saves it with its budget.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { fakeApi, renderPage, setupWebTests } from '../../../test/web';
import { AiSettingsForm } from '../settings/ai-settings-form';
import type { ChatMessage } from './assistant.queries';
import { ChatMessageView } from './chat-message';
import { toUIMessages } from './chat-session';

setupWebTests();

const reply: ChatMessage = {
  id: 'm2',
  role: 'assistant',
  metadata: { model: 'Anthropic · claude-sonnet-4-5' },
  parts: [
    { type: 'reasoning', text: 'The user wants Grace added.', state: 'done' },
    { type: 'text', text: 'Added Grace Hopper.' },
  ],
};

test('the thinking block is closed by default, above the answer, and opens from the keyboard', async () => {
  renderPage(<ChatMessageView message={reply} streaming={false} />);
  const summary = await screen.findByText('Thinking');
  const details = summary.closest('details')!;
  expect(details.open).toBe(false);
  expect(details.compareDocumentPosition(screen.getByText('Added Grace Hopper.')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  // A <summary> is focusable and toggles its <details> (Enter/Space activate it, as a click does).
  const toggle = summary.closest('summary')!;
  toggle.focus();
  expect(document.activeElement).toBe(toggle);
  fireEvent.click(toggle);
  await waitFor(() => expect(details.open).toBe(true));
  expect(screen.getByText('The user wants Grace added.')).toBeTruthy();
});

test('a reply without thinking has no block; a stored reply brings its thinking back', () => {
  const messages = toUIMessages({
    id: 'c1', title: 'add Grace', summary: null, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
    messages: [
      { id: 'u1', role: 'user', text: 'add Grace', toolCalls: [], model: null, reasoning: null, createdAt: '2026-12-01T00:00:00.000Z' },
      { id: 'a1', role: 'assistant', text: 'Done.', toolCalls: [], model: 'Anthropic · claude-sonnet-4-5', reasoning: 'Stored thought.', createdAt: '2026-12-01T00:00:01.000Z' },
    ],
  });
  expect(messages[0].parts.some((p) => p.type === 'reasoning')).toBe(false);
  expect(messages[1].parts[0]).toEqual({ type: 'reasoning', text: 'Stored thought.', state: 'done' });
  renderPage(<ChatMessageView message={{ ...reply, parts: [{ type: 'text', text: 'Plain.' }] }} streaming={false} />);
  expect(screen.queryByText('Thinking')).toBeNull();
});

const stored = { provider: 'anthropic' as const, model: 'claude-sonnet-4-5', apiKey: '••••1234', baseUrl: null, label: 'Anthropic · claude-sonnet-4-5', scope: 'organization' as const, thinking: false, thinkingBudget: 4096, thinkingSupported: true };

test('the settings toggle: disabled with a reason for a model that cannot think; saved with its budget', async () => {
  const api = fakeApi();
  api.on('PUT', '/settings/ai', (req) => ({ body: { data: { ...stored, ...(req.body as object) } } }));
  renderPage(<AiSettingsForm scope="organization" stored={stored} saveLabel="Save" />);
  const toggle = (await screen.findByLabelText(/Let Claude think/)) as HTMLInputElement;
  expect(toggle.disabled).toBe(false);

  fireEvent.input(screen.getByLabelText('Model'), { target: { value: 'claude-3-5-haiku-latest' } });
  await waitFor(() => expect(toggle.disabled).toBe(true));
  expect(screen.getByText(/Not available for this provider and model/)).toBeTruthy();

  fireEvent.input(screen.getByLabelText('Model'), { target: { value: '' } });
  await waitFor(() => expect(toggle.disabled).toBe(false));
  fireEvent.click(toggle);
  const budget = await screen.findByLabelText('Thinking budget (tokens)');
  fireEvent.input(budget, { target: { value: '2048' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(api.requests('PUT', '/settings/ai')).toHaveLength(1));
  expect(api.requests('PUT', '/settings/ai')[0].body).toMatchObject({ provider: 'anthropic', thinking: true, thinkingBudget: 2048 });
});
