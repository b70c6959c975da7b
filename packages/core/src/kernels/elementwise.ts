/**
 * Element-wise and reduction kernels of the training loop, each doing in one pass over raw float
 * arrays what the composite tensor ops would do in several (each allocating):
 *
 * - `reluForward`: `out = max(x, 0)` (NaN propagates, as `torch.relu`);
 * - `reluBackward`: `gx = g · [y > 0]` from the forward's output `y` (no mask tensor kept);
 * - `addRowVector`: `C[i, :] += v` in place, the bias of a linear layer added straight into the
 *   GEMM's output (no broadcast temporary);
 * - `sumRows`: `out[j] = Σ_i G[i, j]`, the bias gradient (a column reduction in row order).
 *
 * `'js'`: JavaScript loops, one per dtype so the JIT keeps each monomorphic over its typed array.
 * `'wasm'`: for float32 and at least 256 values, the f32x4 SIMD loops of
 * `wasm/assembly/elementwise.ts` (bit-identical: the same float32 operations in the same order):
 * on a slow core the branch-free JS loop costs ~3–4 ns per element, the two copies in and out of
 * linear memory plus SIMD ~0.3 ns. Below 256 values, or for float64, the `'js'` loops run.
 */
import { type FloatArray, getKernel, registerKernel } from './registry.js';
import { align16, ensureMemory, wasm } from './wasm.js';

// ---------------------------------------------------------------------------------------------
// 'js': the loops
// ---------------------------------------------------------------------------------------------

// The loops are branch-free in the common case: with random signs (a layer's pre-activations)
// a `v > 0 ? v : 0` branch is mispredicted half the time, which costs more than the arithmetic.
// `(v + |v|) / 2` is exact for every finite float32 value held as a double (no overflow, no
// subnormal), is +0 for v ≤ 0 (−0 included) and NaN for NaN; the only other NaN comes from
// v = −∞, fixed by the rarely taken (so well predicted) branch.
function relu32(x: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let r = (v + Math.abs(v)) * 0.5;
    if (r !== r) r = v !== v ? v : 0;
    out[i] = r;
  }
}
// float64: v + v may overflow to +∞ for v > MAX/2 (then r = v itself, by the same rare branch).
function relu64(x: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let r = (v + Math.abs(v)) * 0.5;
    if (r !== r || r === Number.POSITIVE_INFINITY) r = v > 0 || v !== v ? v : 0;
    out[i] = r;
  }
}

// Branch-free select `y > 0 ? g : +0` with m = [y > 0] ∈ {0, 1}: `g·m + 0·(½ − m)` is g itself
// for m = 1 (the added −0 keeps a −0 gradient −0) and +0 for m = 0 (the added +0 turns g·0 = −0
// into +0); g·0 is NaN only for an infinite or NaN g, fixed by the rarely taken branch.
function reluGrad32(g: Float32Array, y: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const m = +(y[i]! > 0);
    let r = gi * m + 0 * (0.5 - m);
    if (r !== r) r = m === 1 ? gi : 0;
    out[i] = r;
  }
}
function reluGrad64(g: Float64Array, y: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const m = +(y[i]! > 0);
    let r = gi * m + 0 * (0.5 - m);
    if (r !== r) r = m === 1 ? gi : 0;
    out[i] = r;
  }
}

function addRow32(c: Float32Array, v: Float32Array, rows: number, cols: number): void {
  for (let i = 0, o = 0; i < rows; i++, o += cols)
    for (let j = 0; j < cols; j++) c[o + j] = c[o + j]! + v[j]!;
}
function addRow64(c: Float64Array, v: Float64Array, rows: number, cols: number): void {
  for (let i = 0, o = 0; i < rows; i++, o += cols)
    for (let j = 0; j < cols; j++) c[o + j] = c[o + j]! + v[j]!;
}

function sumRows32(g: Float32Array, out: Float32Array, rows: number, cols: number): void {
  out.fill(0, 0, cols);
  for (let i = 0, o = 0; i < rows; i++, o += cols)
    for (let j = 0; j < cols; j++) out[j] = out[j]! + g[o + j]!;
}
function sumRows64(g: Float64Array, out: Float64Array, rows: number, cols: number): void {
  out.fill(0, 0, cols);
  for (let i = 0, o = 0; i < rows; i++, o += cols)
    for (let j = 0; j < cols; j++) out[j] = out[j]! + g[o + j]!;
}

registerKernel('reluForward', 'js', (x, out, n) => {
  if (x instanceof Float32Array) relu32(x, out as Float32Array, n);
  else relu64(x, out as Float64Array, n);
});
registerKernel('reluBackward', 'js', (g, y, out, n) => {
  if (g instanceof Float32Array) reluGrad32(g, y as Float32Array, out as Float32Array, n);
  else reluGrad64(g, y as Float64Array, out as Float64Array, n);
});
registerKernel('addRowVector', 'js', (c, v, rows, cols) => {
  if (c instanceof Float32Array) addRow32(c, v as Float32Array, rows, cols);
  else addRow64(c, v as Float64Array, rows, cols);
});
registerKernel('sumRows', 'js', (g, out, rows, cols) => {
  if (g instanceof Float32Array) sumRows32(g, out as Float32Array, rows, cols);
  else sumRows64(g, out as Float64Array, rows, cols);
});

// ---------------------------------------------------------------------------------------------
// 'wasm': float32 SIMD in linear memory (operands copied in from the arena's start, result out)
// ---------------------------------------------------------------------------------------------

/** Below this many values the float32 loops stay in JavaScript (the call and copies cost more). */
const SIMD_MIN = 256;

if (wasm.ex) {
  const js = {
    reluForward: getKernel('reluForward', 'js'),
    reluBackward: getKernel('reluBackward', 'js'),
    addRowVector: getKernel('addRowVector', 'js'),
    sumRows: getKernel('sumRows', 'js'),
  };
  registerKernel('reluForward', 'wasm', (x, out, n) => {
    const p = wasm.arena;
    if (!(x instanceof Float32Array) || n < SIMD_MIN || !ensureMemory(p + n * 4))
      return js.reluForward(x, out, n);
    wasm.f32.set(x.subarray(0, n), p >> 2);
    wasm.ex!.reluF32(p, p, n);
    out.set(wasm.f32.subarray(p >> 2, (p >> 2) + n));
  });
  registerKernel('reluBackward', 'wasm', (g, y, out, n) => {
    const pg = wasm.arena;
    const py = align16(pg + n * 4);
    if (!(g instanceof Float32Array) || n < SIMD_MIN || !ensureMemory(py + n * 4))
      return js.reluBackward(g, y, out, n);
    wasm.f32.set(g.subarray(0, n), pg >> 2);
    wasm.f32.set(y.subarray(0, n), py >> 2);
    wasm.ex!.reluGradF32(pg, py, pg, n);
    out.set(wasm.f32.subarray(pg >> 2, (pg >> 2) + n));
  });
  registerKernel('addRowVector', 'wasm', (c, v, rows, cols) => {
    const n = rows * cols;
    const pc = wasm.arena;
    const pv = align16(pc + n * 4);
    if (!(c instanceof Float32Array) || n < SIMD_MIN || !ensureMemory(pv + cols * 4))
      return js.addRowVector(c, v, rows, cols);
    wasm.f32.set(c.subarray(0, n), pc >> 2);
    wasm.f32.set(v.subarray(0, cols), pv >> 2);
    wasm.ex!.addRowF32(pc, pv, rows, cols);
    c.set(wasm.f32.subarray(pc >> 2, (pc >> 2) + n));
  });
  registerKernel('sumRows', 'wasm', (g, out, rows, cols) => {
    const n = rows * cols;
    const pg = wasm.arena;
    const po = align16(pg + n * 4);
    if (!(g instanceof Float32Array) || n < SIMD_MIN || !ensureMemory(po + cols * 4))
      return js.sumRows(g, out, rows, cols);
    wasm.f32.set(g.subarray(0, n), pg >> 2);
    wasm.ex!.sumRowsF32(pg, po, rows, cols);
    out.set(wasm.f32.subarray(po >> 2, (po >> 2) + cols));
  });
}

// ---------------------------------------------------------------------------------------------
// Entry points (current backend)
// ---------------------------------------------------------------------------------------------

/**
 * `out[i] = max(x[i], 0)` for the first `n` elements (NaN stays NaN; −0 becomes 0), as PyTorch's
 * `relu`. `x` and `out` are the same float type and may be the same array (in place).
 *
 * ```ts
 * const out = new Float32Array(3);
 * reluForward(new Float32Array([-1, 0, 2]), out); // out = [0, 0, 2]
 * ```
 */
export function reluForward(x: FloatArray, out: FloatArray, n = x.length): void {
  getKernel('reluForward')(x, out, n);
}

/**
 * The ReLU backward in one pass: `out[i] = g[i]` where the forward output `y[i] > 0`, else 0
 * (the derivative of `max(z, 0)` is `[z > 0]`, book eq. 7.13's indicator, and `y > 0 ⇔ z > 0`).
 * All three arrays have the same float type; `out` may be `g`.
 *
 * ```ts
 * reluBackward(new Float64Array([5, 6]), new Float64Array([0, 2]), out); // out = [0, 6]
 * ```
 */
export function reluBackward(g: FloatArray, y: FloatArray, out: FloatArray, n = g.length): void {
  getKernel('reluBackward')(g, y, out, n);
}

/**
 * `C[i, j] += v[j]` in place for `C` `[rows, cols]` row-major (a bias row added to every row of a
 * layer's pre-activations, book eq. 7.5's `β + Ω h`). Same float type for both.
 *
 * ```ts
 * const c = new Float32Array([1, 2, 3, 4]);
 * addRowVector(c, new Float32Array([10, 20]), 2, 2); // c = [11, 22, 13, 24]
 * ```
 */
export function addRowVector(c: FloatArray, v: FloatArray, rows: number, cols: number): void {
  getKernel('addRowVector')(c, v, rows, cols);
}

/**
 * Column sums `out[j] = Σ_i G[i, j]` of `G` `[rows, cols]` row-major, summed in row order (as
 * numpy's `G.sum(axis=0)` on a C-contiguous array): the gradient of a bias that was added to
 * every row. Float32 sums round to float32 at every step (numpy's axis-0 order); `out` has at
 * least `cols` elements.
 *
 * ```ts
 * const out = new Float64Array(2);
 * sumRows(new Float64Array([1, 2, 3, 4]), out, 2, 2); // out = [4, 6]
 * ```
 */
export function sumRows(g: FloatArray, out: FloatArray, rows: number, cols: number): void {
  getKernel('sumRows')(g, out, rows, cols);
}
