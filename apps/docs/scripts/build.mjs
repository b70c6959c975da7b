#!/usr/bin/env node
// Builds the course site: the API reference from the doc comments, the demos' model and data
// (public/models, public/data), the lesson pages' data from the lesson registry
// (.vitepress/course.json), the figures, then VitePress (static files in
// .vitepress/dist). Used by `pnpm docs` and the end-to-end test.
//
//   node scripts/build.mjs              build
//   node scripts/build.mjs --if-stale   build only when a source is newer than the last build
//                                       (the site's files, the packages' sources and manifests)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..', '..');
const dist = join(docs, '.vitepress', 'dist');
const stamp = join(dist, '.build-stamp');
const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const skip = new Set([
  'node_modules',
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

/** Newest modification time (ms) of the files under `dir`, skipping build outputs. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name)) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (ifStale && existsSync(stamp)) {
  const packages = join(root, 'packages');
  const inputs = [
    newest(docs),
    ...readdirSync(packages).map((p) =>
      existsSync(join(packages, p, 'src')) ? newest(join(packages, p)) : 0,
    ),
  ];
  if (Math.max(...inputs) < statSync(stamp).mtimeMs) {
    console.log('docs: the built site is up to date (.vitepress/dist)');
    process.exit(0);
  }
}

const run = (argv) => {
  const r = spawnSync(process.execPath, argv, { cwd: docs, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const t0 = Date.now();
run([join(docs, 'scripts', 'api.mjs')]);
run([join(docs, 'scripts', 'model.mjs')]);
run(['--conditions=@gradkit/source', '--import', 'tsx', join(docs, 'scripts', 'data.ts')]);
run(['--conditions=@gradkit/source', '--import', 'tsx', join(docs, 'scripts', 'course.ts')]);
run(['--conditions=@gradkit/source', '--import', 'tsx', join(docs, 'scripts', 'figures.ts')]);
const vitepress = join(
  dirname(createRequire(import.meta.url).resolve('vitepress/package.json')),
  'bin',
  'vitepress.js',
);
run([vitepress, 'build', docs, ...args.filter((a) => a !== '--if-stale')]);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log(`docs: built in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${dist}`);
