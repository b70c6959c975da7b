#!/usr/bin/env node
// Builds the course site: the API reference from the doc comments, the demos' model and data
// (public/models, public/data), the lesson pages' data from the lesson registry
// (.vitepress/course.json), the figures, then VitePress (static files in
// .vitepress/dist). Used by `pnpm docs` and the end-to-end test.
//
//   node scripts/build.mjs              build
//   node scripts/build.mjs --if-stale   build only when a source is newer than the last build
//                                       (the site's files, the packages' sources and manifests)
//   node scripts/build.mjs --curriculum <curriculum.json|id> --out <dir>
//                                       the site of one curriculum: the same pages, figures, demos,
//                                       exercises and search, for its lessons in its order and its
//                                       extra pages (scripts/curriculum.ts stages it in
//                                       .curricula/<slug>-<random>/, removed after the build); the
//                                       main site's generated files are left alone
//
// Builds of the main site take a lock (.vitepress/.build-lock, holding the builder's pid): a second
// build started meanwhile (the end-to-end test files, each of which builds if stale, or the test
// command's early build) waits for the first, then builds only if still stale. A lock whose
// process is gone is taken over.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..', '..');
const dist = join(docs, '.vitepress', 'dist');
const stamp = join(dist, '.build-stamp');
const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale') && !args.includes('--curriculum');
const skip = new Set([
  'node_modules',
  '.curricula',
  '.build-lock',
  'cache',
  'dist',
  'api',
  'models',
  'data',
  'figures',
  '.turbo',
  'test',
  'bench',
  'README.md',
]);

/**
 * Folders tests create inside the sources for one test and remove (tests/test/import-cycles.test.ts
 * probes `packages/core/src/cycle-probe-*`, coursework-i's exercises.test.ts writes wrong answers
 * into `.wrong-answers-*`): not sources of the site. Seen by a check that ran while one existed,
 * they made the end-to-end files rebuild the site in the middle of `pnpm test` (128 s).
 */
const transient = /^(cycle-probe-|\.wrong-answers-)/;

/** The newest file under `dir` (skipping build outputs): `{ t, file }`, its modification time (ms) and path. */
function newest(dir) {
  let best = { t: 0, file: '' };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name) || transient.test(e.name)) continue;
    const p = join(dir, e.name);
    const n = e.isDirectory() ? newest(p) : { t: statSync(p).mtimeMs, file: p };
    if (n.t > best.t) best = n;
  }
  return best;
}

const lock = join(docs, '.vitepress', '.build-lock');
if (!args.includes('--curriculum')) {
  mkdirSync(dirname(lock), { recursive: true });
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return e.code === 'EPERM';
    }
  };
  const waitStep = new Int32Array(new SharedArrayBuffer(4));
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {}
    if (Number.isInteger(owner) && !alive(owner)) rmSync(lock, { recursive: true, force: true });
    else {
      if (!waited) console.log('docs: waiting for the build already running (.vitepress/.build-lock)');
      waited = true;
      Atomics.wait(waitStep, 0, 0, 500);
    }
  }
  process.on('exit', () => rmSync(lock, { recursive: true, force: true }));
}

if (ifStale && existsSync(stamp)) {
  const packages = join(root, 'packages');
  const inputs = [
    newest(docs),
    ...readdirSync(packages).map((p) =>
      existsSync(join(packages, p, 'src')) ? newest(join(packages, p)) : { t: 0, file: '' },
    ),
  ];
  const latest = inputs.reduce((a, b) => (b.t > a.t ? b : a));
  const built = statSync(stamp).mtimeMs;
  if (latest.t < built) {
    console.log('docs: the built site is up to date (.vitepress/dist)');
    process.exit(0);
  }
  // say what made it stale: a rebuild in the middle of a test run costs minutes
  console.log(
    `docs: rebuilding: ${relative(root, latest.file)} changed at ${new Date(latest.t).toISOString()}, after the last build (${new Date(built).toISOString()})`,
  );
}

const curriculum = option('--curriculum');
/** Run a Node script in apps/docs; a failed step ends the build with its exit status. */
class StepFailed extends Error {}
const run = (argv, env = process.env) => {
  const r = spawnSync(process.execPath, argv, { cwd: docs, stdio: 'inherit', env });
  if (r.status !== 0) {
    if (curriculum === undefined) process.exit(r.status ?? 1);
    throw new StepFailed(String(r.status ?? 1));
  }
};
const tsx = ['--conditions=@gradkit/source', '--import', 'tsx'];
const vitepress = join(
  dirname(createRequire(import.meta.url).resolve('vitepress/package.json')),
  'bin',
  'vitepress.js',
);
const t0 = Date.now();

function option(name) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`docs: ${name} expects a value, received ${JSON.stringify(value ?? null)}`);
    process.exit(2);
  }
  return value;
}
if (curriculum !== undefined) {
  const out = option('--out');
  if (out === undefined) {
    console.error('docs: --curriculum needs --out <dir>, the folder the site is built into');
    process.exit(2);
  }
  const spec = existsSync(curriculum) ? resolve(curriculum) : curriculum;
  const name =
    basename(spec)
      .replace(/\.json$/, '')
      .replace(/[^a-zA-Z0-9-]+/g, '-') || 'curriculum';
  const stage = join(docs, '.curricula', `${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(stage, { recursive: true });
  try {
    run([...tsx, join(docs, 'scripts', 'curriculum.ts'), spec, resolve(out), stage]);
    const site = JSON.parse(readFileSync(join(stage, 'site.json'), 'utf8'));
    const publicDir = join(site.srcDir, 'public');
    if (site.demos.model) run([join(docs, 'scripts', 'model.mjs'), '--public', publicDir]);
    if (site.demos.data) run([...tsx, join(docs, 'scripts', 'data.ts'), '--public', publicDir]);
    run([vitepress, 'build', docs], { ...process.env, GRADKIT_CURRICULUM_SITE: join(stage, 'site.json') });
    console.log(`docs: ${site.title}: built in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${site.outDir}`);
  } catch (e) {
    if (!(e instanceof StepFailed)) throw e;
    process.exitCode = Number(e.message);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  process.exit();
}

run([join(docs, 'scripts', 'api.mjs')]);
run([join(docs, 'scripts', 'model.mjs')]);
run(['--conditions=@gradkit/source', '--import', 'tsx', join(docs, 'scripts', 'data.ts')]);
run(['--conditions=@gradkit/source', '--import', 'tsx', join(docs, 'scripts', 'course.ts')]);
run(['--conditions=@gradkit/source', '--import', 'tsx', join(docs, 'scripts', 'figures.ts')]);
run([vitepress, 'build', docs, ...args.filter((a) => a !== '--if-stale')]);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log(`docs: built in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${dist}`);
