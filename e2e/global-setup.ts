// Builds the web app once before the browser flows, so they test the code as it is now and no two
// flows race to write dist/web.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup() {
  if (!existsSync('/usr/bin/chromium')) return;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
