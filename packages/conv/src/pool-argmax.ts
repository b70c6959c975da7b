/**
 * The argmax of max pooling's windows, internal to `@gradkit/conv` (pool.ts): the readable loop
 * for any geometry, and the unrolled 2×2 / stride 2 pass that makes the same choices (tested
 * against each other element for element in test/fast-paths.test.ts).
 */

/** The window geometry of a 2-D pooling (pool.ts's `windows2d`). */
export interface Windows2d {
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  OH: number;
  OW: number;
}

/**
 * The argmax of every window of `planes` [H, W] planes of `xd` into `idx` (flat per-plane indices
 * `iy·W + ix`): the readable loop every max pooling can use. Windows are scanned row by row; the
 * first element in the image is taken, then an element replaces the maximum when it is greater or
 * NaN, and a NaN ends the scan of its window row (so ties keep the first maximum, as PyTorch).
 */
export function maxPoolIndices(
  xd: Float32Array | Float64Array,
  idx: Int32Array,
  planes: number,
  H: number,
  W: number,
  w: Windows2d,
): void {
  const outPlane = w.OH * w.OW;
  for (let p = 0; p < planes; p++) {
    const xo = p * H * W;
    for (let oy = 0; oy < w.OH; oy++)
      for (let ox = 0; ox < w.OW; ox++) {
        let best = -Infinity;
        let bi = -1;
        for (let i = 0; i < w.kh; i++) {
          const iy = oy * w.sh - w.ph + i * w.dh;
          if (iy < 0 || iy >= H) continue;
          for (let j = 0; j < w.kw; j++) {
            const ix = ox * w.sw - w.pw + j * w.dw;
            if (ix < 0 || ix >= W) continue;
            const v = xd[xo + iy * W + ix]!;
            if (v > best || Number.isNaN(v) || bi < 0) {
              best = v;
              bi = iy * W + ix;
              if (Number.isNaN(v)) break;
            }
          }
        }
        idx[p * outPlane + oy * w.OW + ox] = bi;
      }
  }
}

/**
 * Whether the pooling is the 2×2, stride 2 one without padding or dilation whose windows all lie
 * inside the image (`OH = ⌊H/2⌋`, `OW = ⌊W/2⌋`): the case {@link maxPool2x2} runs.
 */
export function isPool2x2(w: Windows2d, H: number, W: number): boolean {
  return (
    w.kh === 2 &&
    w.kw === 2 &&
    w.sh === 2 &&
    w.sw === 2 &&
    w.ph === 0 &&
    w.pw === 0 &&
    w.dh === 1 &&
    w.dw === 1 &&
    2 * w.OH <= H &&
    2 * w.OW <= W
  );
}

/**
 * {@link maxPoolIndices} for 2×2 windows at stride 2 (see {@link isPool2x2}), unrolled, also
 * writing each window's maximum into `out` (the value `xd` holds at the chosen index, so the same
 * as gathering it). The same choices, element for element: a (top left) first; b (top right)
 * replaces it when greater or NaN unless a is NaN (a NaN ends the row's scan); then c (bottom
 * left) when greater or NaN, and d (bottom right) likewise unless c is NaN (then c was taken and
 * ended the scan). Each plane first takes the pass without the NaN rules
 * ({@link maxPool2x2PlaneNoNaN}); a plane where some window holds a NaN is redone by the pass with
 * them ({@link maxPool2x2Plane}).
 */
export function maxPool2x2(
  xd: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
  idx: Int32Array,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
): void {
  for (let p = 0; p < planes; p++) {
    const xo = p * H * W;
    const q0 = p * OH * OW;
    if (!maxPool2x2PlaneNoNaN(xd, out, idx, xo, q0, W, OH, OW))
      maxPool2x2Plane(xd, out, idx, xo, q0, W, OH, OW);
  }
}

/**
 * One plane of {@link maxPool2x2} (input from `xo`, outputs from `q0`) with the NaN rules.
 * Branch-free: each choice is a 0/1 number that moves the window offset `k`, and the running
 * maximum is read back at `k` (comparisons of random data mispredict as branches).
 */
function maxPool2x2Plane(
  xd: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
  idx: Int32Array,
  xo: number,
  q0: number,
  W: number,
  OH: number,
  OW: number,
): void {
  let q = q0;
  for (let oy = 0; oy < OH; oy++) {
    let r = 2 * oy * W; // the window's top left element in its plane
    for (let ox = 0; ox < OW; ox++, q++, r += 2) {
      const s = xo + r;
      const a = xd[s]!;
      const b = xd[s + 1]!;
      const c = xd[s + W]!;
      const d = xd[s + W + 1]!;
      let k = +(b > a) | (+(b !== b) & +(a === a));
      const kc = +(c > xd[s + k]!) | +(c !== c);
      k += kc * (W - k);
      const kd = (+(d > xd[s + k]!) | +(d !== d)) & +(c === c);
      k += kd * (W + 1 - k);
      out[q] = xd[s + k]!;
      idx[q] = r + k;
    }
  }
}

/**
 * {@link maxPool2x2Plane} for windows without NaN, where only "greater" replaces (the NaN terms
 * are all 0 there): false at the end when some
 * window's sum a + b + c + d is NaN (a NaN in it, or +∞ and −∞ together), so the caller redoes the
 * plane with the NaN rules.
 */
function maxPool2x2PlaneNoNaN(
  xd: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
  idx: Int32Array,
  xo: number,
  q0: number,
  W: number,
  OH: number,
  OW: number,
): boolean {
  let q = q0;
  let finite = true;
  for (let oy = 0; oy < OH; oy++) {
    let r = 2 * oy * W;
    for (let ox = 0; ox < OW; ox++, q++, r += 2) {
      const s = xo + r;
      const a = xd[s]!;
      const b = xd[s + 1]!;
      const c = xd[s + W]!;
      const d = xd[s + W + 1]!;
      const t = a + b + c + d;
      if (t !== t) finite = false;
      let k = +(b > a);
      k += +(c > xd[s + k]!) * (W - k);
      k += +(d > xd[s + k]!) * (W + 1 - k);
      out[q] = xd[s + k]!;
      idx[q] = r + k;
    }
  }
  return finite;
}
