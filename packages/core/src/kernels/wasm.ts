/**
 * The `'wasm'` backend: loads the WebAssembly SIMD module built from `packages/core/wasm/` (its
 * bytes are the base64 string of `generated/wasm-binary.ts`, written by
 * `scripts/build-wasm.mjs`), and registers its kernels.
 *
 * Loading is asynchronous (`WebAssembly.instantiate`, allowed on a browser's main thread for any
 * module size) and awaited at the top level of this module, so by the time `@gradkit/core` is
 * imported the backend is ready in Node and in bundlers that support top-level await; `initWasm()`
 * returns the same promise for code that wants to wait explicitly. When the generated file is
 * missing (core used from source before `pnpm build`) or WebAssembly SIMD is unsupported, the
 * `'js'` backend stays in use and a debug message says why (printed when the `DEBUG` environment
 * variable mentions `gradkit`; `wasmStatus()` tells it too).
 *
 * Memory: one linear memory holds two packing buffers (A and B panels, sized for the kernel's
 * blocking; one pair per thread with worker threads, see `threads.ts`) and an arena for the
 * operands; it grows when a call needs more and is reused across
 * calls, so a training loop allocates nothing here once warmed up. Operands are copied in and the
 * result out (typed-array `set`, a memcpy): O(mk + kn + mn) against the O(mnk) product.
 */

import type { DataArray } from '../dtype.js';
import { type LinearKernel, linearJs, type SgdMomentumOptions, setFusedSimd32 } from './fused.js';
import { type FloatArray, type GemmKernel, type GemmLayout, gemmJs } from './gemm.js';
import {
  type ChannelSumKernel,
  CONV_WEIGHT_CHUNK_ELEMENTS,
  type ConvBackwardInputKernel,
  type ConvBackwardKernel,
  type ConvBackwardWeightKernel,
  type ConvForwardKernel,
  type ConvKernelDims,
  convChunkImages,
} from './im2col.js';
import { getKernel, markBackendAvailable, registerKernel } from './registry.js';

/**
 * A WASM GEMM export: C[m×n] (+)= A[m×k]·B[k×n] with operands at byte offsets `a`, `b`, `c`, A and
 * B addressed by (row, column) strides, C by its leading dimension, and `ap`/`bp` the packing
 * buffers. The float32 and float64 kernels share it.
 */
type WasmGemm = (
  m: number,
  n: number,
  k: number,
  a: number,
  rsa: number,
  csa: number,
  b: number,
  rsb: number,
  csb: number,
  c: number,
  ldc: number,
  accumulate: number,
  ap: number,
  bp: number,
) => void;

interface KernelExports {
  memory: WebAssembly.Memory;
  gemmF32: WasmGemm;
  gemmF64: WasmGemm;
  reluF32(x: number, out: number, n: number): void;
  reluGradF32(g: number, y: number, out: number, n: number): void;
  addRowF32(c: number, v: number, rows: number, cols: number): void;
  sumRowsF32(g: number, out: number, rows: number, cols: number): void;
  sgdMomentumF32(
    p: number,
    g: number,
    b: number,
    n: number,
    init: number,
    lr: number,
    momentum: number,
    dampening: number,
    nesterov: number,
    wd: number,
    maximize: number,
  ): number;
  packSizeA(): number;
  packSizeB(): number;
  heapBase(): number;
  convForwardF32: WasmConv;
  convForwardF64: WasmConv;
  convBackwardF32: WasmConvBackward;
  convBackwardF64: WasmConvBackward;
  linearF32: WasmLinear;
  linearF64: WasmLinear;
}

/** linear export: (x, w, bias or 0, out, m, k, n, relu 0/1, packA, packB). */
type WasmLinear = (
  x: number,
  w: number,
  bias: number,
  out: number,
  m: number,
  k: number,
  n: number,
  relu: number,
  ap: number,
  bp: number,
) => void;
/** conv forward export: (geometry, x, w, bias or 0, out, work, packA, packB, relu 0/1). */
type WasmConv = (
  prm: number,
  x: number,
  w: number,
  bias: number,
  out: number,
  work: number,
  ap: number,
  bp: number,
  relu: number,
) => void;
/** conv all-gradients export: (geometry, gOut, relu mask or 0, x, w, gx / gw / gb or 0, work, packA, packB). */
type WasmConvBackward = (
  prm: number,
  g: number,
  mask: number,
  x: number,
  w: number,
  gx: number,
  gw: number,
  gb: number,
  work: number,
  ap: number,
  bp: number,
) => void;

let wasm: KernelExports | null = null;
let status = 'not loaded';
let packA = 0;
let packB = 0;
let arena = 0;
let f32 = new Float32Array(0);
let f64 = new Float64Array(0);
let i32 = new Int32Array(0);
/** Pages the current memory may grow to (the shared memory has a declared maximum). */
let maxPages = 65536;
/** The single-threaded instance, kept to switch back from the shared one. */
let ownInstance: { ex: KernelExports; packA: number; packB: number; arena: number } | null = null;
/** The compiled shared-memory module (for worker threads), when it was built. */
let sharedBytes: Uint8Array | null = null;
let sharedMaxPages = 0;

/**
 * Runs one GEMM on the shared memory split over worker threads (installed by `threads.ts` while
 * more than one thread is enabled); null otherwise.
 * @internal
 */
export interface ParallelGemm {
  (
    is64: boolean,
    m: number,
    n: number,
    k: number,
    a: number,
    rsa: number,
    csa: number,
    b: number,
    rsb: number,
    csb: number,
    c: number,
    ldc: number,
    accumulate: number,
  ): void;
  /** Below this many multiply-adds (m·k·n) the call stays on one thread. */
  minWork: number;
}
let parallel: ParallelGemm | null = null;

function debug(message: string): void {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.DEBUG && /gradkit/.test(env.DEBUG)) console.debug(`[gradkit:kernels] ${message}`);
}

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function refreshViews(): void {
  const buf = wasm!.memory.buffer;
  if (f32.buffer !== buf) {
    f32 = new Float32Array(buf);
    f64 = new Float64Array(buf);
    i32 = new Int32Array(buf);
  }
}

/** Makes linear memory at least `bytes` long (grows by whole 64 KiB pages). */
function ensureMemory(bytes: number): boolean {
  const mem = wasm!.memory;
  const have = mem.buffer.byteLength;
  if (bytes > have) {
    const pages = Math.ceil((bytes - have) / 65536);
    if (have / 65536 + pages > maxPages) return false;
    try {
      mem.grow(pages);
    } catch {
      return false; // the engine refused to reserve more memory
    }
  }
  refreshViews();
  return true;
}

const align16 = (x: number): number => (x + 15) & ~15;

async function load(): Promise<void> {
  let base64: string;
  try {
    // biome-ignore lint/suspicious/noTsIgnore: the file may or may not exist at type-check time
    // @ts-ignore -- generated by scripts/build-wasm.mjs; absent until the package is built
    const mod = (await import('./generated/wasm-binary.js')) as {
      wasmBase64: string;
      wasmSharedBase64?: string;
      maxSharedPages?: number;
    };
    base64 = mod.wasmBase64;
    if (mod.wasmSharedBase64) {
      sharedBytes = decodeBase64(mod.wasmSharedBase64);
      sharedMaxPages = mod.maxSharedPages ?? 16384;
    }
  } catch {
    status =
      "the WebAssembly kernels are not built (src/kernels/generated/wasm-binary.ts is missing; run `pnpm --filter @gradkit/core build:wasm`): using the 'js' backend";
    debug(status);
    return;
  }
  try {
    if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available');
    const { instance } = await WebAssembly.instantiate(decodeBase64(base64).buffer as ArrayBuffer, {});
    const ex = instance.exports as unknown as KernelExports;
    wasm = ex;
    packA = ex.heapBase();
    packB = align16(packA + ex.packSizeA() * 8);
    arena = align16(packB + ex.packSizeB() * 8);
    ensureMemory(arena);
    ownInstance = { ex, packA, packB, arena };
    status = 'loaded';
    registerKernel('gemm', 'wasm', gemmWasm);
    setFusedSimd32({
      relu: reluWasm32,
      reluGrad: reluGradWasm32,
      sgdMomentum: sgdMomentumWasm32,
      addRow: addRowWasm32,
      sumRows: sumRowsWasm32,
    });
    registerKernel<LinearKernel>('linear', 'wasm', linearWasm);
    registerKernel<ConvForwardKernel>('conv2dForward', 'wasm', convForwardWasm);
    registerKernel<ConvBackwardInputKernel>('conv2dBackwardInput', 'wasm', convBackwardInputWasm);
    registerKernel<ConvBackwardWeightKernel>('conv2dBackwardWeight', 'wasm', convBackwardWeightWasm);
    registerKernel<ConvBackwardKernel>('conv2dBackward', 'wasm', convBackwardWasm);
    registerKernel<ChannelSumKernel>('channelSum', 'wasm', channelSumWasm);
    markBackendAvailable('wasm');
  } catch (error) {
    wasm = null;
    status = `the WebAssembly kernels could not be instantiated (${(error as Error).message}; SIMD needs Node 16.4+ or a 2021+ browser): using the 'js' backend`;
    debug(status);
  }
}

/**
 * The shared-memory build of the kernels and its page limit, for `threads.ts` (null when the
 * module was not built or did not load).
 * @internal
 */
export function sharedModuleBytes(): { bytes: Uint8Array; maxPages: number } | null {
  return wasm && sharedBytes ? { bytes: sharedBytes, maxPages: sharedMaxPages } : null;
}

/**
 * Makes the kernels run on `ex` (an instance of the shared-memory build whose packing buffers for
 * the calling thread start at `packAt`, operands at `arenaAt`) with `runner` splitting large
 * GEMMs over worker threads; `null` switches back to the single-threaded instance.
 * @internal
 */
export function useInstance(
  shared: {
    ex: KernelExports;
    packA: number;
    packB: number;
    arena: number;
    maxPages: number;
    runner: ParallelGemm;
  } | null,
): void {
  if (!ownInstance) return;
  const next = shared ?? { ...ownInstance, maxPages: 65536, runner: null };
  wasm = next.ex;
  packA = next.packA;
  packB = next.packB;
  arena = next.arena;
  maxPages = next.maxPages;
  parallel = next.runner;
  refreshViews();
  ensureMemory(arena);
}

/** @internal */
export type { KernelExports };

/**
 * Resolves once the WebAssembly backend has loaded (or failed to), with whether it is usable.
 * Already settled when `@gradkit/core` finishes importing; kept for code that wants to await it
 * explicitly (e.g. before `setBackend('wasm')` in a browser app).
 *
 * ```ts
 * if (await initWasm()) setBackend('wasm');
 * ```
 */
export async function initWasm(): Promise<boolean> {
  await ready;
  return wasm !== null;
}

/** Whether the WebAssembly backend loaded. */
export function wasmAvailable(): boolean {
  return wasm !== null;
}

/** `'loaded'`, or why the WebAssembly backend is not in use. */
export function wasmStatus(): string {
  return status;
}

/** Bytes of WebAssembly linear memory currently reserved by the kernels (packing buffers + arena). */
export function wasmMemoryBytes(): number {
  return wasm ? wasm.memory.buffer.byteLength : 0;
}

/**
 * Products below this many multiply-adds (m·k·n) run on the JavaScript kernel even on the
 * `'wasm'` backend: there the call and the copies cost more than SIMD saves.
 */
export const WASM_GEMM_MIN_WORK = 512;

/**
 * The SIMD GEMM itself (no small-size cut-over): copies A and B into linear memory, runs the
 * packed f32x4 (4×8 micro-tile) or f64x2 (4×4) kernel (split over worker threads when
 * `setNumThreads` enabled them and the product is large), copies C back. Same contract as `gemm`.
 * Throws when the backend is not loaded.
 */
export const gemmWasmSimd: GemmKernel = (layout, a, ao, b, bo, c, co, m, k, n, accumulate) => {
  if (!wasm) throw new Error(`gemmWasmSimd: ${status}`);
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, co, co + m * n);
    return;
  }
  const is64 = c instanceof Float64Array;
  const bytes = is64 ? 8 : 4;
  const pa = arena;
  const pb = align16(pa + m * k * bytes);
  const pc = align16(pb + k * n * bytes);
  // operands that do not fit in linear memory (over the shared memory's 1 GiB, or refused by the
  // engine) run on the JavaScript kernel instead
  if (!ensureMemory(pc + m * n * bytes)) return gemmJs(layout, a, ao, b, bo, c, co, m, k, n, accumulate);
  const view: FloatArray = is64 ? f64 : f32;
  const shift = is64 ? 3 : 2;
  view.set(a.subarray(ao, ao + m * k), pa >> shift);
  view.set(b.subarray(bo, bo + k * n), pb >> shift);
  if (accumulate) view.set(c.subarray(co, co + m * n), pc >> shift);
  // element strides of A(i, p) and B(p, j) for the layout
  const [rsa, csa] = layout === 'TN' ? [1, m] : [k, 1];
  const [rsb, csb] = layout === 'NT' ? [1, k] : [n, 1];
  if (parallel && m * n * k >= parallel.minWork)
    parallel(is64, m, n, k, pa, rsa, csa, pb, rsb, csb, pc, n, accumulate ? 1 : 0);
  else
    (is64 ? wasm.gemmF64 : wasm.gemmF32)(
      m,
      n,
      k,
      pa,
      rsa,
      csa,
      pb,
      rsb,
      csb,
      pc,
      n,
      accumulate ? 1 : 0,
      packA,
      packB,
    );
  c.set(view.subarray(pc >> shift, (pc >> shift) + m * n), co);
};

/** The `'wasm'` backend's `gemm` kernel: SIMD above `WASM_GEMM_MIN_WORK`, the JS kernel below. */
export const gemmWasm: GemmKernel = (layout: GemmLayout, a, ao, b, bo, c, co, m, k, n, accumulate) => {
  if (m * k * n < WASM_GEMM_MIN_WORK) gemmJs(layout, a, ao, b, bo, c, co, m, k, n, accumulate);
  else gemmWasmSimd(layout, a, ao, b, bo, c, co, m, k, n, accumulate);
};

/**
 * `out[i] = max(x[i], 0)` over `n` float32 values in the SIMD module (copied in, computed in
 * place in linear memory, copied out); false when memory cannot grow (the caller's loop runs).
 */
function reluWasm32(x: Float32Array, out: Float32Array, n: number): boolean {
  const p = arena;
  if (!wasm || !ensureMemory(p + n * 4)) return false;
  f32.set(x.subarray(0, n), p >> 2);
  wasm.reluF32(p, p, n);
  out.set(f32.subarray(p >> 2, (p >> 2) + n));
  return true;
}

/** `out[i] = y[i] > 0 ? g[i] : +0` over `n` float32 values in the SIMD module. */
function reluGradWasm32(g: Float32Array, y: Float32Array, out: Float32Array, n: number): boolean {
  const pg = arena;
  const py = align16(pg + n * 4);
  if (!wasm || !ensureMemory(py + n * 4)) return false;
  f32.set(g.subarray(0, n), pg >> 2);
  f32.set(y.subarray(0, n), py >> 2);
  wasm.reluGradF32(pg, py, pg, n);
  out.set(f32.subarray(pg >> 2, (pg >> 2) + n));
  return true;
}

/** `c[i, j] += v[j]` over float32 `c` `[rows, cols]` in the SIMD module. */
function addRowWasm32(c: Float32Array, v: Float32Array, rows: number, cols: number): boolean {
  const n = rows * cols;
  const pc = arena;
  const pv = align16(pc + n * 4);
  if (!wasm || !ensureMemory(pv + cols * 4)) return false;
  f32.set(c.subarray(0, n), pc >> 2);
  f32.set(v.subarray(0, cols), pv >> 2);
  wasm.addRowF32(pc, pv, rows, cols);
  c.set(f32.subarray(pc >> 2, (pc >> 2) + n));
  return true;
}

/** `out[j] = Σ_i g[i, j]` over float32 `g` `[rows, cols]` in the SIMD module (row order per column). */
function sumRowsWasm32(g: Float32Array, out: Float32Array, rows: number, cols: number): boolean {
  const n = rows * cols;
  const pg = arena;
  const po = align16(pg + n * 4);
  if (!wasm || !ensureMemory(po + cols * 4)) return false;
  f32.set(g.subarray(0, n), pg >> 2);
  wasm.sumRowsF32(pg, po, rows, cols);
  out.set(f32.subarray(po >> 2, (po >> 2) + cols));
  return true;
}

/** In-place SGD-with-momentum step over float32 storage in the SIMD module (see `sgdMomentumSimd32`). */
function sgdMomentumWasm32(
  param: Float32Array,
  grad: Float32Array,
  buf: Float32Array,
  initBuffer: boolean,
  o: SgdMomentumOptions,
): boolean | null {
  const n = param.length;
  const pp = arena;
  const pg = align16(pp + n * 4);
  const pb = align16(pg + n * 4);
  if (!wasm || !ensureMemory(pb + n * 4)) return null; // the caller's JavaScript loop runs
  f32.set(param, pp >> 2);
  f32.set(grad.subarray(0, n), pg >> 2);
  if (!initBuffer) f32.set(buf.subarray(0, n), pb >> 2);
  const finite = wasm.sgdMomentumF32(
    pp,
    pg,
    pb,
    n,
    initBuffer ? 1 : 0,
    o.lr,
    o.momentum,
    o.dampening,
    o.nesterov ? 1 : 0,
    o.weightDecay,
    o.maximize ? 1 : 0,
  );
  param.set(f32.subarray(pp >> 2, (pp >> 2) + n));
  buf.set(f32.subarray(pb >> 2, (pb >> 2) + n));
  return finite === 1;
}

/**
 * The `'wasm'` `linear` kernel: GEMM x·wᵀ, bias and relu in linear memory, one copy back. Products
 * below WASM_GEMM_MIN_WORK, ones split over worker threads, and memory that cannot grow take the
 * `'js'` kernel (whose steps then run on this backend's own kernels): the same bits either way.
 */
const linearWasm: LinearKernel = (x, w, bias, out, m, k, n, relu) => {
  const work = m * k * n;
  const is64 = out instanceof Float64Array;
  const bytes = is64 ? 8 : 4;
  const pa = align16(arena);
  const pw = align16(pa + m * k * bytes);
  const pb = align16(pw + n * k * bytes);
  const pc = align16(pb + (bias === null ? 0 : n) * bytes);
  if (
    !wasm ||
    work < WASM_GEMM_MIN_WORK ||
    (parallel !== null && work >= parallel.minWork) ||
    !ensureMemory(pc + m * n * bytes)
  ) {
    linearJs(x, w, bias, out, m, k, n, relu);
    return;
  }
  const view: FloatArray = is64 ? f64 : f32;
  const shift = is64 ? 3 : 2;
  view.set(x.subarray(0, m * k), pa >> shift);
  view.set(w.subarray(0, n * k), pw >> shift);
  if (bias !== null) view.set(bias.subarray(0, n), pb >> shift);
  (is64 ? wasm.linearF64 : wasm.linearF32)(
    pa,
    pw,
    bias === null ? 0 : pb,
    pc,
    m,
    k,
    n,
    relu ? 1 : 0,
    packA,
    packB,
  );
  out.set(view.subarray(pc >> shift, (pc >> shift) + m * n));
};

// ---------------------------------------------------------------------------------------------
// Convolution lowered to GEMM in linear memory (wasm/assembly/conv.ts): the input, weight and bias
// are copied in, im2col → GEMM → [N, O, L] rearrangement (+ bias) run there, and the output is
// copied out — the same loops in the same order as @gradkit/conv's JavaScript path, so the same
// bits, without copying the larger column matrix across.
// ---------------------------------------------------------------------------------------------

/** Column-matrix + GEMM-output elements per chunk of the forward / input gradient (256 KiB in f32). */
const CONV_CHUNK_ELEMENTS = 65536;

/** Whether all arrays are Float32Array (32), all Float64Array (64), or neither (0). */
function floatKind(...arrays: (DataArray | null)[]): 0 | 32 | 64 {
  let kind: 0 | 32 | 64 = 0;
  for (const a of arrays) {
    if (a === null) continue;
    const k = a instanceof Float32Array ? 32 : a instanceof Float64Array ? 64 : 0;
    if (k === 0 || (kind !== 0 && k !== kind)) return 0;
    kind = k;
  }
  return kind;
}

/**
 * Byte offsets of consecutive 16-byte-aligned regions of `sizes[i]` elements after the geometry
 * block, then the end of the last one.
 */
function layoutRegions(sizes: number[], bytes: number): number[] {
  const at: number[] = [];
  let p = align16(arena + 17 * 4);
  for (const n of sizes) {
    at.push(p);
    p = align16(p + n * bytes);
  }
  at.push(p);
  return at;
}

function writeGeometry(d: ConvKernelDims, chunk: number): void {
  const p = arena >> 2;
  const v = [
    d.n,
    d.c,
    d.h,
    d.w,
    d.o,
    d.kh,
    d.kw,
    d.oh,
    d.ow,
    d.strideH,
    d.strideW,
    d.padTop,
    d.padLeft,
    d.dilH,
    d.dilW,
    d.groups,
    chunk,
  ];
  for (let i = 0; i < v.length; i++) i32[p + i] = v[i]!;
}

/** Per-image elements of the column matrix [K, L] and the GEMM's output / gathered gradient [O/G, L]. */
function convSizes(d: ConvKernelDims): { K: number; L: number; og: number } {
  return { K: (d.c / d.groups) * d.kh * d.kw, L: d.oh * d.ow, og: d.o / d.groups };
}

/** The `'wasm'` `conv2dForward` kernel (the `'js'` one when the arrays are not all float32 or all float64, or memory cannot grow). */
const convForwardWasm: ConvForwardKernel = (x, wt, bias, out, d, relu = false) => {
  const kind = floatKind(x, wt, bias, out);
  const nx = d.n * d.c * d.h * d.w;
  const nout = d.n * d.o * d.oh * d.ow;
  if (nout === 0) return;
  const { K, L, og } = convSizes(d);
  const chunk = convChunkImages(d.n, (K + og) * L, CONV_CHUNK_ELEMENTS);
  const bytes = kind === 64 ? 8 : 4;
  const [px, pw, pb, po, work, , end] = layoutRegions(
    // work: the column matrix and the GEMM output, or the direct float32 path's packed Wᵀ [K, 8·⌈og/8⌉],
    // tap table and two tables of the N·L output positions
    [
      nx,
      d.o * K,
      bias === null ? 0 : d.o,
      nout,
      Math.max(K * chunk * L, K * (og + 8) + K + 2 * d.n * L + 8) + 8,
      og * chunk * L,
    ],
    bytes,
  ) as [number, number, number, number, number, number, number];
  if (!wasm || kind === 0 || !ensureMemory(end)) {
    getKernel<ConvForwardKernel>('conv2dForward', 'js')(x, wt, bias, out, d, relu);
    return;
  }
  const view: FloatArray = kind === 64 ? f64 : f32;
  const shift = kind === 64 ? 3 : 2;
  writeGeometry(d, chunk);
  view.set((x as FloatArray).subarray(0, nx), px >> shift);
  view.set((wt as FloatArray).subarray(0, d.o * K), pw >> shift);
  if (bias !== null) view.set((bias as FloatArray).subarray(0, d.o), pb >> shift);
  (kind === 64 ? wasm.convForwardF64 : wasm.convForwardF32)(
    arena,
    px,
    pw,
    bias === null ? 0 : pb,
    po,
    work,
    packA,
    packB,
    relu ? 1 : 0,
  );
  (out as FloatArray).set(view.subarray(po >> shift, (po >> shift) + nout));
};

/** The `'wasm'` `conv2dBackward` kernel: every wanted gradient in one call (JavaScript fallback as above). */
const convBackwardWasm: ConvBackwardKernel = (gOut, mask, x, wt, gx, gw, gb, d) => {
  const kind = floatKind(gOut, mask, x, wt, gx, gw, gb);
  const ng = d.n * d.o * d.oh * d.ow;
  const nx = d.n * d.c * d.h * d.w;
  const { K, L, og } = convSizes(d);
  const nw = d.o * K;
  if (ng === 0 || (gx === null && gw === null && gb === null)) return;
  const chunk = convChunkImages(d.n, K * L, CONV_WEIGHT_CHUNK_ELEMENTS);
  const bytes = kind === 64 ? 8 : 4;
  const [pg, pm, px, pw, pgx, pgw, pgb, work, , end] = layoutRegions(
    [
      ng,
      mask === null ? 0 : ng,
      nx,
      nw,
      gx === null ? 0 : nx,
      gw === null ? 0 : nw,
      gb === null ? 0 : d.o,
      K * chunk * L + 4,
      og * chunk * L,
    ],
    bytes,
  ) as number[] as [number, number, number, number, number, number, number, number, number, number];
  if (!wasm || kind === 0 || !ensureMemory(end)) {
    getKernel<ConvBackwardKernel>('conv2dBackward', 'js')(gOut, mask, x, wt, gx, gw, gb, d);
    return;
  }
  const view: FloatArray = kind === 64 ? f64 : f32;
  const shift = kind === 64 ? 3 : 2;
  writeGeometry(d, chunk);
  view.set((gOut as FloatArray).subarray(0, ng), pg >> shift);
  if (mask !== null) view.set((mask as FloatArray).subarray(0, ng), pm >> shift);
  if (gw !== null) view.set((x as FloatArray).subarray(0, nx), px >> shift);
  if (gx !== null) view.set((wt as FloatArray).subarray(0, nw), pw >> shift);
  if (gx !== null) view.set((gx as FloatArray).subarray(0, nx), pgx >> shift);
  if (gw !== null) view.set((gw as FloatArray).subarray(0, nw), pgw >> shift);
  if (gb !== null) view.set((gb as FloatArray).subarray(0, d.o), pgb >> shift);
  (kind === 64 ? wasm.convBackwardF64 : wasm.convBackwardF32)(
    arena,
    pg,
    mask === null ? 0 : pm,
    px,
    pw,
    gx === null ? 0 : pgx,
    gw === null ? 0 : pgw,
    gb === null ? 0 : pgb,
    work,
    packA,
    packB,
  );
  if (gx !== null) (gx as FloatArray).set(view.subarray(pgx >> shift, (pgx >> shift) + nx));
  if (gw !== null) (gw as FloatArray).set(view.subarray(pgw >> shift, (pgw >> shift) + nw));
  if (gb !== null) (gb as FloatArray).set(view.subarray(pgb >> shift, (pgb >> shift) + d.o));
};

/**
 * The `'wasm'` `conv2dBackwardInput`, `conv2dBackwardWeight` and `channelSum` kernels: the one-call
 * backward with only that gradient wanted (its loops for that gradient are the separate kernel's,
 * so the same bits). The unused array arguments take a placeholder of the right type (never read).
 */
const convBackwardInputWasm: ConvBackwardInputKernel = (gOut, wt, gx, d) =>
  convBackwardWasm(gOut, null, gx, wt, gx, null, null, d);
const convBackwardWeightWasm: ConvBackwardWeightKernel = (gOut, x, gw, d) =>
  convBackwardWasm(gOut, null, x, gw, null, gw, null, d);
const channelSumWasm: ChannelSumKernel = (g, gb, n, o, L) =>
  convBackwardWasm(g, null, gb, gb, null, null, gb, {
    n,
    c: 0,
    h: 1,
    w: 1,
    o,
    kh: 1,
    kw: 1,
    oh: 1,
    ow: L,
    channels: 0,
    groups: 1,
    strideH: 1,
    strideW: 1,
    padTop: 0,
    padLeft: 0,
    dilH: 1,
    dilW: 1,
  });

// Load at import (after every declaration above is initialised).
const ready = load();
await ready;
