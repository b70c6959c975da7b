/**
 * Index maps between the [H·W] planes of two tensors, the linear operators under max pooling and
 * max-unpooling: a gather `dst[p, r] = src[p, idx[p, r]]` and its adjoint, a scatter-add
 * `dst[p, idx[p, r]] += src[p, r]`. Each records the other as its backward, so double backward
 * works. Internal to `@gradkit/conv` (pool.ts, resample.ts).
 */
import { allocate, type DataArray, isGradEnabled, record, Tensor } from '@gradkit/core';
import { getKernel, gradBuffer } from '@gradkit/core/kernels';

/**
 * The geometry `[H, W, OH, OW]` of a 2×2 / stride 2 max pooling whose indices each lie in their
 * own window (`pool-argmax.ts`'s `isPool2x2`): its backward scatter may then write window by
 * window (the `maxPool2x2Backward` kernel) instead of zeroing and scatter-adding.
 */
export type Pool2x2 = readonly [number, number, number, number];

/**
 * `dst[p, r] = src[p·srcPlane + idx[p·dstPlane + r]]` for every plane `p` (`idx` holds `dstPlane`
 * indices per plane into a plane of `src`); the result has shape `dstShape`. `gathered`: those
 * values already computed by the caller (max pooling finds them with the indices), then only
 * recorded. `pool2x2`: the gather is a 2×2 / stride 2 max pooling of that geometry (see
 * {@link Pool2x2}).
 */
export function gatherPlanes(
  src: Tensor,
  idx: Int32Array,
  srcPlane: number,
  dstPlane: number,
  dstShape: readonly number[],
  name: string,
  gathered: Float32Array | Float64Array | null = null,
  pool2x2: Pool2x2 | null = null,
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
    (g) => [scatterAddPlanes(g, idx, dstPlane, srcPlane, src.shape, `${name}Backward`, src, pool2x2)],
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
  pool2x2: Pool2x2 | null = null,
): Tensor {
  const planes = src.size / srcPlane;
  const n = planes * dstPlane;
  const dt = src.dtype;
  const buf =
    gradOf !== null && !isGradEnabled() && (dt === 'float32' || dt === 'float64')
      ? gradBuffer(gradOf, dt, n)
      : null;
  const sd = src.data;
  let out: DataArray;
  if (pool2x2 !== null && (sd instanceof Float32Array || sd instanceof Float64Array)) {
    // a 2×2 max pooling's backward: the current backend's kernel writes every element
    out = buf ?? allocate(dt, n);
    const [H, W, OH, OW] = pool2x2;
    getKernel('maxPool2x2Backward')(sd, idx, out as Float32Array | Float64Array, planes, H, W, OH, OW);
  } else {
    out = buf !== null ? buf.fill(0) : allocate(dt, n);
    scatterAddInto(out, sd, idx, planes, srcPlane, dstPlane);
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

/**
 * `out[p·dstPlane + idx[i]] += sd[i]` for `i = p·srcPlane + r` (every plane `p`): the scatter-add
 * into `out` as it is, in index order.
 */
export function scatterAddInto(
  out: DataArray,
  sd: DataArray,
  idx: Int32Array,
  planes: number,
  srcPlane: number,
  dstPlane: number,
): void {
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
