/// <reference types="vitest/config" />
// The web app (web/) builds into dist/web, which the API server serves with an index.html fallback.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'auth', test: /node_modules[\\/](better-auth|@better-auth|better-call|nanostores|@better-fetch|jose|defu)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // In development the API runs separately (npm run dev on :3000); same-origin cookies need the proxy.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
