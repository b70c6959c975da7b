/**
 * @gradkit/core benchmark (`node scripts/bench.mjs core` from the repo root).
 *
 * Every row is a ratio against a baseline measured in the same run:
 * - element-wise (add, mul, exp) and reductions (sum): the library op vs a bare typed-array loop
 *   doing the same arithmetic (the floor a JS implementation can reach; ratio = library / loop
 *   throughput, 1.0 = no overhead);
 * - matmul GFLOP/s (2·n³ flops) for float32 and float64 at n = 64..512: the library kernel vs the
 *   naive i-j-k triple loop (no blocking, B walked by column);
 * - matmul backward: the transposed-operand kernels (dA = G Bᵀ, dB = Aᵀ G computed in place) vs
 *   materialising the transposes and calling matmul.
 */
import {
  add,
  exp,
  fromData,
  gradients,
  matmul,
  mul,
  noGrad,
  sum,
  type Tensor,
  transpose,
} from '../src/index.js';
import { bestSeconds } from './timing.js';
import './autograd.js'; // autograd vs manual backprop (runs first: ES imports are evaluated before this module)
import './kernels.js'; // GEMM kernels js vs wasm SIMD vs numpy (runs before this module's rows too)
import './random.js'; // numpy-exact log / randn vs Math.log and numpy

/** Best wall time (seconds) of `fn` over batches lasting at least `minMs` (after one warm-up call). */
const time = (fn: () => void, minMs = 150, batches = 3): number => bestSeconds(fn, minMs, batches);

type FloatArr = Float64Array | Float32Array;
function filled(dtype: 'float64' | 'float32', n: number, phase = 0): FloatArr {
  const a = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(0.37 * i + phase);
  return a;
}
const tensorOf = (a: FloatArr, shape: number[]): Tensor => fromData(a, shape);

const fmt = (v: number, d = 2) => v.toFixed(d).padStart(9);
const rows: string[] = [];
function header(title: string, cols: string[]): void {
  rows.push('', `## ${title}`, cols.map((c, i) => (i === 0 ? c.padEnd(32) : c.padStart(9))).join(' '));
}
function row(name: string, ...vals: string[]): void {
  const line = [name.padEnd(32), ...vals].join(' ');
  rows.push(line);
  console.log(line);
}

// ---------------------------------------------------------------------------------------------
// element-wise and reductions (1e6 elements): Melem/s, library vs bare loop
// ---------------------------------------------------------------------------------------------
const N = 1_000_000;
header(`element-wise and reductions, ${N} elements (Melem/s)`, ['op', 'gradkit', 'loop', 'ratio']);
console.log(rows.slice(-2).join('\n'));
for (const dtype of ['float64', 'float32'] as const) {
  const xa = filled(dtype, N, 0);
  const ya = filled(dtype, N, 1);
  const x = tensorOf(xa, [N]);
  const y = tensorOf(ya, [N]);
  const out = dtype === 'float64' ? new Float64Array(N) : new Float32Array(N);
  // Each baseline loop is compiled fresh per dtype (new Function), so it stays monomorphic over
  // its typed array: the fairest floor for the library to be compared with.
  const loop = (body: string): (() => void) => {
    const f = new Function('xa', 'ya', 'out', 'N', `"use strict"; ${body}`) as (
      x: FloatArr,
      y: FloatArr,
      o: FloatArr,
      n: number,
    ) => void;
    return () => f(xa, ya, out, N);
  };
  const X2 = tensorOf(xa, [1000, 1000]);
  const cases: [string, () => unknown, () => void][] = [
    ['add', () => add(x, y), loop('for (let i = 0; i < N; i++) out[i] = xa[i] + ya[i];')],
    ['mul', () => mul(x, y), loop('for (let i = 0; i < N; i++) out[i] = xa[i] * ya[i];')],
    ['exp', () => exp(x), loop('for (let i = 0; i < N; i++) out[i] = Math.exp(xa[i]);')],
    ['sum', () => sum(x), loop('let s = 0; for (let i = 0; i < N; i++) s += xa[i]; out[0] = s;')],
    [
      'sum axis=1 [1000,1000]',
      () => sum(X2, { axis: 1 }),
      loop(
        'for (let r = 0; r < 1000; r++) { let s = 0; for (let c = 0; c < 1000; c++) s += xa[r * 1000 + c]; out[r] = s; }',
      ),
    ],
    [
      'sum axis=0 [1000,1000]',
      () => sum(X2, { axis: 0 }),
      loop(
        'out.fill(0, 0, 1000); for (let r = 0; r < 1000; r++) for (let c = 0; c < 1000; c++) out[c] += xa[r * 1000 + c];',
      ),
    ],
  ];
  for (const [name, lib, loop] of cases) {
    const tl = time(() => noGrad(lib));
    const tb = time(loop);
    row(`${name} ${dtype}`, fmt(N / tl / 1e6, 1), fmt(N / tb / 1e6, 1), fmt(tb / tl));
  }
}

// ---------------------------------------------------------------------------------------------
// matmul GFLOP/s vs the naive i-j-k triple loop
// ---------------------------------------------------------------------------------------------
function naive64(a: Float64Array, b: Float64Array, c: Float64Array, n: number): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + j]!;
      c[i * n + j] = s;
    }
}
function naive32(a: Float32Array, b: Float32Array, c: Float32Array, n: number): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + j]!;
      c[i * n + j] = s;
    }
}

header('matmul n×n @ n×n (GFLOP/s, 2n³ flops)', ['case', 'gradkit', 'naive', 'ratio']);
console.log(rows.slice(-2).join('\n'));
for (const dtype of ['float64', 'float32'] as const) {
  for (const n of [64, 128, 256, 512]) {
    const aa = filled(dtype, n * n, 0);
    const ba = filled(dtype, n * n, 2);
    const A = tensorOf(aa, [n, n]);
    const B = tensorOf(ba, [n, n]);
    const flops = 2 * n ** 3;
    const minMs = n >= 512 ? 400 : 150;
    const tl = time(() => matmul(A, B), minMs);
    let tb: number;
    if (dtype === 'float64') {
      const c = new Float64Array(n * n);
      tb = time(() => naive64(aa as Float64Array, ba as Float64Array, c, n), minMs, n >= 512 ? 1 : 3);
    } else {
      const c = new Float32Array(n * n);
      tb = time(() => naive32(aa as Float32Array, ba as Float32Array, c, n), minMs, n >= 512 ? 1 : 3);
    }
    row(`${dtype} n=${n}`, fmt(flops / tl / 1e9), fmt(flops / tb / 1e9), fmt(tb / tl));
  }
}

// ---------------------------------------------------------------------------------------------
// matmul backward: transposed-operand kernels vs materialised transposes
// ---------------------------------------------------------------------------------------------
header('matmul backward, n=256 float64 (ms)', ['case', 'gradkit', 'T+matmul', 'ratio']);
console.log(rows.slice(-2).join('\n'));
{
  const n = 256;
  const aa = filled('float64', n * n, 0);
  const ba = filled('float64', n * n, 2);
  const G = tensorOf(filled('float64', n * n, 3), [n, n]);
  const tl = time(() => {
    const A = tensorOf(aa, [n, n]).requiresGrad_();
    const B = tensorOf(ba, [n, n]).requiresGrad_();
    gradients(matmul(A, B), [A, B], { gradOutput: G });
  });
  const tb = time(() => {
    const A = tensorOf(aa, [n, n]);
    const B = tensorOf(ba, [n, n]);
    noGrad(() => {
      matmul(A, B);
      matmul(G, transpose(B));
      matmul(transpose(A), G);
    });
  });
  row('forward + backward', fmt(tl * 1e3), fmt(tb * 1e3), fmt(tb / tl));
}

console.log(`\nnode ${process.version}, ${process.arch}`);
