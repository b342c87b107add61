// The API reference at /api/docs: Scalar, served from this server (no CDN, works offline), as a
// page with no inline script so it runs under the same strict Content-Security-Policy as the app.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * Scalar's one browser file. The package (≈190 MB with its dependencies, of which the page needs
 * this 4 MB file) is a development dependency: the Docker image copies just the file to
 * dist/docs/scalar.js, and a development checkout reads it from node_modules.
 */
function scalarBundle(): string | null {
  const copied = fileURLToPath(new URL('../dist/docs/scalar.js', import.meta.url));
  if (existsSync(copied)) return copied;
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');
  } catch {
    return null;
  }
}

export function docsRoutes(app: Hono<any>) {
  const bundle = scalarBundle();
  const js = (c: { header: (k: string, v: string) => void; body: (b: string | Uint8Array) => Response }, body: string | Uint8Array) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(body);
  };
  app.get('/api/docs/scalar.js', (c) => (bundle ? js(c, readFileSync(bundle)) : c.json({ error: { code: 'not_found', message: 'The API reference viewer is not installed on this server; the OpenAPI document is at /api/openapi.json' } }, 404)));
  app.get('/api/docs/init.js', (c) => js(c, INIT));
  app.get('/api/docs', (c) => c.html(PAGE));
}
