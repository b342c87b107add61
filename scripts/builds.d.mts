// Types for scripts/builds.mjs (plain JavaScript: `npm start` runs it before anything is compiled).
export interface Target {
  name: string;
  sources: string[];
  skip?: RegExp;
  output: string;
  build: (root: string, quiet: boolean) => Promise<void>;
}
export const WEB: Target;
export const SERVER: Target;
export function hashFile(root: string, target: Target): string;
export function sourcesHash(root: string, target: Target): string;
export function buildState(root: string, target: Target): { hash: string; built: string | null; upToDate: boolean };
export function recordBuild(root: string, target: Target, hash: string): void;
export function ensureBuild(root: string, target: Target, opts?: { log?: (line: string) => void; quiet?: boolean }): Promise<{ built: boolean; hash: string }>;
