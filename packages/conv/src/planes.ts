/**
 * Index maps between the [H·W] planes of two tensors, the linear operators under max pooling and
 * max-unpooling: a gather `dst[p, r] = src[p, idx[p, r]]` and its adjoint, a scatter-add
 * `dst[p, idx[p, r]] += src[p, r]`. Each records the other as its backward, so double backward
 * works. Internal to `@gradkit/conv` (pool.ts, resample.ts).
 */
import { allocate, record, Tensor } from '@gradkit/core';

/**
 * `dst[p, r] = src[p·srcPlane + idx[p·dstPlane + r]]` for every plane `p` (`idx` holds `dstPlane`
 * indices per plane into a plane of `src`); the result has shape `dstShape`.
 */
export function gatherPlanes(
  src: Tensor,
  idx: Int32Array,
  srcPlane: number,
  dstPlane: number,
  dstShape: readonly number[],
  name: string,
): Tensor {
  const planes = src.size / srcPlane;
  const out = allocate(src.dtype, planes * dstPlane);
  const sd = src.data;
  for (let p = 0; p < planes; p++)
    for (let r = 0; r < dstPlane; r++) out[p * dstPlane + r] = sd[p * srcPlane + idx[p * dstPlane + r]!]!;
  const y = new Tensor(out, dstShape, src.dtype);
  return record(y, name, [src], (g) => [
    scatterAddPlanes(g, idx, dstPlane, srcPlane, src.shape, `${name}Backward`),
  ]);
}

/**
 * `dst[p·dstPlane + idx[p·srcPlane + r]] += src[p, r]` for every plane `p` (`idx` holds `srcPlane`
 * indices per plane into a plane of the result, shape `dstShape`): the adjoint of
 * {@link gatherPlanes}.
 */
export function scatterAddPlanes(
  src: Tensor,
  idx: Int32Array,
  srcPlane: number,
  dstPlane: number,
  dstShape: readonly number[],
  name: string,
): Tensor {
  const planes = src.size / srcPlane;
  const out = allocate(src.dtype, planes * dstPlane);
  const sd = src.data;
  for (let p = 0; p < planes; p++)
    for (let r = 0; r < srcPlane; r++) {
      const k = p * dstPlane + idx[p * srcPlane + r]!;
      out[k] = out[k]! + sd[p * srcPlane + r]!;
    }
  const y = new Tensor(out, dstShape, src.dtype);
  return record(y, name, [src], (g) => [
    gatherPlanes(g, idx, dstPlane, srcPlane, src.shape, `${name}Backward`),
  ]);
}
