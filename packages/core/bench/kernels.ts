/**
 * Kernel-layer benchmark: float32 (and float64) GEMM GFLOP/s at n = 64..1024 (square, 2n³ flops)
 * for the `'js'` reference kernel vs the `'wasm'` SIMD kernel, beside numpy (OpenBLAS) measured in
 * the same run — one thread (`OPENBLAS_NUM_THREADS=1`) and the default thread count. Also the
 * share of the WASM call spent copying operands in and out (copy-only time / full call) at 64, and
 * the wall-clock speed-up of `setNumThreads(2)` on float32 GEMMs of n = 128..1024. Last, the
 * float32 GEMM of the plain SIMD build vs the relaxed-SIMD (FMA) build at n = 256..1024 on one
 * thread, and 1 vs 2 threads at n = 1024 for each: both measured in child processes started with
 * `--experimental-wasm-relaxed-simd` (Node 20 needs it), the plain one forced by
 * `GRADKIT_WASM_FMA=0` (`bench/gemm-build.ts`). And the product of a decoding step's LM head,
 * x [m, 64] · wteᵀ with GPT-2's 50257 × 64 float32 embedding, for m = 1 (greedy) and 5 (beams):
 * `gemm` (which copies and packs the 12.9 MB head on every call) against `matmulResidentNT` (the
 * head kept in linear memory, the unpacked kernel), with the effective bandwidth over the head;
 * and `logSumExp` over one such row of logits, the `'js'` loop (Math.exp) against the `'wasm'` one.
 * Times are CPU seconds of this process (`process.cpuUsage`; numpy: `time.process_time`), which
 * for single-threaded code is the time on one core even when other processes share the machine;
 * numpy's multi-threaded column is wall time. Best of several batches. Run alone:
 * `node --conditions=@gradkit/source --import tsx packages/core/bench/kernels.ts`.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, setNumThreads, wasmStatus, withBackend } from '../src/index.js';
import {
  gemm,
  gemmJs,
  gemmWasmSimd,
  logSumExp,
  matmulResidentNT,
  ResidentMatrix,
} from '../src/kernels/index.js';
import { bestSeconds } from './timing.js';

/** Best mean CPU time (s) per call over `rounds` batches of at least `minMs` each, after a warm-up. */
const best = (fn: () => void, minMs: number, rounds = 5): number => bestSeconds(fn, minMs, rounds, 'cpu');

const sizes = [64, 128, 256, 512, 1024];

/** numpy float32/float64 matmul GFLOP/s per size, or null when numpy is not importable. */
function numpyGflops(dtype: string, threads: string | null): number[] | null {
  const py = `
import numpy as np, time
out = []
for n in ${JSON.stringify(sizes)}:
    a = np.sin(np.arange(n*n, dtype=np.float64) * 0.37).astype(np.${dtype}).reshape(n, n)
    b = np.sin(np.arange(n*n, dtype=np.float64) * 0.37 + 2).astype(np.${dtype}).reshape(n, n)
    a @ b
    clock = time.process_time if ${threads === '1' ? 'True' : 'False'} else time.perf_counter
    best = 1e9
    for r in range(5):
        reps = 0; t0 = clock(); t = t0
        while t - t0 < 0.1:
            a @ b; reps += 1; t = clock()
        best = min(best, (t - t0) / reps)
    out.append(2 * n**3 / best / 1e9)
print(' '.join('%.3f' % g for g in out))
`;
  const env = { ...process.env };
  if (threads) {
    env.OPENBLAS_NUM_THREADS = threads;
    env.OMP_NUM_THREADS = threads;
    env.MKL_NUM_THREADS = threads;
  }
  const r = spawnSync('python3', ['-c', py], { encoding: 'utf8', env });
  if (r.status !== 0) return null;
  return r.stdout.trim().split(/\s+/).map(Number);
}

const ok = await initWasm();
console.log(`\n## GEMM kernels, n×n @ n×n (GFLOP/s, 2n³ flops); wasm: ${wasmStatus()}`);
if (ok) {
  for (const dtype of ['float32', 'float64'] as const) {
    const np1 = numpyGflops(dtype, '1');
    const npAll = numpyGflops(dtype, null);
    console.log(
      [
        `${dtype} n`.padEnd(14),
        'js'.padStart(8),
        'wasm'.padStart(8),
        'wasm/js'.padStart(8),
        'numpy 1t'.padStart(9),
        'wasm/np1t'.padStart(10),
        'numpy mt'.padStart(9),
      ].join(' '),
    );
    sizes.forEach((n, idx) => {
      const T = dtype === 'float32' ? Float32Array : Float64Array;
      const a = new T(n * n);
      const b = new T(n * n);
      for (let i = 0; i < n * n; i++) {
        a[i] = Math.sin(0.37 * i);
        b[i] = Math.sin(0.37 * i + 2);
      }
      const c = new T(n * n);
      const minMs = n >= 512 ? 300 : 100;
      const flops = 2 * n ** 3;
      const tw = best(() => gemmWasmSimd('NN', a, 0, b, 0, c, 0, n, n, n, false), minMs);
      const tj = best(() => gemmJs('NN', a, 0, b, 0, c, 0, n, n, n, false), minMs, n >= 512 ? 1 : 3);
      const gj = flops / tj / 1e9;
      const gw = flops / tw / 1e9;
      const g1 = np1?.[idx];
      const ga = npAll?.[idx];
      console.log(
        [
          String(n).padEnd(14),
          gj.toFixed(2).padStart(8),
          gw.toFixed(2).padStart(8),
          `${(gw / gj).toFixed(1)}x`.padStart(8),
          (g1 === undefined ? 'n/a' : g1.toFixed(2)).padStart(9),
          (g1 === undefined ? 'n/a' : `${(gw / g1).toFixed(2)}x`).padStart(10),
          (ga === undefined ? 'n/a' : ga.toFixed(2)).padStart(9),
        ].join(' '),
      );
    });
  }
  // copies in/out vs the whole call at 64×64 float32 (the training loop's typical size)
  const n = 64;
  const a = Float32Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const c = new Float32Array(n * n);
  const scratch = new Float32Array(3 * n * n);
  const tCall = best(() => gemmWasmSimd('NN', a, 0, a, 0, c, 0, n, n, n, false), 100);
  const tCopy = best(() => {
    scratch.set(a, 0);
    scratch.set(a, n * n);
    c.set(scratch.subarray(2 * n * n, 3 * n * n));
  }, 100);
  console.log(
    `copies at 64×64 float32: ${(tCopy * 1e6).toFixed(2)} µs of ${(tCall * 1e6).toFixed(2)} µs per call (${((100 * tCopy) / tCall).toFixed(1)}%)`,
  );
  // worker threads: wall-clock GFLOP/s of float32 GEMMs with 1 and 2 threads (wall time, since
  // two threads spend twice the CPU time; meaningful only when two cores are free)
  const wall = (fn: () => void, minMs: number): number => bestSeconds(fn, minMs, 5);
  console.log('\nfloat32 wall GFLOP/s    1 thread  2 threads  speed-up');
  for (const m of [128, 256, 512, 1024]) {
    const x = new Float32Array(m * m);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(0.37 * i);
    const y = new Float32Array(m * m);
    const run = () => gemmWasmSimd('NN', x, 0, x, 0, y, 0, m, m, m, false);
    await setNumThreads(1);
    const t1 = wall(run, 200);
    await setNumThreads(2);
    const t2 = wall(run, 200);
    await setNumThreads(1);
    const g = (t: number) => (2 * m ** 3) / t / 1e9;
    console.log(
      `n = ${String(m).padEnd(19)} ${g(t1).toFixed(2).padStart(8)} ${g(t2).toFixed(2).padStart(10)} ${`${(t1 / t2).toFixed(2)}x`.padStart(9)}`,
    );
  }
  // plain SIMD vs relaxed-SIMD (FMA) build, each in a child process with relaxed SIMD enabled
  const buildRun = (fma: boolean) => {
    const r = spawnSync(
      process.execPath,
      [
        '--experimental-wasm-relaxed-simd',
        '--conditions=@gradkit/source',
        '--import',
        'tsx',
        join(dirname(fileURLToPath(import.meta.url)), 'gemm-build.ts'),
      ],
      { encoding: 'utf8', env: { ...process.env, GRADKIT_WASM_FMA: fma ? '1' : '0' } },
    );
    const line = r.stdout?.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) return null;
    return JSON.parse(line) as {
      fma: boolean;
      sizes: number[];
      oneThread: number[];
      wall1: number;
      wall2: number;
    };
  };
  const plain = buildRun(false);
  const fma = buildRun(true);
  console.log('\nfloat32 GFLOP/s, 1 thread  plain SIMD  relaxed SIMD (FMA)  FMA/plain');
  if (!plain || !fma || !fma.fma) console.log('(could not run the relaxed-SIMD build in a child process)');
  else {
    plain.sizes.forEach((m, i) => {
      const p = plain.oneThread[i]!;
      const f = fma.oneThread[i]!;
      console.log(
        `n = ${String(m).padEnd(22)} ${p.toFixed(2).padStart(10)} ${f.toFixed(2).padStart(19)} ${`${(f / p).toFixed(2)}x`.padStart(10)}`,
      );
    });
    for (const [name, r] of [
      ['plain SIMD', plain],
      ['relaxed SIMD (FMA)', fma],
    ] as const)
      console.log(
        `n = 1024 wall, ${name}: ${r.wall1.toFixed(2)} GFLOP/s on 1 thread, ${r.wall2.toFixed(2)} on 2 (${(r.wall2 / r.wall1).toFixed(2)}x)`,
      );
  }
}

if (ok) {
  const V = 50257;
  const d = 64;
  const head = new Float32Array(V * d);
  for (let i = 0; i < head.length; i++) head[i] = Math.sin(0.37 * i);
  const resident = new ResidentMatrix(head, V, d);
  console.log(
    `\n## LM head x [m, ${d}] · wteᵀ (${V} × ${d} float32, ${((V * d * 4) / 2 ** 20).toFixed(1)} MiB), ms per call`,
  );
  console.log('m   gemm (copy + pack)   matmulResidentNT   speed-up   GB/s over the head (resident)');
  for (const m of [1, 5]) {
    const x = new Float32Array(m * d).map((_, i) => Math.cos(i));
    const c = new Float32Array(m * V);
    const tg = best(() => gemm('NT', x, 0, head, 0, c, 0, m, d, V), 200);
    const tr = best(() => matmulResidentNT(x, m, resident, c), 200);
    console.log(
      `${String(m).padEnd(3)} ${(tg * 1e3).toFixed(3).padStart(18)} ${(tr * 1e3).toFixed(3).padStart(18)} ${`${(tg / tr).toFixed(2)}x`.padStart(10)} ${((V * d * 4) / tr / 1e9).toFixed(1).padStart(12)}`,
    );
  }
  resident.release();

  // log Σ exp over one row of logits: the per-token normaliser of a log-probability
  const logits = new Float32Array(V).map((_, i) => 8 * Math.sin(0.91 * i) - 4);
  const tj = withBackend('js', () => best(() => logSumExp(logits), 200));
  const tw = withBackend('wasm', () => best(() => logSumExp(logits), 200));
  console.log(`\n## logSumExp over ${V} float32 logits, ms per call`);
  console.log('js (Math.exp)   wasm (f64x2 exp)   speed-up   ns per value (wasm)');
  console.log(
    `${(tj * 1e3).toFixed(3).padStart(13)} ${(tw * 1e3).toFixed(3).padStart(18)} ${`${(tj / tw).toFixed(2)}x`.padStart(10)} ${((tw / V) * 1e9).toFixed(2).padStart(21)}`,
  );
}
