/**
 * Index maps between the [H·W] planes of two tensors, the linear operators under max pooling and
 * max-unpooling: a gather `dst[p, r] = src[p, idx[p, r]]` and its adjoint, a scatter-add
 * `dst[p, idx[p, r]] += src[p, r]`. Each records the other as its backward, so double backward
 * works. Internal to `@gradkit/conv` (pool.ts, resample.ts).
 */
import { allocate, isGradEnabled, record, Tensor } from '@gradkit/core';
import { gradBuffer } from '@gradkit/core/kernels';

/**
 * `dst[p, r] = src[p·srcPlane + idx[p·dstPlane + r]]` for every plane `p` (`idx` holds `dstPlane`
 * indices per plane into a plane of `src`); the result has shape `dstShape`. `gathered`: those
 * values already computed by the caller (max pooling finds them with the indices), then only
 * recorded.
 */
export function gatherPlanes(
  src: Tensor,
  idx: Int32Array,
  srcPlane: number,
  dstPlane: number,
  dstShape: readonly number[],
  name: string,
  gathered: Float32Array | Float64Array | null = null,
): Tensor {
  const planes = src.size / srcPlane;
  let out = gathered;
  if (out === null) {
    out = allocate(src.dtype, planes * dstPlane) as Float32Array | Float64Array;
    const sd = src.data;
    for (let p = 0; p < planes; p++)
      for (let r = 0; r < dstPlane; r++) out[p * dstPlane + r] = sd[p * srcPlane + idx[p * dstPlane + r]!]!;
  }
  const y = new Tensor(out, dstShape, src.dtype);
  // the backward reads the gradient once (the scatter) and keeps nothing of it
  return record(
    y,
    name,
    [src],
    (g) => [scatterAddPlanes(g, idx, dstPlane, srcPlane, src.shape, `${name}Backward`, src)],
    { readsGradOnce: true },
  );
}

/**
 * `dst[p·dstPlane + idx[p·srcPlane + r]] += src[p, r]` for every plane `p` (`idx` holds `srcPlane`
 * indices per plane into a plane of the result, shape `dstShape`): the adjoint of
 * {@link gatherPlanes}. `gradOf`: when this is the backward of a gather, the gather's input —
 * the result is its gradient, written into an engine buffer where the autograd engine allows one
 * (`gradBuffer`, zeroed first).
 */
export function scatterAddPlanes(
  src: Tensor,
  idx: Int32Array,
  srcPlane: number,
  dstPlane: number,
  dstShape: readonly number[],
  name: string,
  gradOf: Tensor | null = null,
): Tensor {
  const planes = src.size / srcPlane;
  const n = planes * dstPlane;
  const dt = src.dtype;
  const buf =
    gradOf !== null && !isGradEnabled() && (dt === 'float32' || dt === 'float64')
      ? gradBuffer(gradOf, dt, n)
      : null;
  const out = buf !== null ? buf.fill(0) : allocate(dt, n);
  const sd = src.data;
  // the loop in a function per array type, so each compiles monomorphic (same sums in each)
  if (out instanceof Float32Array && sd instanceof Float32Array)
    scatterAdd32(out, sd, idx, planes, srcPlane, dstPlane);
  else if (out instanceof Float64Array && sd instanceof Float64Array)
    scatterAdd64(out, sd, idx, planes, srcPlane, dstPlane);
  else
    for (let p = 0; p < planes; p++)
      for (let r = 0; r < srcPlane; r++) {
        const k = p * dstPlane + idx[p * srcPlane + r]!;
        out[k] = out[k]! + sd[p * srcPlane + r]!;
      }
  const y = new Tensor(out, dstShape, src.dtype);
  return record(
    y,
    name,
    [src],
    (g) => [gatherPlanes(g, idx, dstPlane, srcPlane, src.shape, `${name}Backward`)],
    { readsGradOnce: true },
  );
}

/** `out[p·dstPlane + idx[i]] += sd[i]` for `i = p·srcPlane + r`, float32 arrays. */
function scatterAdd32(
  out: Float32Array,
  sd: Float32Array,
  idx: Int32Array,
  planes: number,
  srcPlane: number,
  dstPlane: number,
): void {
  for (let p = 0, i = 0, base = 0; p < planes; p++, base += dstPlane)
    for (const end = i + srcPlane; i < end; i++) {
      const k = base + idx[i]!;
      out[k] = out[k]! + sd[i]!;
    }
}

/** `out[p·dstPlane + idx[i]] += sd[i]` for `i = p·srcPlane + r`, float64 arrays. */
function scatterAdd64(
  out: Float64Array,
  sd: Float64Array,
  idx: Int32Array,
  planes: number,
  srcPlane: number,
  dstPlane: number,
): void {
  for (let p = 0, i = 0, base = 0; p < planes; p++, base += dstPlane)
    for (const end = i + srcPlane; i < end; i++) {
      const k = base + idx[i]!;
      out[k] = out[k]! + sd[i]!;
    }
}
