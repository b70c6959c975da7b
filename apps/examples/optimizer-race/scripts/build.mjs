#!/usr/bin/env node
// Bundle the page with esbuild into dist/ (a static site: index.html + race.js, no server code).
// The workspace packages resolve to their TypeScript sources through the `@gradkit/source` export
// condition; outside the monorepo the same build uses the packages' published dist/ files.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(app, 'dist');
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(app, 'src', 'main.ts')],
  outfile: join(out, 'race.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@gradkit/source'],
  minify: true,
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(app, 'public', 'index.html'), join(out, 'index.html'));
const js = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('race.js'))[1].bytes;
console.log(`optimizer-race: built ${out} (race.js ${(js / 1024).toFixed(0)} KiB + source map)`);
