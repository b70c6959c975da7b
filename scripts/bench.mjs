#!/usr/bin/env node
// `pnpm bench [package...]`: runs each package's bench/index.ts (ratios measured in one run).
// With one GEMM thread unless GRADKIT_NUM_THREADS says otherwise: the benchmarks compare one
// thread against one (PyTorch's, numpy's), and those that measure threads set them themselves
// (`setNumThreads`, `parallelMap`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWasm } from './ensure-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureWasm(root);
const wanted = process.argv.slice(2);
let status = 0;
for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, dir))) {
    const entry = join(root, dir, name, 'bench', 'index.ts');
    if (!existsSync(entry) || (wanted.length && !wanted.includes(name))) continue;
    console.log(`\n# ${dir}/${name}`);
    const r = spawnSync(process.execPath, ['--conditions=@gradkit/source', '--import', 'tsx', entry], {
      cwd: join(root, dir, name),
      stdio: 'inherit',
      env: { ...process.env, GRADKIT_NUM_THREADS: process.env.GRADKIT_NUM_THREADS ?? '1' },
    });
    if (r.status !== 0) status = 1;
  }
}
process.exit(status);
