// The API reference at /api/docs: Scalar, served from this server (no CDN, works offline), as a
// page with no inline script so it runs under the same strict Content-Security-Policy as the app.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Meridian CRM API</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="/api/docs/scalar.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>`;

// No default fonts (they come from a CDN) and no telemetry: everything the page needs is 'self'.
const INIT = `Scalar.createApiReference('#app', ${JSON.stringify({ url: '/api/openapi.json', withDefaultFonts: false, telemetry: false, hideClientButton: false, _integration: 'hono' })});\n`;

export function docsRoutes(app: Hono<any>) {
  const bundle = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');
  const js = (c: { header: (k: string, v: string) => void; body: (b: string | Uint8Array) => Response }, body: string | Uint8Array) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(body);
  };
  app.get('/api/docs/scalar.js', (c) => js(c, readFileSync(bundle)));
  app.get('/api/docs/init.js', (c) => js(c, INIT));
  app.get('/api/docs', (c) => c.html(PAGE));
}
