/**
 * Child process of kernels.ts's "plain vs relaxed-SIMD build" table (not a benchmark of its own):
 * run as `node --experimental-wasm-relaxed-simd --conditions=@gradkit/source --import tsx
 * bench/gemm-build.ts` with or without `GRADKIT_WASM_FMA=0`, it times the float32 GEMM of whichever
 * build loaded — one thread at n = 256, 512, 1024 (GFLOP/s from this process's CPU time, best of 5
 * batches), then n = 1024 on 1 and 2 threads (wall time) — and prints one JSON line.
 */
import { gemmWasmSimd } from '../src/kernels/gemm.js';
import { setNumThreads } from '../src/kernels/threads.js';
import { wasmFma, wasmStatus } from '../src/kernels/wasm.js';
import { bestSeconds } from './timing.js';

const sizes = [256, 512, 1024];
const operands = (n: number) => {
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    a[i] = Math.sin(0.37 * i);
    b[i] = Math.sin(0.37 * i + 2);
  }
  return { a, b, c: new Float32Array(n * n) };
};
const gflops = (n: number, seconds: number) => (2 * n ** 3) / seconds / 1e9;

const oneThread = sizes.map((n) => {
  const { a, b, c } = operands(n);
  return gflops(
    n,
    bestSeconds(() => gemmWasmSimd('NN', a, 0, b, 0, c, 0, n, n, n, false), n >= 512 ? 300 : 100, 5, 'cpu'),
  );
});
const n = 1024;
const { a, b, c } = operands(n);
const run = () => gemmWasmSimd('NN', a, 0, b, 0, c, 0, n, n, n, false);
const wall1 = gflops(n, bestSeconds(run, 300, 5));
await setNumThreads(2);
const wall2 = gflops(n, bestSeconds(run, 300, 5));
await setNumThreads(1);
console.log(JSON.stringify({ status: wasmStatus(), fma: wasmFma(), sizes, oneThread, wall1, wall2 }));
