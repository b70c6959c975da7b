#!/usr/bin/env node
// `pnpm gradkit <command>` from the repo root: runs the CLI from its TypeScript sources (no build
// step needed), resolving workspace packages through the `@gradkit/source` export condition.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWasm } from './ensure-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureWasm(root);
const r = spawnSync(
  process.execPath,
  [
    '--conditions=@gradkit/source',
    '--import',
    'tsx',
    join(root, 'apps/cli/src/main.ts'),
    ...process.argv.slice(2),
  ],
  {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdio: 'inherit',
    env: { ...process.env, GRADKIT_ROOT: root },
  },
);
process.exit(r.status ?? 1);
