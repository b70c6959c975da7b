/**
 * The `'wasm'` backend's loader: instantiates the WebAssembly SIMD module built from
 * `packages/core/wasm/` (its bytes are the base64 string of `generated/wasm-binary.ts`, written by
 * `scripts/build-wasm.mjs`) and manages its linear memory. The kernels themselves are registered by
 * their topic's file (`gemm.ts`, `linear.ts`, `elementwise.ts`, `optim.ts`; the convolution by
 * `@gradkit/conv` from `conv.ts`), each the JavaScript side of `wasm/assembly/<topic>.ts`.
 *
 * Loading is asynchronous (`WebAssembly.instantiate`, allowed on a browser's main thread for any
 * module size) and awaited at the top level of this module, so by the time `@gradkit/core` is
 * imported the backend is ready in Node and in bundlers that support top-level await; `initWasm()`
 * returns the same promise for code that wants to wait explicitly. When the generated file is
 * missing (core used from source before `pnpm build`) or WebAssembly SIMD is unsupported, the
 * `'js'` backend stays in use and a debug message says why (printed when the `DEBUG` environment
 * variable mentions `gradkit`; `wasmStatus()` tells it too).
 *
 * Two builds of the same kernels are embedded: plain 128-bit SIMD, and relaxed SIMD (the "FMA
 * build", `--enable relaxed-simd`), whose float32 GEMM — and so `linear` and the convolutions built
 * on it — uses fused multiply-adds (`f32x4.relaxed_madd`, a 6×8 micro-tile) and runs about 1.6×
 * faster on CPUs with FMA. The FMA build loads where the engine validates a relaxed-SIMD module
 * ({@link relaxedSimdSupported}: Chromium 114+, Node 22+, Node 20 with
 * `--experimental-wasm-relaxed-simd`), unless `GRADKIT_WASM_FMA=0` is set — an environment
 * variable in Node, or a property of `globalThis` set before `@gradkit/core` loads in a browser —
 * which forces the plain build. An FMA rounds once per multiply-add where the plain kernel rounds
 * twice, so float32 GEMM results differ between the builds in the last bits; each build is
 * deterministic (the same bits for the same inputs on one engine and CPU, for any thread count).
 * `wasmFma()` tells which build is running. The float64 kernels are the same code in both builds.
 *
 * Memory: one linear memory holds two packing buffers (A and B panels, sized for the GEMM's
 * blocking; one pair per thread with worker threads, see `threads.ts`) and an arena for the
 * operands of one kernel call, from `wasm.arena` on; it grows when a call needs more and is reused
 * across calls, so a training loop allocates nothing here once warmed up. A kernel copies its
 * operands in, calls the export and copies the result out (typed-array `set`, a memcpy); it owns
 * the arena only during its call (kernels never nest). Resident matrices (`ResidentMatrix`, copied
 * in once and reused by many calls) sit below the arena.
 */

import { type FloatArray, type GemmKernel, type GemmLayout, markBackendAvailable } from './registry.js';

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

/** The module's exports (one group per `wasm/assembly/<topic>.ts`). @internal */
export interface KernelExports {
  memory: WebAssembly.Memory;
  // gemm.ts
  gemmF32: WasmGemm;
  gemmF64: WasmGemm;
  gemvNTF32(m: number, n: number, k: number, a: number, b: number, c: number): void;
  packSizeA(): number;
  packSizeB(): number;
  heapBase(): number;
  // linear.ts
  linearF32: WasmLinear;
  linearF64: WasmLinear;
  // elementwise.ts
  reluF32(x: number, out: number, n: number): void;
  reluGradF32(g: number, y: number, out: number, n: number): void;
  addRowF32(c: number, v: number, rows: number, cols: number): void;
  sumRowsF32(g: number, out: number, rows: number, cols: number): void;
  // reduce.ts
  maxF32(x: number, n: number): number;
  argmaxF32(x: number, n: number): number;
  sumExpF32(x: number, n: number, m: number): number;
  sumExpF32Single(x: number, n: number, m: number, cut: number): number;
  // optim.ts
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
  // conv.ts
  convForwardF32: WasmConv;
  convForwardF64: WasmConv;
  convBackwardF32: WasmConvBackward;
  convBackwardF64: WasmConvBackward;
  // pool.ts
  maxPool2x2F32(
    x: number,
    out: number,
    idx: number,
    planes: number,
    H: number,
    W: number,
    OH: number,
    OW: number,
  ): void;
  maxPool2x2BackwardF32(
    g: number,
    idx: number,
    out: number,
    planes: number,
    H: number,
    W: number,
    OH: number,
    OW: number,
  ): number;
  scalePlanesF32(x: number, keep: number, out: number, planes: number, plane: number): void;
}

/**
 * GEMMs split over worker threads (installed by `threads.ts` while more than one thread is
 * enabled; null otherwise). The threads share their own memory, an instance of the shared-memory
 * build: every other kernel stays on this thread's instance, whose memory is not shared (copies
 * into a SharedArrayBuffer are slower, which cost the coursework MLP about 10 % when every kernel
 * moved there).
 * @internal
 */
export interface ParallelGemm {
  /** Whether an m × k · k × n product goes to the threads (else it stays on the calling thread). */
  pays(m: number, n: number, k: number): boolean;
  /**
   * `gemm`'s contract, computed by the threads in their shared memory (operands copied in, C
   * copied back); false, having done nothing, when that memory cannot hold the operands.
   */
  gemm(...args: Parameters<GemmKernel>): boolean;
}

/**
 * The instance the kernels run on and views of its linear memory (re-read them after
 * {@link ensureMemory}: growing the memory replaces its buffer). `ex` is null when the module did
 * not load. @internal
 */
export const wasm: {
  ex: KernelExports | null;
  f32: Float32Array;
  f64: Float64Array;
  i32: Int32Array;
  /** Byte offsets of the calling thread's packing buffers. */
  packA: number;
  packB: number;
  /** First byte of the operand arena (16-byte aligned). */
  arena: number;
  /** The worker-thread GEMM while more than one thread is in effect. */
  parallel: ParallelGemm | null;
  /**
   * Told the shape of each one-thread GEMM while threads are automatic (`threads.ts` sets it, and
   * clears it once a GEMM is large enough to start them; null otherwise).
   */
  largeGemm: ((m: number, n: number, k: number) => void) | null;
} = {
  ex: null,
  f32: new Float32Array(0),
  f64: new Float64Array(0),
  i32: new Int32Array(0),
  packA: 0,
  packB: 0,
  arena: 0,
  parallel: null,
  largeGemm: null,
};

/**
 * Matrices kept in linear memory between calls (`ResidentMatrix` in `gemm.ts`), placed one after
 * the other from the instance's arena start, the operand arena moved past them. Placed lazily:
 * releasing one places them all again (worker threads do not move them: they multiply in a memory
 * of their own).
 */
interface ResidentSlot {
  data: Float32Array;
  offset: number;
  epoch: number;
}
const residents = new Map<object, ResidentSlot>();
/** The instance's own arena start (below the resident matrices). */
let arenaStart = 0;
/** Bumped when the placements are void (a released matrix). */
let residentEpoch = 0;

/**
 * The byte offset of `data` (kept for `key`) in linear memory, copied in on first use since the
 * last load or since a resident was released; -1 when memory cannot grow that far (the caller
 * then runs the JavaScript kernel). @internal
 */
export function residentOffset(key: object, data: Float32Array): number {
  const slot = residents.get(key);
  if (slot && slot.epoch === residentEpoch && slot.data === data) return slot.offset;
  const offset = wasm.arena;
  const end = align16(offset + data.byteLength);
  if (!ensureMemory(end)) return -1;
  wasm.f32.set(data, offset >> 2);
  wasm.arena = end;
  residents.set(key, { data, offset, epoch: residentEpoch });
  return offset;
}

/** Forgets `key`'s matrix (the others are placed again on their next use). @internal */
export function releaseResident(key: object): void {
  if (!residents.delete(key)) return;
  residentEpoch++;
  wasm.arena = arenaStart;
}

let status = 'not loaded';
/** Whether the running instance is the relaxed-SIMD (FMA) build. */
let fmaBuild = false;
/** Pages the memory may grow to (4 GiB). */
const maxPages = 65536;
/** The compiled shared-memory module (for worker threads), when it was built. */
let sharedBytes: Uint8Array | null = null;
let sharedMaxPages = 0;

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
  const buf = wasm.ex!.memory.buffer;
  if (wasm.f32.buffer !== buf) {
    wasm.f32 = new Float32Array(buf);
    wasm.f64 = new Float64Array(buf);
    wasm.i32 = new Int32Array(buf);
  }
}

/**
 * Makes linear memory at least `bytes` long (grows by whole 64 KiB pages); false when it cannot
 * (over the shared memory's 1 GiB, or refused by the engine): the caller then runs the `'js'`
 * kernel. @internal
 */
export function ensureMemory(bytes: number): boolean {
  if (!growMemory(wasm.ex!.memory, bytes, maxPages)) return false;
  refreshViews();
  return true;
}

/**
 * Grows `memory` (by whole 64 KiB pages) to at least `bytes`; false when that passes `maxPages`
 * or the engine refuses. @internal
 */
export function growMemory(memory: WebAssembly.Memory, bytes: number, maxPages: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  const pages = Math.ceil((bytes - have) / 65536);
  if (have / 65536 + pages > maxPages) return false;
  try {
    memory.grow(pages);
  } catch {
    return false; // the engine refused to reserve more memory
  }
  return true;
}

/** Where a GEMM's operands go in linear memory from byte `pa`: B at `pb`, C at `pc`, up to `end`. @internal */
export function gemmPlacement(
  pa: number,
  m: number,
  k: number,
  n: number,
  bytes: number,
): { pb: number; pc: number; end: number } {
  const pb = align16(pa + m * k * bytes);
  const pc = align16(pb + k * n * bytes);
  return { pb, pc, end: pc + m * n * bytes };
}

/**
 * One GEMM through linear memory (`view`, the operands placed by {@link gemmPlacement}): copies A
 * and B in (and C when accumulating), runs `multiply` with the layout's element strides of A(i, p)
 * and B(p, j), copies C back. @internal
 */
export function stagedGemm(
  view: FloatArray,
  pa: number,
  pb: number,
  pc: number,
  layout: GemmLayout,
  a: FloatArray,
  ao: number,
  b: FloatArray,
  bo: number,
  c: FloatArray,
  co: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  multiply: (rsa: number, csa: number, rsb: number, csb: number) => void,
): void {
  const shift = view instanceof Float64Array ? 3 : 2;
  view.set(a.subarray(ao, ao + m * k), pa >> shift);
  view.set(b.subarray(bo, bo + k * n), pb >> shift);
  if (accumulate) view.set(c.subarray(co, co + m * n), pc >> shift);
  const [rsa, csa] = layout === 'TN' ? [1, m] : [k, 1];
  const [rsb, csb] = layout === 'NT' ? [1, k] : [n, 1];
  multiply(rsa, csa, rsb, csb);
  c.set(view.subarray(pc >> shift, (pc >> shift) + m * n), co);
}

/** `x` rounded up to a multiple of 16 (SIMD loads and stores of the kernels are 16-byte aligned). @internal */
export const align16 = (x: number): number => (x + 15) & ~15;

/**
 * The smallest module using a relaxed-SIMD instruction: one function (v128, v128, v128) → v128
 * returning `f32x4.relaxed_madd` of its parameters (opcode 0xfd 0x105).
 */
// biome-ignore format: one line per section of the module
const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // types: (v128 ×3) → v128
  0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
  0x0a, 0x0d, 0x01, 0x0b, 0x00, // code: one body of 11 bytes, no locals
  0x20, 0x00, 0x20, 0x01, 0x20, 0x02, // local.get 0, 1, 2
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd
  0x0b, // end
]);

/**
 * Whether this engine supports WebAssembly relaxed SIMD (`WebAssembly.validate` of a module using
 * `f32x4.relaxed_madd`): true in Chromium 114+ and Node 22+, in Node 20 only with
 * `--experimental-wasm-relaxed-simd`.
 * @internal
 */
export function relaxedSimdSupported(): boolean {
  try {
    return typeof WebAssembly !== 'undefined' && WebAssembly.validate(RELAXED_SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * Whether `GRADKIT_WASM_FMA` forces the plain build: `0`/`false`/`off`/`no` (any case) as an
 * environment variable (Node) or as a property of `globalThis` (browsers, set before loading).
 */
function fmaDisabled(): boolean {
  const g = globalThis as {
    GRADKIT_WASM_FMA?: unknown;
    process?: { env?: Record<string, string | undefined> };
  };
  const v = g.GRADKIT_WASM_FMA ?? g.process?.env?.GRADKIT_WASM_FMA;
  return v === false || v === 0 || (typeof v === 'string' && /^(0|false|off|no)$/i.test(v.trim()));
}

async function load(): Promise<void> {
  let bytes: Uint8Array;
  let plain: { bytes: Uint8Array; shared: Uint8Array | null } | null = null;
  try {
    // biome-ignore lint/suspicious/noTsIgnore: the file may or may not exist at type-check time
    // @ts-ignore -- generated by scripts/build-wasm.mjs; absent until the package is built
    const mod = (await import('./generated/wasm-binary.js')) as {
      wasmBase64: string;
      wasmSharedBase64?: string;
      wasmRelaxedBase64?: string;
      wasmRelaxedSharedBase64?: string;
      maxSharedPages?: number;
    };
    const plainShared = mod.wasmSharedBase64 ? decodeBase64(mod.wasmSharedBase64) : null;
    bytes = decodeBase64(mod.wasmBase64);
    sharedBytes = plainShared;
    sharedMaxPages = mod.maxSharedPages ?? 16384;
    if (mod.wasmRelaxedBase64 && !fmaDisabled() && relaxedSimdSupported()) {
      plain = { bytes, shared: plainShared };
      bytes = decodeBase64(mod.wasmRelaxedBase64);
      sharedBytes = mod.wasmRelaxedSharedBase64 ? decodeBase64(mod.wasmRelaxedSharedBase64) : null;
    }
  } catch {
    status =
      "the WebAssembly kernels are not built (src/kernels/generated/wasm-binary.ts is missing; run `pnpm --filter @gradkit/core build:wasm`): using the 'js' backend";
    debug(status);
    return;
  }
  try {
    if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available');
    let instance: WebAssembly.Instance;
    try {
      ({ instance } = await WebAssembly.instantiate(bytes.buffer as ArrayBuffer, {}));
      fmaBuild = plain !== null;
    } catch (error) {
      if (!plain) throw error;
      // the relaxed-SIMD build validated in the probe but did not instantiate: use the plain one
      debug(
        `the relaxed-SIMD kernels did not load (${(error as Error).message}); using the plain SIMD build`,
      );
      sharedBytes = plain.shared;
      ({ instance } = await WebAssembly.instantiate(plain.bytes.buffer as ArrayBuffer, {}));
      fmaBuild = false;
    }
    const ex = instance.exports as unknown as KernelExports;
    const packA = ex.heapBase();
    const packB = align16(packA + ex.packSizeA() * 8);
    const arena = align16(packB + ex.packSizeB() * 8);
    wasm.ex = ex;
    wasm.packA = packA;
    wasm.packB = packB;
    wasm.arena = arena;
    arenaStart = arena;
    refreshViews();
    ensureMemory(arena);
    status = 'loaded';
    debug(`loaded the ${fmaBuild ? 'relaxed-SIMD (FMA)' : 'plain SIMD'} build of the WebAssembly kernels`);
    markBackendAvailable('wasm');
  } catch (error) {
    wasm.ex = null;
    fmaBuild = false;
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
  return wasm.ex && sharedBytes ? { bytes: sharedBytes, maxPages: sharedMaxPages } : null;
}

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
  return wasm.ex !== null;
}

/** Whether the WebAssembly backend loaded. */
export function wasmAvailable(): boolean {
  return wasm.ex !== null;
}

/**
 * Whether the loaded WebAssembly kernels are the relaxed-SIMD ("FMA") build: true where the engine
 * supports relaxed SIMD (Chromium, Node 22+, Node 20 with `--experimental-wasm-relaxed-simd`)
 * unless `GRADKIT_WASM_FMA=0` forced the plain build; false when the backend did not load. Its
 * float32 GEMMs round once per multiply-add, so their last bits differ from the plain build's.
 */
export function wasmFma(): boolean {
  return wasm.ex !== null && fmaBuild;
}

/** `'loaded'`, or why the WebAssembly backend is not in use. */
export function wasmStatus(): string {
  return status;
}

/** Bytes of WebAssembly linear memory currently reserved by the kernels (packing buffers + arena). */
export function wasmMemoryBytes(): number {
  return wasm.ex ? wasm.ex.memory.buffer.byteLength : 0;
}

// Load at import (after every declaration above is initialised).
const ready = load();
await ready;
