// package.json "engines" is honest: every Node version it admits is admitted by every locked
// dependency, so `npm ci` on a supported Node prints no EBADENGINE warning (npm warns exactly when
// the running version falls outside a package's engines.node). A dependency that raises its floor
// above ours fails here until the range (and the README's "Node versions" section) follows.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { expect, test } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

test('our Node range lies inside every locked package engines.node', () => {
  const ours: string = pkg.engines.node;
  expect(semver.validRange(ours)).toBeTruthy();
  expect(lock.packages[''].engines?.node, 'package-lock.json is in step with package.json').toBe(ours);
  const outside: string[] = [];
  let checked = 0;
  for (const [path, meta] of Object.entries<{ engines?: unknown }>(lock.packages)) {
    if (!path) continue;
    const range = (meta.engines as { node?: unknown } | undefined)?.node;
    if (typeof range !== 'string') continue;
    checked++;
    if (!semver.subset(ours, range)) outside.push(`${path.replace(/^.*node_modules\//, '')} wants node ${range}`);
  }
  expect(checked).toBeGreaterThan(100);
  expect(outside).toEqual([]);
});

test('the README names the same supported range', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain(pkg.engines.node);
});
