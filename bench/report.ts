// Formats the results table, judges the targets from the issue, and writes the JSON record.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stats } from './http-load';
import { MEMBER_PAIRS } from './ops';

export interface OpResult {
  name: string;
  api: Stats;
  raw: Stats;
  /** api p50 / raw p50 */
  ratio: number;
}

// Targets from the issue, defined at 1M contacts.
const P95_TARGET_MS = 20;
const P95_TARGET_OPS = new Set(['list by name', 'list status+company', 'get by id']);
const MEDIAN_RATIO_TARGET = 1.5;
/** Issue 14 item 5: owner-only visibility costs at most 20% over org-wide, as the same member (api p50). */
const OWNER_ONLY_TARGET = 1.2;

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
const rate = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function renderTable(results: OpResult[]): string {
  const header = ['op', 'api p50', 'p95', 'p99', 'req/s', 'raw p50', 'p95', 'p99', 'q/s', 'ratio'];
  const rows = results.map((r) => [
    r.name,
    ms(r.api.p50), ms(r.api.p95), ms(r.api.p99), rate(r.api.throughput),
    ms(r.raw.p50), ms(r.raw.p95), ms(r.raw.p99), rate(r.raw.throughput),
    Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '-',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export interface OwnerOnlyRatio {
  name: string;
  /** owner-only api p50 / org-wide api p50 */
  api: number;
  /** the same for the raw SQL twins */
  raw: number;
  met: boolean;
}

export interface Verdict {
  medianRatio: number;
  p95Failures: string[];
  ownerOnly: OwnerOnlyRatio[];
  met: boolean;
}

/** Owner-only against org-wide for each pair measured in this run. */
function ownerOnlyRatios(results: OpResult[]): OwnerOnlyRatio[] {
  const by = new Map(results.map((r) => [r.name, r]));
  return MEMBER_PAIRS.flatMap((p) => {
    const all = by.get(p.orgWide);
    const own = by.get(p.ownerOnly);
    if (!all || !own) return [];
    const api = own.api.p50 / all.api.p50;
    return [{ name: p.ownerOnly.replace(', owner-only', ''), api, raw: own.raw.p50 / all.raw.p50, met: api <= OWNER_ONLY_TARGET }];
  });
}

export function renderOwnerOnly(rows: OwnerOnlyRatio[]): string {
  if (!rows.length) return '';
  const header = ['owner-only / org-wide (member)', 'api p50 ratio', 'raw p50 ratio', `target ≤ ${OWNER_ONLY_TARGET}`];
  const cells = rows.map((r) => [r.name, r.api.toFixed(2), r.raw.toFixed(2), r.met ? 'met' : 'NOT MET']);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (cs: string[]) => cs.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

export function judge(results: OpResult[]): Verdict {
  const medianRatio = median(results.map((r) => r.ratio));
  const p95Failures = results.filter((r) => P95_TARGET_OPS.has(r.name) && !(r.api.p95 <= P95_TARGET_MS)).map((r) => `${r.name} (api p95 ${ms(r.api.p95)} ms)`);
  const ownerOnly = ownerOnlyRatios(results);
  return { medianRatio, p95Failures, ownerOnly, met: p95Failures.length === 0 && medianRatio <= MEDIAN_RATIO_TARGET && ownerOnly.every((o) => o.met) };
}

export function renderVerdict(v: Verdict, rows: number): string {
  const lines = [
    `median ratio (api p50 / raw p50): ${v.medianRatio.toFixed(2)} (target ≤ ${MEDIAN_RATIO_TARGET})`,
    `p95 ≤ ${P95_TARGET_MS} ms for lists and get: ${v.p95Failures.length ? `missed by ${v.p95Failures.join(', ')}` : 'met'}`,
    ...(v.ownerOnly.length
      ? [`owner-only / org-wide api p50 ≤ ${OWNER_ONLY_TARGET} (member): ${v.ownerOnly.every((o) => o.met) ? 'met' : `missed by ${v.ownerOnly.filter((o) => !o.met).map((o) => `${o.name} (${o.api.toFixed(2)})`).join(', ')}`}`]
      : []),
    `targets: ${v.met ? 'MET' : 'NOT MET'}${rows === 1_000_000 ? '' : ` (they are defined at 1,000,000 contacts; this run has ${rows.toLocaleString('en-US')})`}`,
  ];
  return lines.join('\n');
}

/** The results go to the temp dir: the repository has no ignored place for them. */
export function writeResults(record: unknown): string {
  const file = join(tmpdir(), `meridian-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(record, null, 2));
  return file;
}
