#!/usr/bin/env node
// Copies the offline default GPT-2 of @gradkit/transformers (config.json + model.safetensors,
// 6.3 MiB) into public/models/ so the static site serves it to the in-browser decoding demo.
// public/models/ is a build output (gitignored).
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = dirname(createRequire(join(docs, 'package.json')).resolve('@gradkit/transformers/package.json'));
const from = join(pkg, 'models', 'tiny-gpt2-shakespeare');
// `--public <dir>`: another site's public folder (a curriculum's site, scripts/curriculum.ts)
const at = process.argv.indexOf('--public');
const to = join(at > 0 ? process.argv[at + 1] : join(docs, 'public'), 'models', 'tiny-gpt2-shakespeare');
mkdirSync(to, { recursive: true });
for (const f of ['config.json', 'model.safetensors', 'README.md']) {
  const src = join(from, f);
  if (!existsSync(src))
    throw new Error(`docs: ${src} is missing; expected the offline default model of @gradkit/transformers`);
  const dst = join(to, f);
  if (!existsSync(dst) || statSync(dst).mtimeMs < statSync(src).mtimeMs) copyFileSync(src, dst);
}
console.log(`model: ${from} -> ${to}`);
