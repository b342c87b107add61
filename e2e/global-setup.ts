// Builds the web app before the browser flows (only when its sources changed since the last build,
// the same check `npm start` makes), so they test the code as it is now and no two flows race to
// write dist/web.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, WEB } from '../scripts/builds.mjs';

export default async function setup() {
  if (!existsSync('/usr/bin/chromium')) return;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  await ensureBuild(root, WEB, { quiet: true, log: (line) => console.log(`[e2e] ${line}`) });
}
