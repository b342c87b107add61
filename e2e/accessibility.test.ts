// Accessibility of every main page (issue 17 item 7): axe-core (WCAG 2.0 A/AA and 2.1 AA rules) finds
// no serious or critical violation at 1280 px and at 390 px, and no page scrolls sideways on the
// phone. The routes are web/router.tsx's (plus each record type's list and record page from the
// catalogue) with a little data seeded through the API, so lists, boards and record pages have
// rows, cards and sections to check; a few open overlays (palette, user menu, export menu) and the
// import's later steps too.
// One browser page is reused for every visit to keep the run short.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ENTITIES } from '../contracts/entities';
import { hasChromium, openPage, setupE2E, signUpWithOrganization, warnIfNoChromium } from './helpers';

warnIfNoChromium('e2e/accessibility.test.ts');
const e2e = setupE2E({ AUTH_RATE_LIMIT: 'false' });

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

async function send<T>(request: APIRequestContext, origin: string, path: string, data?: unknown): Promise<T> {
  const res = data === undefined ? await request.get(path) : await request.post(path, { data, headers: { Origin: origin } });
  if (!res.ok()) throw new Error(`${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the page has drawn its data: a level-1 heading, no loading placeholders, fonts and layout settled. */
async function settled(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Twice, a moment apart: one query's placeholder can give way to the next one's (pipelines, then the board).
  for (let i = 0; i < 2; i++) {
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], [role="status"].min-h-screen').length === 0, undefined, { timeout: 15_000 });
    await page.waitForTimeout(250); // requests started by what just rendered begin (not an assertion)
  }
  await page.evaluate(() => document.fonts.ready);
}

/** axe's serious and critical findings on what is on screen now, one readable line per element. */
async function findings(page: Page): Promise<string[]> {
  // WCAG 2.1 A too (2.1 AA includes it), and label-content-name-mismatch (2.5.3), which axe marks
  // experimental and so skips unless asked.
  const result = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } }) // before withTags: options() replaces all options
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  // The rules this test is about did run (a misconfigured builder would find nothing, silently).
  const ran = new Set([...result.passes, ...result.violations, ...result.incomplete, ...result.inapplicable].map((r) => r.id));
  for (const rule of ['color-contrast', 'label-content-name-mismatch', 'nested-interactive', 'list', 'scrollable-region-focusable']) if (!ran.has(rule)) throw new Error(`axe did not run ${rule}`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? v.help}`));
}

const CSV = ['First Name,Last Name,Email', 'Grace,Hopper,grace@navy.test', 'Bad,Row,not-an-email'].join('\n');

const sideways = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

test.skipIf(!hasChromium)('axe: no serious or critical issue on any main page at 1280 and 390 px, and nothing scrolls sideways on the phone', { timeout: 600_000 }, async () => {
  const env = e2e.env();
  const { context, page, consoleErrors } = await openPage(env, WIDTHS[0]);
  const post = <T,>(path: string, data: unknown) => send<T>(page.request, env.baseUrl, path, data);
  const get = <T,>(path: string) => send<T>(page.request, env.baseUrl, path);

  await signUpWithOrganization(page, { name: 'Alex Access', email: `alex+${Date.now()}@example.com`, organization: 'Access Co' });
  type Made = { data: { id: string } };
  const acme = (await post<Made>('/api/v1/companies', { name: 'Acme Corporation', domain: 'acme.test', industry: 'Manufacturing' })).data;
  const ada = (await post<Made>('/api/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', phone: '+14155552671', title: 'CTO', companyId: acme.id, tags: ['vip'] })).data;
  await post('/api/v1/contacts', { firstName: 'Alan', lastName: 'Turing', email: 'alan@acme.test', companyId: acme.id });
  const pipelines = await get<{ data: { id: string; stages: { id: string }[] }[] }>('/api/v1/pipelines');
  const pipeline = pipelines.data[0]!;
  const deal = (await post<Made>('/api/v1/deals', { name: 'Acme rollout', amount: '12000', currency: 'USD', pipelineId: pipeline.id, companyId: acme.id, primaryContactId: ada.id, expectedCloseDate: '2020-01-15' })).data;
  await post('/api/v1/deals', { name: 'Acme renewal', amount: '4000', currency: 'USD', pipelineId: pipeline.id, stageId: pipeline.stages[1]?.id, companyId: acme.id });
  const lead = (await post<Made>('/api/v1/leads', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test', companyName: 'Navy', source: 'website' })).data;
  const project = (await post<Made>('/api/v1/projects', { name: 'Acme onboarding', companyId: acme.id })).data;
  await post('/api/v1/tasks', { title: 'Call Ada about the rollout', dueAt: new Date().toISOString(), relatedType: 'contact', relatedId: ada.id, projectId: project.id });
  await post('/api/v1/tasks', { title: 'Send the contract', relatedType: 'deal', relatedId: deal.id });
  await post('/api/v1/notes', { body: 'Met at the **trade fair**; wants a demo.', relatedType: 'contact', relatedId: ada.id });
  await post('/api/v1/custom-fields', { entity: 'contact', label: 'Shoe size', type: 'number' });

  // Every route of web/router.tsx that a signed-in member opens (entity lists and records from the catalogue).
  const routes = [
    '/', '/contacts', `/contacts/${ada.id}`, '/companies', `/companies/${acme.id}`,
    '/deals', '/deals?view=list', `/deals/${deal.id}`, '/leads', `/leads/${lead.id}`,
    '/tasks', '/projects', `/projects/${project.id}`, '/events', '/calendar',
    '/assistant', '/activity', '/feedback', '/import/contacts',
    '/settings', '/settings/members', '/settings/ai', '/settings/pipelines', '/settings/custom-fields', '/settings/tags',
    '/settings/api-keys', '/settings/automations', '/settings/permissions', '/settings/webhooks', '/settings/notifications',
  ];
  // Every sidebar record type's list, so one added to the catalogue is checked without a line here.
  for (const e of ENTITIES) if (e.nav !== null && !routes.includes(e.route)) routes.push(e.route);
  // Overlays on top of a page: the palette (search and commands), the user menu, the export menu.
  const overlays: { name: string; route: string; open: (p: Page) => Promise<void> }[] = [
    { name: 'palette', route: '/contacts', open: async (p) => {
      await p.keyboard.press('Control+k');
      await p.getByRole('dialog').getByRole('combobox').fill('Ada');
      await p.getByRole('dialog').getByRole('option').first().waitFor();
    } },
    { name: 'user menu', route: '/contacts', open: async (p) => {
      await p.getByRole('button', { name: 'User menu' }).click();
      await p.getByRole('menu').waitFor();
    } },
    { name: 'import mapping', route: '/import/contacts', open: async (p) => {
      await p.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await p.getByRole('table', { name: 'Column mapping' }).waitFor();
    } },
    { name: 'import preview', route: '/import/contacts', open: async (p) => {
      await p.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await p.getByRole('button', { name: 'Continue to preview' }).click();
      await p.getByRole('heading', { name: /row has a problem/ }).waitFor();
    } },
    { name: 'export menu', route: '/contacts', open: async (p) => {
      await p.getByRole('button', { name: /Export/ }).first().click();
      await p.getByRole('menu').waitFor();
    } },
  ];

  const problems: string[] = [];
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    const visit = async (label: string, route: string, open?: (p: Page) => Promise<void>) => {
      await page.goto(route);
      await settled(page);
      if (open) await open(page);
      const shot = `a11y-${label.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'record').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'dashboard'}-${viewport.width}`;
      await env.shot(page, shot);
      for (const f of await findings(page)) problems.push(`${viewport.width}px ${label}: ${f}`);
      if (viewport.width === 390) {
        const width = await sideways(page);
        if (width > viewport.width) problems.push(`${viewport.width}px ${label}: the page scrolls sideways (${width} px wide)`);
      }
      if (open) await page.keyboard.press('Escape');
    };
    for (const route of routes) await visit(route, route);
    for (const o of overlays) await visit(`${o.route} + ${o.name}`, o.route, o.open);
  }

  if (problems.length) console.error(`Accessibility findings (${problems.length}):\n  ${problems.join('\n  ')}`);
  expect(problems, `axe serious/critical findings or sideways scroll:\n${problems.join('\n')}`).toEqual([]);
  expect(consoleErrors).toEqual([]);
  await context.close();
});
