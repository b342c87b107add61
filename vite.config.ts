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
  },
  server: {
    // In development the API runs separately (npm run dev on :3000); same-origin cookies need the proxy.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
