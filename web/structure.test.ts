// The web's layers: components/ (generic pieces: ui, grid, list and record frames) never import
// features/ (what knows about a record type, the session, the assistant …). Feature-aware
// composition happens in features/ or at the top (router.tsx, entity-pages.tsx), which passes
// what a component needs in as props. lib/ (API, query client, the signed-in member) is below both.
import { describe, expect, test } from 'vitest';
import { importCycles, importsOf, sourceFiles } from '../test/imports';

const inside = (dir: string) => (file: string) => file.startsWith(`${dir}/`);

describe('web layers', () => {
  const components = sourceFiles('web/components');
  const lib = sourceFiles('web/lib');

  test('the import reader sees the imports (so the checks below are not vacuous)', () => {
    expect(components.length).toBeGreaterThan(20);
    expect(importsOf('web/components/list-page.tsx').map((e) => e.to)).toContain('web/lib/me.ts');
    expect(importsOf('web/router.tsx').some((e) => inside('web/features')(e.to))).toBe(true);
  });

  test('no file under web/components imports from web/features', () => {
    const offending = components.flatMap((f) => importsOf(f).filter((e) => inside('web/features')(e.to)).map((e) => `${f} -> ${e.spec}`));
    expect(offending).toEqual([]);
  });

  test('no file under web/lib imports from web/components or web/features', () => {
    const offending = lib.flatMap((f) => importsOf(f).filter((e) => inside('web/features')(e.to) || inside('web/components')(e.to)).map((e) => `${f} -> ${e.spec}`));
    expect(offending).toEqual([]);
  });

  test('no runtime import cycle in web/', () => {
    expect(importCycles(sourceFiles('web'))).toEqual([]);
  });
});
