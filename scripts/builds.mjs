// The two builds `npm start` needs, each redone only when its sources changed since the last one:
//   web    — vite build of the SPA into dist/web,
//   server — esbuild bundle of server/ + contracts/ into dist/server/index.mjs (dependencies stay
//            external, loaded from node_modules as in development). Running the bundle with plain
//            node skips tsx, whose per-module transform and loader hooks were most of the start time.
// Sources are hashed by content; the hash of the last successful build is kept beside its output
// (dist/<name>.sources-sha256, not inside: vite empties dist/web on every build). Plain JavaScript
// on purpose: `npm start` runs it with plain node, before anything is compiled.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {{ name: string, sources: string[], skip?: RegExp, output: string, build: (root: string, quiet: boolean) => Promise<void> }} Target */

/** @type {Target} */
export const WEB = {
  name: 'web',
  // What the SPA build reads: its code, the contracts it imports, its config, the locked dependencies.
  sources: ['web', 'contracts', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'],
  output: 'dist/web/index.html',
  build: viteBuild,
};

/** @type {Target} */
export const SERVER = {
  name: 'server',
  sources: ['server', 'contracts', 'package-lock.json'],
  // Tests are not part of the server.
  skip: /\.test\.ts$/,
  output: 'dist/server/index.mjs',
  build: serverBundle,
};

export const hashFile = (/** @type {string} */ root, /** @type {Target} */ target) => join(root, 'dist', `${target.name}.sources-sha256`);

/** sha256 over every source file's path and content, in a stable order. */
export function sourcesHash(/** @type {string} */ root, /** @type {Target} */ target) {
  /** @type {string[]} */
  const files = [];
  for (const entry of target.sources) {
    const path = join(root, entry);
    if (!existsSync(path)) continue;
    if (!statSync(path).isDirectory()) {
      files.push(entry);
      continue;
    }
    for (const d of readdirSync(path, { withFileTypes: true, recursive: true })) {
      if (d.isFile()) files.push(relative(root, join(d.parentPath, d.name)));
    }
  }
  const hash = createHash('sha256');
  // Paths with '/' whatever the platform, so a checkout hashes the same everywhere.
  for (const f of files.map((f) => f.split(sep).join('/')).filter((f) => !target.skip?.test(f)).sort()) {
    hash.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  }
  return hash.digest('hex');
}

/** The current hash, the one recorded by the last successful build, and whether the output is current. */
export function buildState(/** @type {string} */ root, /** @type {Target} */ target) {
  const hash = sourcesHash(root, target);
  const file = hashFile(root, target);
  const built = existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  // The hash alone is not enough: the output may have been deleted since.
  return { hash, built, upToDate: built === hash && existsSync(join(root, target.output)) };
}

/** Records `hash` as built (atomically: an interrupted write never looks like a finished build). */
export function recordBuild(/** @type {string} */ root, /** @type {Target} */ target, /** @type {string} */ hash) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const file = hashFile(root, target);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${hash}\n`);
  renameSync(tmp, file);
}

/**
 * Builds `target` unless it is current. Returns what it did; `log` gets one line either way.
 * @param {string} root
 * @param {Target} target
 * @param {{ log?: (line: string) => void, quiet?: boolean }} [opts]
 */
export async function ensureBuild(root, target, opts = {}) {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const state = buildState(root, target);
  const short = state.hash.slice(0, 12);
  if (state.upToDate) {
    log(`${target.name}: up to date (sources ${short}, checked in ${Math.round(performance.now() - started)} ms), not rebuilding`);
    return { built: false, hash: state.hash };
  }
  log(`${target.name}: ${state.built ? `sources changed (${short}, last build ${state.built.slice(0, 12)})` : 'not built yet'}, building…`);
  await target.build(root, opts.quiet ?? false);
  recordBuild(root, target, state.hash);
  log(`${target.name}: built in ${Math.round(performance.now() - started)} ms (sources ${short})`);
  return { built: true, hash: state.hash };
}

/** `vite build` in a child process, so its memory is freed before the server starts. */
function viteBuild(/** @type {string} */ root, /** @type {boolean} */ quiet) {
  const pkg = createRequire(join(root, 'package.json')).resolve('vite/package.json');
  const vite = join(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin.vite);
  return /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      // NODE_ENV=production whatever ours is (tests run with "test"): else React ships its dev build.
      const env = { ...process.env, NODE_ENV: 'production' };
      const child = spawn(process.execPath, [vite, 'build', ...(quiet ? ['--logLevel', 'warn'] : [])], { cwd: root, stdio: 'inherit', env });
      // A signal to this process during the build stops the build too: no orphaned vite.
      const stop = (/** @type {NodeJS.Signals} */ signal) => {
        child.kill(signal);
        process.exitCode = signal === 'SIGINT' ? 130 : 143;
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
        if (code === 0) resolve();
        else reject(new Error(`vite build ${signal ? `was stopped by ${signal}` : `failed with exit code ${code}`}`));
      });
    })
  );
}

/** esbuild bundle of the server (in process: it takes well under a second). */
async function serverBundle(/** @type {string} */ root) {
  const esbuild = await import('esbuild');
  const ownCode = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(server|contracts)/.*\\.ts$`);
  await esbuild.build({
    entryPoints: [join(root, 'server', 'index.ts')],
    outfile: join(root, SERVER.output),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    // Dependencies load from node_modules exactly as in development and tests.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // Our files find their neighbours through import.meta.url (migrations, the embedding
        // worker, the web dist): keep each file's own URL, not the bundle's.
        name: 'keep-import-meta-url',
        setup(build) {
          build.onLoad({ filter: ownCode }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
}
