/**
 * The WebAssembly side of small CNNs' pooling and channel dropout: the JavaScript half of
 * `wasm/assembly/pool.ts` (float32, f32x4 SIMD). `@gradkit/conv` calls these from its 2×2 max
 * pooling and its `Dropout2d`, whose JavaScript loops stay the reference (the same results bit for
 * bit: the same comparisons and choices per window, the same float32 product per element; tested
 * against each other in `packages/conv/test/pool-wasm.test.ts`). The max pooling's backward writes
 * each window's gradient and zeros in one pass (the bits of zeroing and scatter-adding).
 *
 * Each copies its operands into linear memory, runs the export and copies the results out, and
 * returns false, doing nothing, when it cannot run (the module did not load, an array is not
 * float32, or linear memory cannot grow): the caller then runs its JavaScript loop.
 */
import { align16, ensureMemory, wasm } from './wasm.js';

/**
 * 2×2 / stride 2 max pooling of `planes` float32 `[H, W]` planes of `x` (`2·OH ≤ H`, `2·OW ≤ W`):
 * `out[p, oy, ox]` the maximum of the window at `(2·oy, 2·ox)`, `idx` its flat per-plane index
 * `iy·W + ix` — the top left element first, a later one replaces the maximum when greater or NaN,
 * and a NaN ends its window row's scan (PyTorch's choices: ties keep the first, the last NaN of a
 * window wins across rows). False when it cannot run (then nothing is written).
 *
 * ```ts
 * maxPool2x2Wasm(x, out, idx, n * c, 28, 28, 14, 14); // true when the WebAssembly kernel ran
 * ```
 */
export function maxPool2x2Wasm(
  x: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
  idx: Int32Array,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
): boolean {
  const ex = wasm.ex;
  if (ex === null || !(x instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  const nx = planes * H * W;
  const no = planes * OH * OW;
  const px = wasm.arena;
  const po = align16(px + nx * 4);
  const pi = align16(po + no * 4);
  if (!ensureMemory(pi + no * 4)) return false;
  wasm.f32.set(x.subarray(0, nx), px >> 2);
  ex.maxPool2x2F32(px, po, pi, planes, H, W, OH, OW);
  out.set(wasm.f32.subarray(po >> 2, (po >> 2) + no));
  idx.set(wasm.i32.subarray(pi >> 2, (pi >> 2) + no));
  return true;
}

/**
 * The backward of {@link maxPool2x2Wasm}: `out` (`planes` float32 `[H, W]` planes) gets
 * `+0 + g[p, oy, ox]` at each window's argmax `idx` and +0 everywhere else — what zeroing `out`
 * and scatter-adding `g` at `idx` gives, as the windows do not overlap — written window by window.
 * False when it cannot run (then nothing is written) or when some index lies outside its own
 * window (then `out` holds partial results): the caller runs its general scatter-add.
 *
 * ```ts
 * maxPool2x2BackwardWasm(g, idx, gx, n * c, 28, 28, 14, 14); // gx: the pooling's input gradient
 * ```
 */
export function maxPool2x2BackwardWasm(
  g: Float32Array | Float64Array,
  idx: Int32Array,
  out: Float32Array | Float64Array,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
): boolean {
  const ex = wasm.ex;
  if (ex === null || !(g instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  const no = planes * OH * OW;
  const nx = planes * H * W;
  const pg = wasm.arena;
  const pi = align16(pg + no * 4);
  const po = align16(pi + no * 4);
  if (!ensureMemory(po + nx * 4)) return false;
  wasm.f32.set(g.subarray(0, no), pg >> 2);
  wasm.i32.set(idx.subarray(0, no), pi >> 2);
  if (ex.maxPool2x2BackwardF32(pg, pi, po, planes, H, W, OH, OW) !== 1) return false;
  out.set(wasm.f32.subarray(po >> 2, (po >> 2) + nx));
  return true;
}

/**
 * `out[j] = x[j] · keep[⌊j / plane⌋]` for `keep.length` planes of `plane` float32 values
 * (Dropout2d's multiply, forward and backward; `keep` holds float32 factors, `out` may be `x`).
 * False when it cannot run (then nothing is written).
 *
 * ```ts
 * scalePlanesWasm(x, new Float32Array([2, 0]), out, 676); // plane 0 doubled, plane 1 zeroed
 * ```
 */
export function scalePlanesWasm(
  x: Float32Array | Float64Array,
  keep: ArrayLike<number>,
  out: Float32Array | Float64Array,
  plane: number,
): boolean {
  const ex = wasm.ex;
  if (ex === null || !(x instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  if (!(keep instanceof Float32Array)) return false;
  const planes = keep.length;
  const n = planes * plane;
  const pk = wasm.arena;
  const px = align16(pk + planes * 4);
  if (!ensureMemory(px + n * 4)) return false;
  wasm.f32.set(keep, pk >> 2);
  wasm.f32.set(x.subarray(0, n), px >> 2);
  ex.scalePlanesF32(px, pk, px, planes, plane);
  out.set(wasm.f32.subarray(px >> 2, (px >> 2) + n));
  return true;
}
