// `npm run build`: both builds `npm start` needs (the web app and the server bundle), each only
// when its sources changed. The Docker image runs this, then starts dist/server/index.mjs directly.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, SERVER, WEB } from './builds.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (/** @type {string} */ line) => console.log(`[build] ${line}`);
try {
  await ensureBuild(ROOT, WEB, { log });
  await ensureBuild(ROOT, SERVER, { log });
  // The API reference viewer's one browser file (server/docs.ts): production installs leave the
  // ≈190 MB package out and serve this copy.
  const scalar = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');
  mkdirSync(join(ROOT, 'dist', 'docs'), { recursive: true });
  copyFileSync(scalar, join(ROOT, 'dist', 'docs', 'scalar.js'));
} catch (err) {
  console.error(`\nMeridian CRM could not be built:\n${/** @type {Error} */ (err).message}\n`);
  process.exit(1);
}
