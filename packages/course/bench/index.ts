/**
 * @gradkit/course benchmark (`pnpm bench course` from the repository root), four notebooks
 * against their own loops: 8.3's double-descent sweep (`double_descent.ts`), 20.2's full-batch
 * gradient descent (`full_batch_gd.ts`) and 10.5's CNN (`convolution_for_mnist.ts`) against
 * PyTorch, and 18.2's diffusion model (`diffusion_1d.ts`) against numpy/scipy.
 *
 * gradkit runs with the kernels `gradkit run` loads: on Node 20 the CLI turns on V8's WebAssembly
 * relaxed SIMD for its process (`apps/cli/src/main.ts`), so this process does the same before
 * `@gradkit/core` loads (its worker threads share the flag), unless `GRADKIT_WASM_FMA=0`; each
 * part prints which build ran.
 */
import { setFlagsFromString } from 'node:v8';

if (process.versions.node.split('.')[0] === '20') setFlagsFromString('--experimental-wasm-relaxed-simd');
await import('./double_descent.js');
// Notebook 20.2 (the measure is --scale 0.01: GRADKIT_BENCH_SCALE=0.01, about 10 minutes of
// PyTorch; run in `pnpm bench course` at 0.002 unless set), then notebook 10.5's CNN, one epoch
process.env.GRADKIT_BENCH_SCALE ??= '0.002';
await import('./full_batch_gd.js');
await import('./convolution_for_mnist.js');
await import('./diffusion_1d.js');
