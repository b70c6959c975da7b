/**
 * Fused element-wise and reduction kernels for the training loop: each does in one pass over raw
 * float typed arrays what the composite tensor ops would do in several (each allocating):
 *
 * - `reluForward`: `out = max(x, 0)` (NaN propagates, as `torch.relu`), replacing the op's
 *   comparison + select + mask allocation;
 * - `reluBackward`: `gx = g · [y > 0]` from the forward's output `y` (no mask tensor kept);
 * - `addRowVector`: `C[i, :] += v` in place, the bias of a linear layer added straight into the
 *   GEMM's output (no broadcast temporary);
 * - `sumRows`: `out[j] = Σ_i G[i, j]`, the bias gradient (a column reduction in row order).
 *
 * Memory-bound, so they are JavaScript loops (registered under the `'js'` backend), one per dtype
 * so the JIT keeps each monomorphic over its typed array; except that with the `'wasm'` backend
 * loaded and active the float32 ReLU forward and backward, `addRowVector` and `sumRows` (256+
 * values) run as f32x4 SIMD loops in the WebAssembly module (bit-identical results: the same
 * float32 sums in the same order): on a slow core the branch-free JS loop costs
 * ~3–4 ns per element, the two copies in and out of linear memory plus SIMD ~0.3 ns.
 */
import type { FloatArray, GemmKernel } from './gemm.js';
import { getBackend, getKernel, registerKernel } from './registry.js';

/**
 * float32 SIMD versions of the fused loops, installed by the `'wasm'` backend when it loads. Each
 * returns false (`sgdMomentum`: null) when it could not run (WebAssembly memory cannot grow); the
 * caller then runs its JavaScript loop.
 */
export interface FusedSimd32 {
  relu(x: Float32Array, out: Float32Array, n: number): boolean;
  reluGrad(g: Float32Array, y: Float32Array, out: Float32Array, n: number): boolean;
  addRow(c: Float32Array, v: Float32Array, rows: number, cols: number): boolean;
  sumRows(g: Float32Array, out: Float32Array, rows: number, cols: number): boolean;
  sgdMomentum(
    param: Float32Array,
    grad: Float32Array,
    buf: Float32Array,
    initBuffer: boolean,
    o: SgdMomentumOptions,
  ): boolean | null;
}

/** Hyper-parameters of {@link sgdMomentumSimd32} (PyTorch `torch.optim.SGD`'s). */
export interface SgdMomentumOptions {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
}
let simd32: FusedSimd32 | null = null;
/** Below this many elements the float32 ReLU loops stay in JavaScript (the call costs more). */
const SIMD_MIN = 256;

/**
 * Installs (or, with null, removes) the WebAssembly SIMD float32 ReLU loops used while the
 * `'wasm'` backend is active; called by `kernels/wasm.ts`.
 * @internal
 */
export function setFusedSimd32(k: FusedSimd32 | null): void {
  simd32 = k;
}

/** The SIMD loops when they apply to `n` elements (backend `'wasm'`, loaded, n ≥ SIMD_MIN), else null. */
function simdFor(n: number): FusedSimd32 | null {
  return simd32 !== null && n >= SIMD_MIN && getBackend() === 'wasm' ? simd32 : null;
}

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
  if (x instanceof Float32Array) {
    const simd = simdFor(n);
    if (simd === null || !simd.relu(x, out as Float32Array, n)) relu32(x, out as Float32Array, n);
  } else relu64(x, out as Float64Array, n);
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
  if (g instanceof Float32Array) {
    const simd = simdFor(n);
    if (simd === null || !simd.reluGrad(g, y as Float32Array, out as Float32Array, n))
      reluGrad32(g, y as Float32Array, out as Float32Array, n);
  } else reluGrad64(g, y as Float64Array, out as Float64Array, n);
}

function addRow32(c: Float32Array, v: Float32Array, rows: number, cols: number): void {
  for (let i = 0, o = 0; i < rows; i++, o += cols)
    for (let j = 0; j < cols; j++) c[o + j] = c[o + j]! + v[j]!;
}
function addRow64(c: Float64Array, v: Float64Array, rows: number, cols: number): void {
  for (let i = 0, o = 0; i < rows; i++, o += cols)
    for (let j = 0; j < cols; j++) c[o + j] = c[o + j]! + v[j]!;
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
  if (c instanceof Float32Array) {
    const simd = simdFor(rows * cols);
    if (simd === null || !simd.addRow(c, v as Float32Array, rows, cols))
      addRow32(c, v as Float32Array, rows, cols);
  } else addRow64(c, v as Float64Array, rows, cols);
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
  if (g instanceof Float32Array) {
    const simd = simdFor(rows * cols);
    if (simd === null || !simd.sumRows(g, out as Float32Array, rows, cols))
      sumRows32(g, out as Float32Array, rows, cols);
  } else sumRows64(g, out as Float64Array, rows, cols);
}

/**
 * A linear layer's forward on raw arrays: `out [m, n] = x [m, k] · w [n, k]ᵀ (+ bias [n])`, then
 * `max(·, 0)` when `relu` (book eq. 7.5 with the activation of eq. 3.2). The `'js'` kernel runs the
 * current backend's `gemm` ('NT'), then {@link addRowVector} and {@link reluForward}; the `'wasm'`
 * backend does all three in linear memory with one copy back (same bits).
 */
export type LinearKernel = (
  x: FloatArray,
  w: FloatArray,
  bias: FloatArray | null,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  relu: boolean,
) => void;

/** The `'js'` `linear` kernel (see {@link LinearKernel}). */
export const linearJs: LinearKernel = (x, w, bias, out, m, k, n, relu) => {
  getKernel<GemmKernel>('gemm')('NT', x, 0, w, 0, out, 0, m, k, n, false);
  if (bias !== null) addRowVector(out, bias, m, n);
  if (relu) reluForward(out, out, m * n);
};

registerKernel<LinearKernel>('linear', 'js', linearJs);
registerKernel('reluForward', 'js', reluForward);
registerKernel('reluBackward', 'js', reluBackward);
registerKernel('addRowVector', 'js', addRowVector);
registerKernel('sumRows', 'js', sumRows);

/**
 * SGD with momentum on float32 storage, in place, as f64x2 SIMD in the WebAssembly module, or
 * null when that is not in use (backend `'js'`, module not loaded, fewer than 256 values, or
 * WebAssembly memory that cannot grow):
 * the caller then runs its JavaScript loop. The arithmetic is that loop's (`sgdUpdate` of
 * `@gradkit/optimizers`, float32 branch), bit for bit: with `d` the gradient (negated when
 * maximizing) plus `λ θ`, all in float64,
 * `b ← fround(d)` on the first step, else `b ← fround(fround(μ b) + (1 − τ) d)`;
 * `d ← μ b + d` (Nesterov) or `b`; `θ ← fround(−γ d + θ)`. Returns whether every updated
 * parameter is finite.
 *
 * ```ts
 * const ok = sgdMomentumSimd32(param, grad, buf, false, { lr: 0.05, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, maximize: false });
 * if (ok === null) {} // run the JavaScript loop
 * ```
 */
export function sgdMomentumSimd32(
  param: Float32Array,
  grad: Float32Array,
  buf: Float32Array,
  initBuffer: boolean,
  o: SgdMomentumOptions,
): boolean | null {
  const simd = simdFor(param.length);
  return simd === null ? null : simd.sgdMomentum(param, grad, buf, initBuffer, o);
}
