// `npm start` (= `exec node scripts/start.mjs`): build the web app and the server bundle only when
// their sources changed, then run the server IN THIS PROCESS. Nothing sits between the process the
// user started and the server: `exec` replaces npm's shell, npm forwards SIGINT/SIGTERM to us, and
// server/index.ts shuts down cleanly on them (port closed, jobs stopped, database closed).
// Arguments after `npm start --` reach the server unchanged (process.argv).
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild, SERVER, WEB } from './builds.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();

// Node 22.1+ (the supported versions) can keep V8's compiled code of every module on disk, so a
// second start skips most of the parsing and compiling of the server and its dependencies. Older
// Node has no such call; the start works the same, only slower.
module.enableCompileCache?.(join(ROOT, 'node_modules', '.cache', 'node-compile-cache'));

// If whoever started us dies without passing a signal on (npm killed with SIGKILL, a shell that
// does not forward), we are re-parented: stop too rather than linger on the port.
const parent = process.ppid;
if (parent > 1) {
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    console.error(`[start] parent process ${parent} is gone: stopping the server`);
    process.kill(process.pid, 'SIGTERM');
  }, 1000);
  watch.unref();
}

const log = (/** @type {string} */ line) => console.log(`[start] ${line}`);
try {
  await ensureBuild(ROOT, WEB, { log });
  await ensureBuild(ROOT, SERVER, { log });
} catch (err) {
  console.error(`\nMeridian CRM could not be built:\n${/** @type {Error} */ (err).message}\n`);
  process.exit(process.exitCode || 1);
}
log(`starting the server (${Math.round(performance.now() - t0)} ms after start)`);
await import(pathToFileURL(join(ROOT, SERVER.output)).href);
