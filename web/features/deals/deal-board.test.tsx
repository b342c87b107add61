// @vitest-environment jsdom
// The board moves a dropped card at once (the query cache), then POSTs /deals/{id}/move; when the
// server refuses, the card goes back to where it was and a toast says why. Dragged with dnd-kit's
// keyboard sensor (Space, arrow, Space) over a laid-out board: jsdom has no layout, so columns and
// cards get their boxes from their place in the DOM.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Toaster } from 'sonner';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Deal, Pipeline } from '../../../contracts/sales';
import { fakeApi, members, renderPage, setupWebTests } from '../../../test/web';
import { DealsPage } from './deals-page';

setupWebTests();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const stage = (n: number, name: string, probability: number) => ({ id: uuid(100 + n), pipelineId: uuid(100), name, position: n, probability, kind: 'open' as const, staleAfterDays: null, rottingDays: null });
const pipeline: Pipeline = {
  id: uuid(100), name: 'Sales', position: 0, isDefault: true, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
  stages: [stage(1, 'Qualified', 20), stage(2, 'Proposal', 60)],
};
const today = new Date().toISOString();
const deal = (n: number, name: string, stageN: number, position: number): Deal => {
  const s = pipeline.stages[stageN - 1]!;
  return {
    id: uuid(n), name, pipelineId: pipeline.id, stageId: s.id, stage: { id: s.id, name: s.name, kind: s.kind, probability: s.probability }, position,
    amount: '1000.00', currency: 'USD', probability: null, effectiveProbability: s.probability, weightedAmount: null, expectedCloseDate: null, closedAt: null,
    stageEnteredAt: today, lastActivityAt: today, companyId: null, company: null, primaryContactId: null, contactIds: [], ownerId: 'user-1', source: null,
    lostReason: null, tags: [], description: null, campaignId: null, customFields: {}, createdAt: today, updatedAt: today, version: 1, deletedAt: null,
  };
};

// Layout: column i at x = 260·i (240 × 300), its j-th card at y = 100 + 80·j; the drag overlay (a
// copy of the card outside the columns) where its card is.
const box = (left: number, top: number, width: number, height: number) => ({ x: left, y: top, left, top, width, height, right: left + width, bottom: top + height, toJSON: () => ({}) }) as DOMRect;
const original = { rect: Element.prototype.getBoundingClientRect, scroll: Element.prototype.scrollIntoView };
beforeAll(() => {
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const column = this.closest('[data-stage-id]');
    if (!column) {
      // The board and the page around it: a viewport-sized box.
      if (this.querySelector('[data-stage-id]')) return box(0, 0, 1280, 900);
      const href = this.querySelector('a[href^="/deals/"]')?.getAttribute('href');
      const card = href ? document.querySelector(`[data-stage-id] [data-deal-id]:has(a[href="${href}"])`) : null;
      return card ? card.getBoundingClientRect() : box(0, 0, 0, 0);
    }
    const left = [...document.querySelectorAll('[data-stage-id]')].indexOf(column) * 260;
    const card = this.closest('[data-deal-id]');
    if (!card) return box(left, 0, 240, 300);
    return box(left + 10, 100 + [...column.querySelectorAll('[data-deal-id]')].indexOf(card) * 80, 220, 70);
  };
  Element.prototype.scrollIntoView = () => {};
});
afterAll(() => {
  Element.prototype.getBoundingClientRect = original.rect;
  Element.prototype.scrollIntoView = original.scroll;
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function serve(board: () => Deal[] | Promise<Deal[]>) {
  const api = fakeApi();
  api.on('GET', '/pipelines', { body: { data: [pipeline] } });
  api.on('GET', '/members', { body: { data: members } });
  api.on('GET', '/tags', { body: { data: [] } });
  api.on('GET', '/custom-fields', { body: { data: [] } });
  api.on('GET', '/companies', { body: { data: [], total: 0, totalIsEstimate: false, nextCursor: null } });
  api.on('GET', '/deals', async () => ({ body: { data: await board(), total: 2, totalIsEstimate: false, nextCursor: null } }));
  return api;
}

const column = (name: string) => screen.getByRole('list', { name: `${name} deals` });
const inColumn = (name: string, deal: string) => within(column(name)).queryByText(deal) !== null;

// dnd-kit's keyboard sensor starts listening for the next key in a timeout after pick-up.
const nextTask = () => act(() => new Promise((r) => setTimeout(r, 0)));

/** Picks the card up with Space, moves it one column right, drops it with Space. */
async function moveRight(dealName: string) {
  const handle = within(column('Qualified')).getByRole('button', { name: new RegExp(`^Move ${dealName},`) });
  handle.focus();
  fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
  await nextTask();
  fireEvent.keyDown(document, { code: 'ArrowRight', key: 'ArrowRight' });
  await nextTask();
  fireEvent.keyDown(document, { code: 'Space', key: ' ' });
  await nextTask();
}

test('a drop shows the move at once; a refused move puts the card back and says why', async () => {
  const serverBoard = [deal(1, 'Acme renewal', 1, 0), deal(2, 'Globex pilot', 1, 1)];
  // After the failed move the board's refetch hangs: only the rollback can bring the card back.
  let hold: Promise<void> | null = null;
  const api = serve(async () => {
    await hold;
    return serverBoard;
  });
  const move = deferred<{ status: number; body: unknown }>();
  api.on('POST', /^\/deals\/[^/]+\/move$/, () => move.promise);
  renderPage(
    <>
      <DealsPage />
      <Toaster />
    </>,
    { url: '/deals' },
  );
  await screen.findByText('Acme renewal');
  expect(inColumn('Qualified', 'Acme renewal')).toBe(true);

  await moveRight('Acme renewal');
  // Optimistic: in Proposal before the server has answered.
  await waitFor(() => expect(inColumn('Proposal', 'Acme renewal')).toBe(true));
  expect(inColumn('Qualified', 'Acme renewal')).toBe(false);
  const [sent] = api.requests('POST', `/deals/${uuid(1)}/move`);
  expect(sent?.body).toEqual({ stageId: pipeline.stages[1]!.id, position: 0 });

  const release = deferred<void>();
  hold = release.promise;
  move.resolve({ status: 409, body: { error: { code: 'conflict', message: 'The stage was removed meanwhile' } } });
  await waitFor(() => expect(inColumn('Qualified', 'Acme renewal')).toBe(true));
  expect(inColumn('Proposal', 'Acme renewal')).toBe(false);
  // Back in its old place, above the other deal.
  expect([...column('Qualified').querySelectorAll('[data-deal-id]')].map((li) => li.getAttribute('data-deal-id'))).toEqual([uuid(1), uuid(2)]);
  // The toast comes once the board has been read again after the failed write (onSettled first).
  release.resolve();
  expect(await screen.findByText('Could not move Acme renewal: The stage was removed meanwhile')).toBeTruthy();
  expect(inColumn('Qualified', 'Acme renewal')).toBe(true);
  expect(api.unhandled).toEqual([]);
});

test('an accepted move stays, and the board then shows what the server says', async () => {
  let serverBoard = [deal(1, 'Acme renewal', 1, 0), deal(2, 'Globex pilot', 1, 1)];
  const api = serve(() => serverBoard);
  api.on('POST', /^\/deals\/[^/]+\/move$/, () => {
    serverBoard = [deal(1, 'Acme renewal', 2, 0), deal(2, 'Globex pilot', 1, 0)];
    return { body: { data: serverBoard[0] } };
  });
  renderPage(<DealsPage />, { url: '/deals' });
  await screen.findByText('Acme renewal');
  const boardReads = api.requests('GET', '/deals').length;

  await moveRight('Acme renewal');
  await waitFor(() => expect(inColumn('Proposal', 'Acme renewal')).toBe(true));
  // The write is followed by a fresh read of the board (invalidation), which agrees.
  await waitFor(() => expect(api.requests('GET', '/deals').length).toBeGreaterThan(boardReads));
  expect(inColumn('Proposal', 'Acme renewal')).toBe(true);
  expect(inColumn('Qualified', 'Globex pilot')).toBe(true);
  expect(api.unhandled).toEqual([]);
});
