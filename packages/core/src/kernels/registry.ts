/**
 * The kernel registry: op definitions (validation, shapes, autograd) live in `ops/`, the number
 * crunching behind them lives here as named kernels, one implementation per backend — the split
 * TensorFlow.js makes between ops and backends. Two backends exist:
 *
 * - `'js'`: the readable reference kernels in plain JavaScript (always available);
 * - `'wasm'`: WebAssembly with 128-bit SIMD (f32x4 / f64x2), compiled from `packages/core/wasm/`
 *   at build time (each `wasm/assembly/<topic>.ts` has its JavaScript side in `<topic>.ts` here).
 *
 * `Kernels` below is the contract: every kernel's name and signature, so `getKernel('gemm')` is
 * typed without a cast. A package whose ops need kernels of their own adds them by declaration
 * merging and registers them with {@link registerKernel} when it loads (`@gradkit/conv` does so for
 * its convolution kernels, `src/kernels.ts` there):
 *
 * ```ts
 * declare module '@gradkit/core/kernels' {
 *   interface Kernels { myKernel: (x: Float64Array) => void }
 * }
 * registerKernel('myKernel', 'js', (x) => x.fill(0));
 * ```
 *
 * A backend registers only the kernels where it wins; `getKernel(name)` falls back to the `'js'`
 * kernel otherwise.
 */
import { show, ValueError } from '../errors.js';

/** Names of the backends. */
export type KernelBackend = 'js' | 'wasm';

/** A float typed array a kernel works on. */
export type FloatArray = Float32Array | Float64Array;

/** Operand layout of a GEMM: N = as stored, T = transposed. */
export type GemmLayout = 'NN' | 'NT' | 'TN';

/**
 * `C[m, n] = op(A) op(B)` (or `+=` with `accumulate`) on raw float arrays at element offsets, for
 * the layouts matmul's forward and backward passes need — `'NN'`: A `[m, k]`, B `[k, n]`; `'NT'`:
 * A `[m, k]`, B `[n, k]` (C = A Bᵀ); `'TN'`: A `[k, m]`, B `[k, n]` (C = Aᵀ B). Row-major, contiguous,
 * all three arrays the same float type.
 */
export type GemmKernel = (
  layout: GemmLayout,
  a: FloatArray,
  aOffset: number,
  b: FloatArray,
  bOffset: number,
  c: FloatArray,
  cOffset: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
) => void;

/**
 * A linear layer's forward on raw arrays: `out [m, n] = x [m, k] · w [n, k]ᵀ (+ bias [n])`, then
 * `max(·, 0)` when `relu` (book eq. 7.5 with the activation of eq. 3.2).
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

/** `out[i] = max(x[i], 0)` for `i < n` (NaN stays NaN, −0 becomes +0); `out` may be `x`. */
export type ReluForwardKernel = (x: FloatArray, out: FloatArray, n: number) => void;

/** `out[i] = y[i] > 0 ? g[i] : +0` for `i < n`: the ReLU's backward from its output `y`; `out` may be `g`. */
export type ReluBackwardKernel = (g: FloatArray, y: FloatArray, out: FloatArray, n: number) => void;

/** `c[i, j] += v[j]` in place for `c` `[rows, cols]` row-major (a bias row added to every row). */
export type AddRowVectorKernel = (c: FloatArray, v: FloatArray, rows: number, cols: number) => void;

/** `out[j] = Σ_i g[i, j]` over `g` `[rows, cols]` row-major, summed in row order from +0 (a bias gradient). */
export type SumRowsKernel = (g: FloatArray, out: FloatArray, rows: number, cols: number) => void;

/** The index of the first largest of `x[0..n)` (`n ≥ 1`), or of the first NaN: numpy's `argmax`. */
export type ArgmaxKernel = (x: FloatArray, n: number) => number;

/**
 * log Σ exp(x[i]) over `i < n` in float64, max-subtracted; `max`, when given, is the row's maximum
 * (not searched again). NaN anywhere → NaN, a +∞ → +∞, all −∞ or `n = 0` → −∞.
 */
export type LogSumExpKernel = (x: FloatArray, n: number, max: number | undefined) => number;

/**
 * log Σ exp(x[i]) over `i < n` of a float32 row at float32 precision: `x[i] − max` and its exp in
 * float32, the sum in float64. The same special values as {@link LogSumExpKernel}.
 */
export type LogSumExp32Kernel = (x: Float32Array, n: number, max: number | undefined) => number;

/** Hyper-parameters of the `sgdMomentum32` kernel (PyTorch `torch.optim.SGD`'s). */
export interface SgdMomentumOptions {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
}

/**
 * One SGD-with-momentum step on float32 storage, in place, with every intermediate in float64 and
 * rounded to float32 where it is stored: with `d` the gradient (negated when maximizing) plus
 * `λ θ`, `b ← fround(d)` on the first step (`initBuffer`), else `b ← fround(fround(μ b) + (1 − τ) d)`;
 * `d ← μ b + d` (Nesterov) or `b`; `θ ← fround(−γ d + θ)`. Returns whether every updated parameter
 * is finite. `@gradkit/optimizers` registers its loop as the `'js'` kernel.
 */
export type SgdMomentumKernel = (
  param: Float32Array,
  grad: Float32Array,
  buf: Float32Array,
  initBuffer: boolean,
  o: SgdMomentumOptions,
) => boolean;

/**
 * Every kernel by name, with its signature: what `getKernel` returns and `registerKernel` accepts.
 * Packages add their own kernels by declaration merging (see the module comment).
 */
export interface Kernels {
  gemm: GemmKernel;
  linear: LinearKernel;
  reluForward: ReluForwardKernel;
  reluBackward: ReluBackwardKernel;
  addRowVector: AddRowVectorKernel;
  sumRows: SumRowsKernel;
  argmax: ArgmaxKernel;
  logSumExp: LogSumExpKernel;
  logSumExp32: LogSumExp32Kernel;
  sgdMomentum32: SgdMomentumKernel;
}

/** A kernel's name. */
export type KernelName = keyof Kernels;

const kernels = new Map<KernelName, Map<KernelBackend, Kernels[KernelName]>>();
const available = new Set<KernelBackend>(['js']);
let current: KernelBackend = 'js';
let explicitlySet = false;

/**
 * Registers `fn` as kernel `name` of `backend` (replacing an earlier registration).
 *
 * ```ts
 * registerKernel('reluForward', 'js', (x, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.max(x[i]!, 0); });
 * ```
 */
export function registerKernel<K extends KernelName>(
  name: K,
  backend: KernelBackend,
  fn: NoInfer<Kernels[K]>,
): void {
  let byBackend = kernels.get(name);
  if (!byBackend) {
    byBackend = new Map();
    kernels.set(name, byBackend);
  }
  byBackend.set(backend, fn);
}

/**
 * The implementation of kernel `name` on `backend` (default: the current one), or the `'js'` one
 * when that backend does not provide it. Throws `ValueError` for a name nothing registered.
 *
 * ```ts
 * const gemm = getKernel('gemm'); // GemmKernel
 * ```
 */
export function getKernel<K extends KernelName>(name: K, backend: KernelBackend = current): Kernels[K] {
  const byBackend = kernels.get(name);
  const fn = byBackend?.get(backend) ?? byBackend?.get('js');
  if (fn === undefined)
    throw new ValueError(
      'getKernel',
      `no kernel named ${show(name)}; registered: ${[...kernels.keys()].join(', ')}`,
    );
  return fn as Kernels[K];
}

/** Marks a backend as loaded (called by the backend's module once it is ready). @internal */
export function markBackendAvailable(name: KernelBackend): void {
  available.add(name);
  // the default is the fastest loaded backend, unless the user chose one
  if (!explicitlySet && name === 'wasm') current = 'wasm';
}

/**
 * The backend the kernels run on: `'wasm'` by default when the WebAssembly module loaded (in
 * Node it loads when `@gradkit/core` is imported; in browsers too, or after `await initWasm()`),
 * `'js'` otherwise.
 *
 * ```ts
 * getBackend(); // 'wasm'
 * ```
 */
export function getBackend(): KernelBackend {
  return current;
}

/**
 * Selects the backend for all later kernel calls. `'wasm'` requires the WebAssembly module to
 * have loaded (see `wasmAvailable()` and `initWasm()`); throws `ValueError` otherwise or for an
 * unknown name. Results agree between backends up to floating-point summation order.
 *
 * ```ts
 * setBackend('js');   // the reference kernels
 * setBackend('wasm'); // SIMD GEMM
 * ```
 */
export function setBackend(name: KernelBackend): void {
  if (name !== 'js' && name !== 'wasm')
    throw new ValueError('setBackend', `name must be 'js' or 'wasm', received ${show(name)}`);
  if (!available.has(name))
    throw new ValueError(
      'setBackend',
      `backend ${show(name)} is not loaded (the WebAssembly kernels were not built or could not be instantiated); available: ${[...available].join(', ')}`,
    );
  current = name;
  explicitlySet = true;
}

/**
 * Runs `fn` with `name` as the backend, restoring the previous backend afterwards (also on throw).
 *
 * ```ts
 * const c = withBackend('js', () => matmul(a, b));
 * ```
 */
export function withBackend<T>(name: KernelBackend, fn: () => T): T {
  const prev = current;
  const prevSet = explicitlySet;
  setBackend(name);
  try {
    return fn();
  } finally {
    current = prev;
    explicitlySet = prevSet;
  }
}

/** The backends that loaded, `'js'` first. */
export function availableBackends(): KernelBackend[] {
  return [...available];
}
