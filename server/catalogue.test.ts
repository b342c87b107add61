// contracts/entities.ts is the one list of record types; every registry is derived from it. This
// test fails when a type is registered in one place and missing in another: the server registry,
// the OpenAPI document, the assistant's tools, MCP (through a real client), search, import, merge,
// custom fields, related records, and the web's pages, routes and sidebar.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CUSTOM_FIELD_ENTITIES, ENTITIES, IMPORT_RESOURCES, RELATED_TYPES, SEARCH_TYPES, hasCapability } from '../contracts/entities';
import { testApp, type TestApp } from '../test/app';
import { orgWithRoles } from '../test/factories';
import { toolRegistry } from './assistant/tools';
import { globalSearch } from './context/global-search';
import { tableOf } from './lib/crud';
import { IMPORT_FIELDS } from './modules/imports/columns';
import { mergeService } from './modules/merge/merge.service';
import { entityServices, serviceForType } from './modules/registry';

let app: TestApp;
let openapi: { paths: Record<string, Record<string, { parameters?: { name: string; schema?: { enum?: string[] } }[] }>> };
let server: ServerType;
let mcpTools: string[];
let web: typeof import('../web/entity-pages');

beforeAll(async () => {
  // Start the database first: PGlite takes any `window` for a browser. The web's pages module then
  // reads window.location once, when its auth client loads; that is all it needs of a browser here.
  app = await testApp();
  const g = globalThis as { window?: unknown };
  g.window = { location: { origin: 'http://localhost' } };
  try {
    web = await import('../web/entity-pages');
  } finally {
    delete g.window;
  }
  openapi = (await (await app.app.request('/api/openapi.json')).json()) as typeof openapi;
  const org = await orgWithRoles(app);
  server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const key = (await org.admin.post('/api/v1/api-keys', { name: 'catalogue' })).body.data.key as string;
  const mcp = new McpClient({ name: 'catalogue-test', version: '1.0.0' });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
  mcpTools = (await mcp.listTools()).tools.map((t) => t.name);
  await mcp.close();
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
);

test('the server registry holds exactly the catalogue, in its order and with its names', () => {
  expect(entityServices.map((s) => s.def.type)).toEqual(ENTITIES.map((e) => e.type));
  for (const e of ENTITIES) expect(serviceForType(e.type)!.def).toMatchObject({ type: e.type, resource: e.resource, label: e.label, plural: e.plural });
  expect(serviceForType('toString')).toBeUndefined();
});

describe.each(ENTITIES)('$type', (e) => {
  const path = (p: string) => openapi.paths[`/api/v1/${e.resource}${p}`];
  const tools = [`list_${e.resource.replace(/-/g, '_')}`, `get_${e.type}`, `create_${e.type}`, `update_${e.type}`, `delete_${e.type}`];

  test('REST and OpenAPI: the generic routes, and export/merge as its capabilities say', () => {
    expect(Object.keys(path('') ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(path('/{id}') ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(path('/{id}/restore')?.post).toBeDefined();
    expect(path('/{id}/activities')?.get).toBeDefined();
    expect(Boolean(path('/export')?.get)).toBe(hasCapability(e, 'export'));
    expect(Boolean(path('/duplicates')?.get)).toBe(hasCapability(e, 'merge'));
    expect(Boolean(path('/{id}/merge')?.post)).toBe(hasCapability(e, 'merge'));
    if (hasCapability(e, 'merge')) expect(() => mergeService(e.type)).not.toThrow();
  });

  test('assistant tools and MCP tools', () => {
    const names = toolRegistry.map((t) => t.name);
    for (const t of tools) {
      expect(names.includes(t), t).toBe(hasCapability(e, 'assistantTools'));
      expect(mcpTools.includes(t), `MCP ${t}`).toBe(hasCapability(e, 'assistantTools'));
    }
  });

  test('search, import, custom fields, related records', () => {
    expect(globalSearch.types.includes(e.type)).toBe(hasCapability(e, 'search'));
    expect((SEARCH_TYPES as readonly string[]).includes(e.type)).toBe(hasCapability(e, 'search'));
    expect((IMPORT_RESOURCES as readonly string[]).includes(e.resource)).toBe(hasCapability(e, 'import'));
    if (hasCapability(e, 'import')) expect(IMPORT_FIELDS[e.resource]?.length, `IMPORT_FIELDS.${e.resource}`).toBeGreaterThan(0);
    expect((CUSTOM_FIELD_ENTITIES as readonly string[]).includes(e.type)).toBe(hasCapability(e, 'customFields'));
    const table = serviceForType(e.type)!.def.table;
    expect('customFields' in table, 'a customFields capability needs the custom_fields column').toBe(hasCapability(e, 'customFields'));
    expect('tags' in table, 'a tags capability needs the tags column').toBe(hasCapability(e, 'tags'));
    expect((RELATED_TYPES as readonly string[]).includes(e.type)).toBe(hasCapability(e, 'notes'));
    if (hasCapability(e, 'notes')) expect(tableOf(e.type)).toBe(table);
  });

  test('web: pages, routes, sidebar and icon', () => {
    const { ENTITY_PAGES, entityNav, entityRoutes } = web;
    const pages = ENTITY_PAGES[e.type];
    expect(pages, `web/features/<folder>/pages.tsx exporting entityPages = { type: '${e.type}', icon, List, Detail }`).toBeDefined();
    if (!pages) return;
    expect(pages.icon.displayName, `icon in the pages.tsx of ${e.type}`).toBe(e.icon);
    const paths = entityRoutes.map((r) => r.path);
    expect(paths).toContain(`${e.route.slice(1)}/:id`);
    expect(paths.includes(e.route.slice(1))).toBe(Boolean(pages.List));
    expect(entityNav.some((n) => n.to === e.route)).toBe(e.nav !== null);
    if (e.nav !== null) expect(pages.List, 'a sidebar entry needs a list page').toBeDefined();
  });
});

test('web: every features/*/pages.tsx declares one catalogue type, and each type has exactly one', () => {
  expect(web.pageProblems).toEqual([]);
});

test('OpenAPI enums follow the catalogue: custom-field entities, import resources, related types', () => {
  const enumOf = (p: string, method: string, name: string) => openapi.paths[p][method].parameters?.find((x) => x.name === name)?.schema?.enum;
  expect(enumOf('/api/v1/custom-fields', 'get', 'entity')).toEqual([...CUSTOM_FIELD_ENTITIES]);
  expect(enumOf('/api/v1/attachments', 'get', 'relatedType')).toEqual([...RELATED_TYPES]);
  expect(new Set(Object.keys(IMPORT_FIELDS))).toEqual(new Set(IMPORT_RESOURCES));
});
