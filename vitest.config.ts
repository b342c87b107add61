/// <reference types="vitest/config" />
import { defineConfig } from 'vitest/config';
// The vitest main process itself calls Map.groupBy when reporting failures (Node 21+ only).
import './server/polyfills';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          // Node by default; the web's component tests (web/**/*.test.tsx) say `// @vitest-environment jsdom`.
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx'],
          setupFiles: ['server/polyfills.ts'],
          // One database per worker, shared by that worker's files (every test makes its own
          // organization, so tenant scoping keeps them apart): isolate=false keeps it alive.
          pool: 'forks',
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          setupFiles: ['server/polyfills.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          pool: 'forks',
          // Each flow runs a server and a browser; one at a time keeps them from starving each other on 2 cores.
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
