// The server's seams (issue 9, item 4), held by the imports themselves: the OpenAPI helpers live in
// lib/openapi.ts (lib/crud-routes.ts builds the generic routes and nothing else), the global search
// lives in context/ (the assistant's tools use it, they do not make it; app.ts wires the REST one), and no runtime import
// cycle ties the registry to the services it lists (lib/related.ts finds tables through lib/crud.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importCycles, importsOf, root, sourceFiles } from '../test/imports';

const files = sourceFiles('server');
const edges = files.flatMap(importsOf);
const source = (f: string) => readFileSync(resolve(root, f), 'utf8');

describe('server seams', () => {
  test('the import reader sees the imports (so the checks below are not vacuous)', () => {
    expect(edges.some((e) => e.from === 'server/modules/registry.ts' && e.to === 'server/modules/contacts/contacts.service.ts' && !e.typeOnly)).toBe(true);
    expect(edges.some((e) => e.from === 'server/app.ts' && e.to === 'server/lib/crud-routes.ts' && e.names.includes('crudRoutes'))).toBe(true);
  });

  test('lib/crud-routes.ts gives crudRoutes only; the OpenAPI helpers come from lib/openapi.ts', () => {
    const taken = edges.filter((e) => e.to === 'server/lib/crud-routes.ts').flatMap((e) => e.names.filter((n) => n !== 'crudRoutes').map((n) => `${e.from}: ${n}`));
    expect(taken).toEqual([]);
    expect(source('server/lib/crud-routes.ts')).not.toMatch(/export\s*(\*|\{[^}]*\})\s*from/);
    const helpers = ['errorResponses', 'jsonResponse', 'jsonBody', 'jsonWithEtag', 'ifMatchHeaders', 'etagHeader'];
    const definedElsewhere = files.filter((f) => f !== 'server/lib/openapi.ts' && helpers.some((h) => new RegExp(`export\\s+(const|function)\\s+${h}\\b`).test(source(f))));
    expect(definedElsewhere).toEqual([]);
  });

  test('searches are made in context/ (and wired in app.ts); the assistant, MCP and modules take them', () => {
    const makers = files.filter((f) => /\bcreateSearch\(/.test(source(f)) && !f.startsWith('server/context/') && f !== 'server/app.ts');
    expect(makers).toEqual([]);
    expect(edges.some((e) => e.from === 'server/assistant/tools.ts' && e.to === 'server/context/global-search.ts' && e.names.includes('globalSearch'))).toBe(true);
  });

  test('lib/ never imports the registry or a module', () => {
    const up = edges.filter((e) => e.from.startsWith('server/lib/') && !e.typeOnly && e.to.startsWith('server/modules/')).map((e) => `${e.from} -> ${e.spec}`);
    expect(up).toEqual([]);
  });

  test('no runtime import cycle in server/', () => {
    expect(importCycles(files)).toEqual([]);
  });
});
