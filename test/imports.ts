// The project's import graph as the source says it, for the structure tests (web/structure.test.ts,
// server/structure.test.ts): which files a file imports, whether only for types, and which names.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

export interface ImportEdge {
  /** The importing file, relative to the project root. */
  from: string;
  /** The imported file relative to the root, or the bare package name. */
  to: string;
  spec: string;
  /** `import type …`, `export type … from`, or every named binding marked `type`: erased at build. */
  typeOnly: boolean;
  /** The names taken (`{ a as b }` gives a; `* as x` gives *; a default import gives default). */
  names: string[];
}

/** Source files (.ts, .tsx; no tests) under `dir`, relative to the root. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const p = join(abs, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'node_modules') walk(p);
      } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(root, p));
    }
  };
  walk(resolve(root, dir));
  return out.sort();
}

function resolveSpec(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(root, dirname(from), spec);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate);
  }
  return relative(root, base);
}

function namesOf(clause: string): { names: string[]; allTypes: boolean } {
  const names: string[] = [];
  let typed = 0;
  const braces = /\{([^}]*)\}/.exec(clause);
  if (braces) {
    for (const part of braces[1]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const isType = part.startsWith('type ');
      if (isType) typed++;
      names.push(part.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim());
    }
  }
  const outside = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
  if (/\*\s+as\s+\w+/.test(outside) || outside === '*') names.push('*');
  else if (/^[A-Za-z_$][\w$]*/.test(outside)) names.push('default');
  return { names, allTypes: names.length > 0 && typed === names.length };
}

/** Every static import and re-export of `file`, and every `import('…')` with a literal path. */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(resolve(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean, names: string[]) => edges.push({ from: file, to: resolveSpec(file, spec), spec, typeOnly, names });
  for (const m of text.matchAll(/(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^;'"]*?)\s+from\s+['"]([^'"]+)['"]/g)) {
    const { names, allTypes } = namesOf(m[3]!);
    add(m[4]!, Boolean(m[2]) || allTypes, names);
  }
  for (const m of text.matchAll(/(?:^|[\n;])\s*import\s+['"]([^'"]+)['"]/g)) add(m[1]!, false, []);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1]!, false, ['*']);
  return edges;
}

/** Groups of files that import each other in a loop (runtime imports only), each sorted. */
export function importCycles(files: string[]): string[][] {
  const inSet = new Set(files);
  const next = new Map(files.map((f) => [f, importsOf(f).filter((e) => !e.typeOnly && inSet.has(e.to)).map((e) => e.to)]));
  // Tarjan's strongly connected components.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(group.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return cycles;
}
