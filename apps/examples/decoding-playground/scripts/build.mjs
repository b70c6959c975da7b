#!/usr/bin/env node
// Bundle the page with esbuild into dist/ (a static site: index.html, playground.js and the
// offline model's config.json + model.safetensors under model/, copied from the installed
// @gradkit/transformers package). The workspace packages resolve to their TypeScript sources
// through the `@gradkit/source` export condition; outside the monorepo, to their dist/ files.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(app, 'dist');
const require = createRequire(join(app, 'package.json'));
const modelDir = join(
  dirname(require.resolve('@gradkit/transformers/package.json')),
  'models',
  'tiny-gpt2-shakespeare',
);
mkdirSync(join(out, 'model'), { recursive: true });
const result = await build({
  entryPoints: [join(app, 'src', 'main.ts')],
  outfile: join(out, 'playground.js'),
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
for (const f of ['config.json', 'model.safetensors']) copyFileSync(join(modelDir, f), join(out, 'model', f));
const bytes =
  result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('playground.js'))]
    .bytes;
console.log(
  `decoding-playground: built ${out} (playground.js ${(bytes / 1024).toFixed(0)} KiB + the 6.3 MiB model)`,
);
