// Float32 kernels of the small CNNs' pooling and channel dropout, f32x4 SIMD (the JavaScript side,
// src/kernels/pool.ts, copies the operands in and the results out):
//
// - maxPool2x2F32: 2×2 / stride 2 max pooling of [H, W] planes with the argmax of every window,
//   four windows per step. The same choices as @gradkit/conv's JavaScript pass (pool-argmax.ts),
//   made with lane masks instead of 0/1 numbers: a (top left) first; b (top right) replaces it
//   when greater, or when b is NaN and a is not; c (bottom left) replaces the running maximum when
//   greater or NaN; d (bottom right) likewise, unless c is NaN. The output is the chosen element
//   itself (a bit select), so the same bits as gathering it.
// - maxPool2x2BackwardF32: its backward, each window's gradient (+0 + g) at the argmax and +0 at
//   the window's three other elements, written as two rows of eight per four windows: what zeroing
//   the planes and scatter-adding gives, as the windows do not overlap.
// - scalePlanesF32: out[j] = x[j] · keep[⌊j / plane⌋] (Dropout2d's multiply and its backward): one
//   float32 product per element, which is what the JavaScript loop's double product rounded to
//   float32 gives (the exact product of two float32 values fits a double).

/**
 * Max pooling of `planes` [H, W] float32 planes at `x` with 2×2 windows at stride 2, `OH`×`OW`
 * outputs per plane (2·OH ≤ H, 2·OW ≤ W): the maxima into `out`, the flat per-plane argmax
 * `iy·W + ix` into `idx` (i32).
 */
export function maxPool2x2F32(
  x: usize,
  out: usize,
  idx: usize,
  planes: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
): void {
  const one = i32x4.splat(1);
  const kW = i32x4.splat(W);
  const kW1 = i32x4.splat(W + 1);
  const lanes = i32x4(0, 2, 4, 6);
  const rowBytes = (<usize>W) << 2;
  let q: usize = 0; // output element
  for (let p: i32 = 0; p < planes; p++) {
    const plane = x + ((<usize>p * <usize>H * <usize>W) << 2);
    for (let oy: i32 = 0; oy < OH; oy++) {
      const r0 = 2 * oy * W; // first window's top left element in its plane
      const top = plane + ((<usize>r0) << 2);
      const bottom = top + rowBytes;
      let ox: i32 = 0;
      for (; ox + 4 <= OW; ox += 4, q += 4) {
        const o = (<usize>ox) << 3; // byte offset of column 2·ox
        const t0 = v128.load(top + o);
        const t1 = v128.load(top + o, 16);
        const b0 = v128.load(bottom + o);
        const b1 = v128.load(bottom + o, 16);
        const a = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
        const b = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
        const c = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        const d = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        const cNotNaN = f32x4.eq(c, c);
        const takeB = v128.or(f32x4.gt(b, a), v128.andnot(f32x4.eq(a, a), f32x4.eq(b, b)));
        let best = v128.bitselect(b, a, takeB);
        let k = v128.and(takeB, one);
        const takeC = v128.or(f32x4.gt(c, best), v128.not(cNotNaN));
        best = v128.bitselect(c, best, takeC);
        k = v128.bitselect(kW, k, takeC);
        const takeD = v128.and(v128.or(f32x4.gt(d, best), v128.not(f32x4.eq(d, d))), cNotNaN);
        best = v128.bitselect(d, best, takeD);
        k = v128.bitselect(kW1, k, takeD);
        v128.store(out + (q << 2), best);
        v128.store(idx + (q << 2), i32x4.add(i32x4.add(k, lanes), i32x4.splat(r0 + 2 * ox)));
      }
      for (; ox < OW; ox++, q++) {
        const s = (<usize>ox) << 3;
        const a = load<f32>(top + s);
        const b = load<f32>(top + s, 4);
        const c = load<f32>(bottom + s);
        const d = load<f32>(bottom + s, 4);
        let best = a;
        let k: i32 = 0;
        if (b > a || (b !== b && a === a)) {
          best = b;
          k = 1;
        }
        if (c > best || c !== c) {
          best = c;
          k = W;
        }
        if ((d > best || d !== d) && c === c) {
          best = d;
          k = W + 1;
        }
        store<f32>(out + (q << 2), best);
        store<i32>(idx + (q << 2), r0 + 2 * ox + k);
      }
    }
  }
}

/**
 * `out[j] = x[j] · keep[⌊j / plane⌋]` for `planes` planes of `plane` float32 values (`keep`: one
 * float32 factor per plane; `out` may equal `x`).
 */
export function scalePlanesF32(x: usize, keep: usize, out: usize, planes: i32, plane: i32): void {
  let j: usize = 0;
  for (let p: i32 = 0; p < planes; p++) {
    const k = load<f32>(keep + ((<usize>p) << 2));
    const kv = f32x4.splat(k);
    const end = j + <usize>plane;
    // to the next multiple of 4 one by one, then four at a time (aligned), then the rest
    for (; j < end && (j & 3) !== 0; j++) store<f32>(out + (j << 2), load<f32>(x + (j << 2)) * k);
    for (; j + 4 <= end; j += 4) v128.store(out + (j << 2), f32x4.mul(v128.load(x + (j << 2)), kv));
    for (; j < end; j++) store<f32>(out + (j << 2), load<f32>(x + (j << 2)) * k);
  }
}

/**
 * The backward of {@link maxPool2x2F32}: `out` (`planes` [H, W] float32 planes) gets each
 * window's gradient `g[q]` at its argmax `idx[q]` (as `+0 + g`, the sum the scatter-add into
 * zeros computes) and +0 everywhere else, written window by window (two rows of eight elements
 * per four windows) instead of zeroing the planes and scattering. Returns 1, or 0 when some index
 * does not lie in its own window (then `out` is incomplete and the caller runs the general
 * scatter-add).
 */
export function maxPool2x2BackwardF32(
  g: usize,
  idx: usize,
  out: usize,
  planes: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
): i32 {
  const zero = f32x4.splat(0);
  const kW = i32x4.splat(W);
  const kW1 = i32x4.splat(W + 1);
  const one = i32x4.splat(1);
  const izero = i32x4.splat(0);
  const lanes = i32x4(0, 2, 4, 6);
  const rowBytes = (<usize>W) << 2;
  const covered = 2 * OH === H && 2 * OW === W;
  let ok = i32x4.splat(-1);
  let okScalar = true;
  let q: usize = 0;
  for (let p: i32 = 0; p < planes; p++) {
    const plane = out + ((<usize>p * <usize>H * <usize>W) << 2);
    // the rows and columns no window covers (odd sizes)
    if (!covered) memory.fill(plane, 0, (<usize>H * <usize>W) << 2);
    for (let oy: i32 = 0; oy < OH; oy++) {
      const r0 = 2 * oy * W;
      const top = plane + ((<usize>r0) << 2);
      const bottom = top + rowBytes;
      let ox: i32 = 0;
      for (; ox + 4 <= OW; ox += 4, q += 4) {
        const gv = f32x4.add(zero, v128.load(g + (q << 2)));
        const k = i32x4.sub(v128.load(idx + (q << 2)), i32x4.add(lanes, i32x4.splat(r0 + 2 * ox)));
        const m0 = i32x4.eq(k, izero);
        const m1 = i32x4.eq(k, one);
        const m2 = i32x4.eq(k, kW);
        const m3 = i32x4.eq(k, kW1);
        ok = v128.and(ok, v128.or(v128.or(m0, m1), v128.or(m2, m3)));
        const a = v128.and(gv, m0);
        const b = v128.and(gv, m1);
        const c = v128.and(gv, m2);
        const d = v128.and(gv, m3);
        const o = (<usize>ox) << 3;
        v128.store(top + o, v128.shuffle<f32>(a, b, 0, 4, 1, 5));
        v128.store(top + o, v128.shuffle<f32>(a, b, 2, 6, 3, 7), 16);
        v128.store(bottom + o, v128.shuffle<f32>(c, d, 0, 4, 1, 5));
        v128.store(bottom + o, v128.shuffle<f32>(c, d, 2, 6, 3, 7), 16);
      }
      for (; ox < OW; ox++, q++) {
        const s = (<usize>ox) << 3;
        const k = load<i32>(idx + (q << 2)) - (r0 + 2 * ox);
        store<f32>(top + s, 0);
        store<f32>(top + s, 0, 4);
        store<f32>(bottom + s, 0);
        store<f32>(bottom + s, 0, 4);
        const v: f32 = <f32>0 + load<f32>(g + (q << 2));
        if (k === 0) store<f32>(top + s, v);
        else if (k === 1) store<f32>(top + s, v, 4);
        else if (k === W) store<f32>(bottom + s, v);
        else if (k === W + 1) store<f32>(bottom + s, v, 4);
        else okScalar = false;
      }
    }
  }
  return okScalar && i32x4.all_true(ok) ? 1 : 0;
}
