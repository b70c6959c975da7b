// @gradkit/core's WebAssembly kernels are a build output (never committed): the root runners that
// execute TypeScript sources (`pnpm test`, `pnpm gradkit`/`pnpm demo`, `pnpm bench`) build them first when they
// are missing or stale (about 2 s once; a no-op check after that). Without the build, core falls
// back to its JavaScript kernels: correct, but several times slower, and rounded differently.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Build the WASM kernels if missing or stale; the build's messages go to stderr. */
export function ensureWasm(root) {
  spawnSync(process.execPath, [join(root, 'packages', 'core', 'scripts', 'build-wasm.mjs'), '--if-stale'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
}
