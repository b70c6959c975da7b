// Convolution lowered to GEMM inside linear memory: im2col, the GEMM of ./gemm.ts, and the
// rearrangement of its [O, N·L] result into [N, O, L] (plus the bias), with their adjoints
// (col2im, gather) for the two gradients — the same loops, in the same order, as the JavaScript
// path of src/kernels/im2col.ts and @gradkit/conv's kernels.ts, so both give the same bits. The
// JavaScript side is src/kernels/conv.ts; @gradkit/conv registers it as its 'wasm' kernels.
// Running the whole lowering here instead of in JavaScript saves the copy of the (larger) column
// matrix into linear memory and the JavaScript loops' bounds checks on short rows.
//
// Geometry: 17 i32 values at `prm` (written by the JavaScript side):
//   n c h w o kh kw oh ow strideH strideW padTop padLeft dilH dilW groups chunk
// with `chunk` the number of images lowered together (the column matrix [K, chunk·L]).
// Pointers are byte offsets; `work` is scratch for the column matrix and the GEMM's output.

import { gemmF32, gemmF64, packSizeB } from './gemm';

let gN: i32 = 0;
let gC: i32 = 0;
let gH: i32 = 0;
let gW: i32 = 0;
let gO: i32 = 0;
let gKH: i32 = 0;
let gKW: i32 = 0;
let gOH: i32 = 0;
let gOW: i32 = 0;
let gSH: i32 = 0;
let gSW: i32 = 0;
let gPT: i32 = 0;
let gPL: i32 = 0;
let gDH: i32 = 0;
let gDW: i32 = 0;
let gG: i32 = 1;
let gChunk: i32 = 1;

function readGeometry(prm: usize): void {
  gN = load<i32>(prm);
  gC = load<i32>(prm, 4);
  gH = load<i32>(prm, 8);
  gW = load<i32>(prm, 12);
  gO = load<i32>(prm, 16);
  gKH = load<i32>(prm, 20);
  gKW = load<i32>(prm, 24);
  gOH = load<i32>(prm, 28);
  gOW = load<i32>(prm, 32);
  gSH = load<i32>(prm, 36);
  gSW = load<i32>(prm, 40);
  gPT = load<i32>(prm, 44);
  gPL = load<i32>(prm, 48);
  gDH = load<i32>(prm, 52);
  gDW = load<i32>(prm, 56);
  gG = load<i32>(prm, 60);
  gChunk = load<i32>(prm, 64);
}

/** ⌊a / b⌋ for b > 0 (JavaScript's Math.floor of the quotient; i32 division truncates). */
function floorDiv(a: i32, b: i32): i32 {
  return a >= 0 ? a / b : -((b - 1 - a) / b);
}

let gLo: i32 = 0;
let gHi: i32 = 0;

/**
 * The output columns ox whose input column ox·strideW + dx lies inside the image, as [gLo, gHi)
 * (dx: the tap's column offset minus the left padding) — im2col's and col2im's row bounds.
 */
function columnRange(dx: i32): void {
  let lo = dx >= 0 ? 0 : (gSW - 1 - dx) / gSW;
  const hi = max(0, min(gOW, floorDiv(gW - 1 - dx, gSW) + 1));
  if (lo > hi) lo = hi;
  gLo = lo;
  gHi = hi;
}

function at<T>(base: usize, index: i32): usize {
  return base + <usize>index * sizeof<T>();
}

/** The input values of four consecutive output positions at byte address `p` (column stride 1 or 2). */
function rowVec(p: usize, stride2: bool): v128 {
  if (!stride2) return v128.load(p);
  // x[0], x[2], x[4], x[6] from x[0..3] and x[3..6]: nothing past x[6] is read
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 12), 0, 2, 5, 7);
}

/**
 * cols[row, j·colsStride + oy·OW + ox] (rows at stride `ld`) from `channels` planes of image j at
 * x + j·xStride: im2col of src/kernels/im2col.ts, loop for loop.
 */
function im2col<T>(
  x: usize,
  cols: usize,
  ld: i32,
  channels: i32,
  count: i32,
  xStride: i32,
  colsStride: i32,
): void {
  let row = 0;
  for (let ci = 0; ci < channels; ci++) {
    const cOff = ci * gH * gW;
    for (let ky = 0; ky < gKH; ky++) {
      for (let kx = 0; kx < gKW; kx++) {
        const base = row * ld;
        const dy = ky * gDH - gPT;
        const dx = kx * gDW - gPL;
        columnRange(dx);
        const lo = gLo;
        const hi = gHi;
        for (let oy = 0; oy < gOH; oy++) {
          const iy = oy * gSH + dy;
          const rowBase0 = base + oy * gOW;
          if (iy < 0 || iy >= gH) {
            for (let j = 0; j < count; j++)
              memory.fill(at<T>(cols, rowBase0 + j * colsStride), 0, <usize>gOW * sizeof<T>());
            continue;
          }
          const src0 = cOff + iy * gW + dx;
          for (let j = 0; j < count; j++) {
            const d = at<T>(cols, rowBase0 + j * colsStride);
            for (let ox = 0; ox < lo; ox++) store<T>(at<T>(d, ox), <T>0);
            let s = at<T>(x, src0 + j * xStride + lo * gSW);
            const step = <usize>gSW * sizeof<T>();
            let ox = lo;
            if (sizeof<T>() === 4 && gSW <= 2)
              // float32, column stride 1 or 2: four columns a vector (rowVec reads nothing past the last)
              for (; ox + 4 <= hi; ox += 4, s += step << 2) v128.store(at<T>(d, ox), rowVec(s, gSW === 2));
            for (; ox < hi; ox++, s += step) store<T>(at<T>(d, ox), load<T>(s));
            for (let ox = hi; ox < gOW; ox++) store<T>(at<T>(d, ox), <T>0);
          }
        }
        row++;
      }
    }
  }
}

/** gx[c, iy, ix] += dcols[row, l] for every pair im2col reads (col2im of src/kernels/im2col.ts). */
function col2im<T>(
  dcols: usize,
  ld: i32,
  gx: usize,
  channels: i32,
  count: i32,
  xStride: i32,
  colsStride: i32,
): void {
  let row = 0;
  for (let ci = 0; ci < channels; ci++) {
    const cOff = ci * gH * gW;
    for (let ky = 0; ky < gKH; ky++) {
      for (let kx = 0; kx < gKW; kx++) {
        const base = row * ld;
        const dy = ky * gDH - gPT;
        const dx = kx * gDW - gPL;
        columnRange(dx);
        const lo = gLo;
        const hi = gHi;
        for (let oy = 0; oy < gOH; oy++) {
          const iy = oy * gSH + dy;
          if (iy < 0 || iy >= gH) continue;
          const dst0 = cOff + iy * gW + dx;
          const rowBase0 = base + oy * gOW;
          const step = <usize>gSW * sizeof<T>();
          // images write disjoint parts of gx, so each still sums in (row, oy, ox) order
          for (let j = 0; j < count; j++) {
            let q = at<T>(gx, dst0 + j * xStride + lo * gSW);
            const s = at<T>(dcols, rowBase0 + j * colsStride);
            let ox = lo;
            if (sizeof<T>() === 4 && gSW === 1)
              for (; ox + 4 <= hi; ox += 4, q += 16)
                v128.store(q, f32x4.add(v128.load(q), v128.load(at<T>(s, ox))));
            else if (sizeof<T>() === 4 && gSW === 2)
              // gx[0], gx[2], gx[4], gx[6] += d[0..3]: the sums blended into gx[0..3] and gx[3..6]
              // (gx[3] and the odd columns written back unchanged; nothing past gx[6] is touched)
              for (; ox + 4 <= hi; ox += 4, q += 32) {
                const dv = v128.load(at<T>(s, ox));
                const lo4 = v128.load(q);
                const hi4 = v128.load(q, 12);
                const sumLo = f32x4.add(lo4, v128.shuffle<f32>(dv, dv, 0, 0, 1, 1));
                const sumHi = f32x4.add(hi4, v128.shuffle<f32>(dv, dv, 2, 2, 3, 3));
                v128.store(q, v128.shuffle<f32>(sumLo, lo4, 0, 5, 2, 7));
                v128.store(q, v128.shuffle<f32>(hi4, sumHi, 0, 5, 2, 7), 12);
              }
            for (; ox < hi; ox++, q += step) store<T>(q, load<T>(q) + load<T>(at<T>(s, ox)));
          }
        }
        row++;
      }
    }
  }
}

/** dst[c, j·L + l] = src[n0 + j, c0 + c, l] (gatherChannels). */
function gather<T>(src: usize, dst: usize, n0: i32, nc: i32, C: i32, c0: i32, cg: i32, L: i32): void {
  const LL = nc * L;
  const bytes = <usize>L * sizeof<T>();
  for (let j = 0; j < nc; j++)
    for (let c = 0; c < cg; c++)
      memory.copy(at<T>(dst, c * LL + j * L), at<T>(src, ((n0 + j) * C + c0 + c) * L), bytes);
}

/**
 * gather with a relu mask: dst[c, j·L + l] = y > 0 ? src : +0 where y = mask at the same index of
 * [N, C, L] (the relu's backward select, fused into the rearrangement).
 */
function gatherMasked<T>(
  src: usize,
  mask: usize,
  dst: usize,
  n0: i32,
  nc: i32,
  C: i32,
  c0: i32,
  cg: i32,
  L: i32,
): void {
  const LL = nc * L;
  for (let j = 0; j < nc; j++)
    for (let c = 0; c < cg; c++) {
      const o = ((n0 + j) * C + c0 + c) * L;
      const d = at<T>(dst, c * LL + j * L);
      const g = at<T>(src, o);
      const y = at<T>(mask, o);
      // branch-free: the mask bits of (y > 0) and-ed into g (+0 where y ≤ 0 or NaN)
      const lanes = 16 / sizeof<T>();
      let l = 0;
      for (; l + lanes <= L; l += lanes) {
        const yv = v128.load(at<T>(y, l));
        const keep = sizeof<T>() === 4 ? f32x4.gt(yv, f32x4.splat(0)) : f64x2.gt(yv, f64x2.splat(0));
        v128.store(at<T>(d, l), v128.and(v128.load(at<T>(g, l)), keep));
      }
      for (; l < L; l++)
        store<T>(at<T>(d, l), select<T>(load<T>(at<T>(g, l)), <T>0, load<T>(at<T>(y, l)) > <T>0));
    }
}

/**
 * dst[n0 + j, c0 + c, l] = src[c, j·L + l] + bias[c0 + c] (scatterChannels; bias 0: adds +0), then
 * max(·, +0) when `relu` (PyTorch's relu: −0 and negatives become +0, NaN stays NaN).
 */
function scatter<T>(
  src: usize,
  dst: usize,
  n0: i32,
  nc: i32,
  C: i32,
  c0: i32,
  cg: i32,
  L: i32,
  bias: usize,
  relu: bool,
): void {
  const LL = nc * L;
  for (let j = 0; j < nc; j++)
    for (let c = 0; c < cg; c++) {
      const d = at<T>(dst, ((n0 + j) * C + c0 + c) * L);
      const s = at<T>(src, c * LL + j * L);
      const b: T = bias === 0 ? <T>0 : load<T>(at<T>(bias, c0 + c));
      if (relu) for (let l = 0; l < L; l++) store<T>(at<T>(d, l), max<T>(load<T>(at<T>(s, l)) + b, <T>0));
      else for (let l = 0; l < L; l++) store<T>(at<T>(d, l), load<T>(at<T>(s, l)) + b);
    }
}

function gemm<T>(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  rsa: i32,
  csa: i32,
  b: usize,
  rsb: i32,
  csb: i32,
  c: usize,
  ldc: i32,
  accumulate: i32,
  ap: usize,
  bp: usize,
): void {
  if (sizeof<T>() === 4) gemmF32(m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, accumulate, ap, bp);
  else gemmF64(m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, accumulate, ap, bp);
}

function align16(p: usize): usize {
  return (p + 15) & ~(<usize>15);
}

/**
 * Whether the direct float32 forward gives the GEMM path's bits: no zero padding (every tap reads
 * inside the image, so nothing is skipped) and K ≤ KC (the GEMM sums the K products in one block).
 */
function directApplies(K: i32): bool {
  return (
    K <= 256 &&
    gPT === 0 &&
    gPL === 0 &&
    (gOH - 1) * gSH + (gKH - 1) * gDH <= gH - 1 &&
    (gOW - 1) * gSW + (gKW - 1) * gDW <= gW - 1
  );
}

/** out[j, o, r] = v[lane] for the lanes of one output position whose channel exists (o < og). */
function storeLanes(v: v128, out: usize, at0: i32, L: i32, valid: i32): void {
  const step = (<usize>L) << 2;
  let q = out + ((<usize>at0) << 2);
  if (valid > 0) store<f32>(q, f32x4.extract_lane(v, 0));
  q += step;
  if (valid > 1) store<f32>(q, f32x4.extract_lane(v, 1));
  q += step;
  if (valid > 2) store<f32>(q, f32x4.extract_lane(v, 2));
  q += step;
  if (valid > 3) store<f32>(q, f32x4.extract_lane(v, 3));
}

/** max(v, +0) lane-wise when `relu` (PyTorch's relu: −0 and negatives become +0, NaN stays NaN), else v. */
function act(v: v128, relu: bool): v128 {
  return relu ? f32x4.max(v, f32x4.splat(0)) : v;
}

/**
 * Stores columns 0 … count−1 of the 4×4 block with rows r0..r3 (column i = [r0[i], r1[i], r2[i],
 * r3[i]]) as vectors at d, d + gap, d + 2·gap, d + 3·gap.
 */
function storeTransposed(d: usize, gap: usize, r0: v128, r1: v128, r2: v128, r3: v128, count: i32): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  if (count > 1) v128.store(d + gap, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  if (count > 2) v128.store(d + 2 * gap, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  if (count > 3) v128.store(d + 3 * gap, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/**
 * c + a·b lane-wise as the float32 GEMM's micro-kernel of this build computes it: one fused
 * multiply-add (`f32x4.relaxed_madd`) in the relaxed-SIMD build, a product then a sum in the plain one.
 */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * The byte offset of each tap k = (c, ky, kx) of the K = cg·KH·KW from an output position's first
 * input value, as i32s at `dst`: (c·H·W + ky·DH·W + kx·DW) · `unit` (4 for [C, H, W] float32 data,
 * a row's bytes for the images-in-lanes layout).
 */
function tapOffsets(dst: usize, cg: i32, unit: usize): void {
  const plane = gH * gW;
  let k = 0;
  for (let c = 0; c < cg; c++)
    for (let ky = 0; ky < gKH; ky++)
      for (let kx = 0; kx < gKW; kx++, k++)
        store<i32>(dst + ((<usize>k) << 2), <i32>(<usize>(c * plane + ky * gDH * gW + kx * gDW) * unit));
}

/** Group gi's weights [og, K] packed as Wᵀ [K, ogPad] at `wt` (+0 past og). */
function packWeightsT(w: usize, gi: i32, og: i32, K: i32, ogPad: i32, wt: usize): void {
  for (let kk = 0; kk < K; kk++)
    for (let o = 0; o < ogPad; o++)
      store<f32>(
        wt + ((<usize>(kk * ogPad + o)) << 2),
        o < og ? load<f32>(w + ((<usize>((gi * og + o) * K + kk)) << 2)) : 0,
      );
}

/**
 * The float32 forward without lowering: for 8 output channels × 4 output positions at a time,
 * out[j, o, p] = (Σ_k W[o, k] · x[tap k of p]) + bias[o], the K products summed from +0 in k order
 * exactly as the GEMM's micro-kernel sums a column of im2col (with fused multiply-adds in the
 * relaxed-SIMD build, as its micro-kernel; and the bias added after, as the scatter does), so the
 * bits are the GEMM path's in either build. Wᵀ is packed [K, 8·⌈og/8⌉] (zeros past og) and
 * the taps' offsets into the image are tabulated once. Needs directApplies().
 */
function convDirect32(x: usize, w: usize, bias: usize, out: usize, work: usize, relu: bool): void {
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  const ogPad = (og + 7) & ~7;
  const wt = work;
  const toff = align16(wt + ((<usize>(K * ogPad)) << 2));
  tapOffsets(toff, cg, 4);
  // per output position q (all images): its input offset from the group's first channel, and its
  // output offset without the channel term — tabulated once, without divisions
  const P = gN * L;
  const xTab = align16(toff + ((<usize>K) << 2));
  const oTab = align16(xTab + ((<usize>P) << 2));
  {
    let q = 0;
    for (let j = 0; j < gN; j++)
      for (let oy = 0; oy < gOH; oy++)
        for (let ox = 0; ox < gOW; ox++, q++) {
          store<i32>(xTab + ((<usize>q) << 2), j * gC * plane + oy * gSH * gW + ox * gSW);
          store<i32>(oTab + ((<usize>q) << 2), j * gO * L + oy * gOW + ox);
        }
  }
  const rowBytes = (<usize>ogPad) << 2;
  for (let gi = 0; gi < gG; gi++) {
    packWeightsT(w, gi, og, K, ogPad, wt);
    const xg = x + ((<usize>(gi * cg * plane)) << 2);
    for (let ob = 0; ob < og; ob += 8) {
      const b0v = bias === 0 ? f32x4.splat(0) : v128.load(bias + ((<usize>(gi * og + ob)) << 2));
      const b1v = bias === 0 ? f32x4.splat(0) : v128.load(bias + ((<usize>(gi * og + ob + 4)) << 2));
      const valid0 = min(4, og - ob);
      const valid1 = min(4, og - ob - 4);
      const chan = (gi * og + ob) * L;
      for (let q0 = 0; q0 < P; q0 += 4) {
        const last = xTab + ((<usize>(P - 1)) << 2);
        const e0 = xTab + ((<usize>q0) << 2);
        const x0 = xg + ((<usize>load<i32>(e0)) << 2);
        const x1 = xg + ((<usize>load<i32>(min(e0 + 4, last))) << 2);
        const x2 = xg + ((<usize>load<i32>(min(e0 + 8, last))) << 2);
        const x3 = xg + ((<usize>load<i32>(min(e0 + 12, last))) << 2);
        let a00 = f32x4.splat(0);
        let a01 = f32x4.splat(0);
        let a02 = f32x4.splat(0);
        let a03 = f32x4.splat(0);
        let a10 = f32x4.splat(0);
        let a11 = f32x4.splat(0);
        let a12 = f32x4.splat(0);
        let a13 = f32x4.splat(0);
        let wp = wt + ((<usize>ob) << 2);
        let tp = toff;
        let kk = 0;
        for (; kk + 1 < K; kk += 2, wp += 2 * rowBytes, tp += 8) {
          let t = <usize>load<i32>(tp);
          let w0 = v128.load(wp);
          let w1 = v128.load(wp, 16);
          let xv = v128.load32_splat(x0 + t);
          a00 = madd(w0, xv, a00);
          a10 = madd(w1, xv, a10);
          xv = v128.load32_splat(x1 + t);
          a01 = madd(w0, xv, a01);
          a11 = madd(w1, xv, a11);
          xv = v128.load32_splat(x2 + t);
          a02 = madd(w0, xv, a02);
          a12 = madd(w1, xv, a12);
          xv = v128.load32_splat(x3 + t);
          a03 = madd(w0, xv, a03);
          a13 = madd(w1, xv, a13);
          t = <usize>load<i32>(tp, 4);
          w0 = v128.load(wp + rowBytes);
          w1 = v128.load(wp + rowBytes, 16);
          xv = v128.load32_splat(x0 + t);
          a00 = madd(w0, xv, a00);
          a10 = madd(w1, xv, a10);
          xv = v128.load32_splat(x1 + t);
          a01 = madd(w0, xv, a01);
          a11 = madd(w1, xv, a11);
          xv = v128.load32_splat(x2 + t);
          a02 = madd(w0, xv, a02);
          a12 = madd(w1, xv, a12);
          xv = v128.load32_splat(x3 + t);
          a03 = madd(w0, xv, a03);
          a13 = madd(w1, xv, a13);
        }
        if (kk < K) {
          const t = <usize>load<i32>(tp);
          const w0 = v128.load(wp);
          const w1 = v128.load(wp, 16);
          let xv = v128.load32_splat(x0 + t);
          a00 = madd(w0, xv, a00);
          a10 = madd(w1, xv, a10);
          xv = v128.load32_splat(x1 + t);
          a01 = madd(w0, xv, a01);
          a11 = madd(w1, xv, a11);
          xv = v128.load32_splat(x2 + t);
          a02 = madd(w0, xv, a02);
          a12 = madd(w1, xv, a12);
          xv = v128.load32_splat(x3 + t);
          a03 = madd(w0, xv, a03);
          a13 = madd(w1, xv, a13);
        }
        const n = min(4, P - q0);
        const ot = oTab + ((<usize>q0) << 2);
        const o0 = load<i32>(ot);
        if (n === 4 && load<i32>(ot, 12) === o0 + 3) {
          // four consecutive outputs of one image: per channel they are contiguous in out, so the
          // 4×4 blocks are transposed in registers and stored as vectors (bias added first, per lane)
          const d = out + ((<usize>(o0 + chan)) << 2);
          const gap = (<usize>L) << 2;
          storeTransposed(
            d,
            gap,
            act(f32x4.add(a00, b0v), relu),
            act(f32x4.add(a01, b0v), relu),
            act(f32x4.add(a02, b0v), relu),
            act(f32x4.add(a03, b0v), relu),
            valid0,
          );
          if (valid1 > 0)
            storeTransposed(
              d + 4 * gap,
              gap,
              act(f32x4.add(a10, b1v), relu),
              act(f32x4.add(a11, b1v), relu),
              act(f32x4.add(a12, b1v), relu),
              act(f32x4.add(a13, b1v), relu),
              valid1,
            );
          continue;
        }
        storeLanes(act(f32x4.add(a00, b0v), relu), out, o0 + chan, L, valid0);
        if (valid1 > 0) storeLanes(act(f32x4.add(a10, b1v), relu), out, o0 + chan + 4 * L, L, valid1);
        if (n > 1) {
          storeLanes(act(f32x4.add(a01, b0v), relu), out, load<i32>(ot, 4) + chan, L, valid0);
          if (valid1 > 0)
            storeLanes(act(f32x4.add(a11, b1v), relu), out, load<i32>(ot, 4) + chan + 4 * L, L, valid1);
        }
        if (n > 2) {
          storeLanes(act(f32x4.add(a02, b0v), relu), out, load<i32>(ot, 8) + chan, L, valid0);
          if (valid1 > 0)
            storeLanes(act(f32x4.add(a12, b1v), relu), out, load<i32>(ot, 8) + chan + 4 * L, L, valid1);
        }
        if (n > 3) {
          storeLanes(act(f32x4.add(a03, b0v), relu), out, load<i32>(ot, 12) + chan, L, valid0);
          if (valid1 > 0)
            storeLanes(act(f32x4.add(a13, b1v), relu), out, load<i32>(ot, 12) + chan + 4 * L, L, valid1);
        }
      }
    }
  }
}

/**
 * The images-in-lanes layout: dst[e, n] = src[n·imgBytes + e] for the E values of each of `nN`
 * images (+0 for the lanes n = nN … up to a multiple of 4), rows `colBytes` apart: 4×4 blocks
 * transposed in registers (a row's last block reads up to 3 values past it and stores only E's).
 */
function toLanes(src: usize, imgBytes: usize, E: i32, nN: i32, dst: usize, colBytes: usize): void {
  const zero = f32x4.splat(0);
  for (let j0 = 0; j0 < nN; j0 += 4) {
    const r0p = src + <usize>j0 * imgBytes;
    for (let e0 = 0; e0 < E; e0 += 4) {
      const o = (<usize>e0) << 2;
      storeTransposed(
        dst + <usize>e0 * colBytes + ((<usize>j0) << 2),
        colBytes,
        v128.load(r0p + o),
        j0 + 1 < nN ? v128.load(r0p + imgBytes + o) : zero,
        j0 + 2 < nN ? v128.load(r0p + 2 * imgBytes + o) : zero,
        j0 + 3 < nN ? v128.load(r0p + 3 * imgBytes + o) : zero,
        min(4, E - e0),
      );
    }
  }
}

/** The way back from toLanes: dst[n·imgBytes + r] = src[r, n] for r < R, n < nN. */
function fromLanes(src: usize, colBytes: usize, R: i32, nN: i32, dst: usize, imgBytes: usize): void {
  for (let r0 = 0; r0 < R; r0 += 4) {
    const row = src + <usize>r0 * colBytes;
    if (r0 + 4 <= R) {
      for (let n0 = 0; n0 < nN; n0 += 4)
        storeTransposed(
          dst + <usize>n0 * imgBytes + ((<usize>r0) << 2),
          imgBytes,
          v128.load(row + ((<usize>n0) << 2)),
          v128.load(row + colBytes + ((<usize>n0) << 2)),
          v128.load(row + 2 * colBytes + ((<usize>n0) << 2)),
          v128.load(row + 3 * colBytes + ((<usize>n0) << 2)),
          min(4, nN - n0),
        );
    } else {
      for (let r = r0; r < R; r++)
        for (let n = 0; n < nN; n++)
          store<f32>(
            dst + <usize>n * imgBytes + ((<usize>r) << 2),
            load<f32>(src + <usize>r * colBytes + ((<usize>n) << 2)),
          );
    }
  }
}

/**
 * The float32 forward with the images in the vector lanes, for BATCH_MIN_IMAGES or more images:
 * per pass of up to BATCH_CHUNK images (so the transposed operands stay in cache) and group, the
 * input is transposed to [C/groups·H·W, images] (4×4 blocks in registers); then for every output
 * position, 3 output channels × 12 images at a time, out = (Σ_k W[o, k] · x[tap k]) + bias[o],
 * each sum from +0 in k order with the same multiply-add as convDirect32 and the GEMM's
 * micro-kernel (the same bits), into [O/groups·L, images], which is transposed back. Each tap of
 * the 12 images is three vector loads for nine multiply-adds, and every lane is a real output but
 * the padding of the images to a multiple of 4 (9 accumulators: more made V8 spill).
 */
function convBatch32(x: usize, w: usize, bias: usize, out: usize, work: usize, relu: bool): void {
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  const E = cg * plane;
  const Np = (min(gN, BATCH_CHUNK) + 3) & ~3;
  const colBytes = (<usize>Np) << 2;
  const ogPad = ((og + 2) / 3) * 3;
  const rowBytes = (<usize>ogPad) << 2;
  const xT = work;
  const oT = align16(xT + <usize>E * colBytes);
  const wt = align16(oT + <usize>(og * L) * colBytes);
  const toff = align16(wt + ((<usize>(K * ogPad)) << 2));
  tapOffsets(toff, cg, colBytes);
  const imgBytes = (<usize>(gC * plane)) << 2;
  for (let jc = 0; jc < gN; jc += BATCH_CHUNK)
    for (let gi = 0; gi < gG; gi++) {
      const nN = min(BATCH_CHUNK, gN - jc);
      const NpC = (nN + 3) & ~3;
      // xT[e, n] = x[jc + n, gi·cg + e / plane, e % plane]
      toLanes(x + <usize>jc * imgBytes + ((<usize>(gi * cg * plane)) << 2), imgBytes, E, nN, xT, colBytes);
      packWeightsT(w, gi, og, K, ogPad, wt);
      for (let oy = 0; oy < gOH; oy++)
        for (let ox = 0; ox < gOW; ox++) {
          const q = oy * gOW + ox;
          const pos = xT + <usize>(oy * gSH * gW + ox * gSW) * colBytes;
          for (let ob = 0; ob < og; ob += 3) {
            const nc = min(3, og - ob);
            const bv0 = f32x4.splat(bias === 0 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob)) << 2)));
            const bv1 = f32x4.splat(
              bias === 0 || nc < 2 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob + 1)) << 2)),
            );
            const bv2 = f32x4.splat(
              bias === 0 || nc < 3 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob + 2)) << 2)),
            );
            const orow = oT + <usize>(ob * L + q) * colBytes;
            const gap = <usize>L * colBytes;
            let n0 = 0;
            for (; n0 + 12 <= NpC; n0 += 12) {
              const xp = pos + ((<usize>n0) << 2);
              let a00 = f32x4.splat(0);
              let a01 = f32x4.splat(0);
              let a02 = f32x4.splat(0);
              let a10 = f32x4.splat(0);
              let a11 = f32x4.splat(0);
              let a12 = f32x4.splat(0);
              let a20 = f32x4.splat(0);
              let a21 = f32x4.splat(0);
              let a22 = f32x4.splat(0);
              let wp = wt + ((<usize>ob) << 2);
              for (let kk = 0; kk < K; kk++, wp += rowBytes) {
                const p = xp + <usize>load<i32>(toff + ((<usize>kk) << 2));
                const v0 = v128.load(p);
                const v1 = v128.load(p, 16);
                const v2 = v128.load(p, 32);
                let ws = v128.load32_splat(wp);
                a00 = madd(ws, v0, a00);
                a01 = madd(ws, v1, a01);
                a02 = madd(ws, v2, a02);
                ws = v128.load32_splat(wp, 4);
                a10 = madd(ws, v0, a10);
                a11 = madd(ws, v1, a11);
                a12 = madd(ws, v2, a12);
                ws = v128.load32_splat(wp, 8);
                a20 = madd(ws, v0, a20);
                a21 = madd(ws, v1, a21);
                a22 = madd(ws, v2, a22);
              }
              const d = orow + ((<usize>n0) << 2);
              v128.store(d, act(f32x4.add(a00, bv0), relu));
              v128.store(d, act(f32x4.add(a01, bv0), relu), 16);
              v128.store(d, act(f32x4.add(a02, bv0), relu), 32);
              if (nc > 1) {
                v128.store(d + 1 * gap, act(f32x4.add(a10, bv1), relu));
                v128.store(d + 1 * gap, act(f32x4.add(a11, bv1), relu), 16);
                v128.store(d + 1 * gap, act(f32x4.add(a12, bv1), relu), 32);
              }
              if (nc > 2) {
                v128.store(d + 2 * gap, act(f32x4.add(a20, bv2), relu));
                v128.store(d + 2 * gap, act(f32x4.add(a21, bv2), relu), 16);
                v128.store(d + 2 * gap, act(f32x4.add(a22, bv2), relu), 32);
              }
            }
            for (; n0 < NpC; n0 += 4) {
              const xp = pos + ((<usize>n0) << 2);
              let a00 = f32x4.splat(0);
              let a10 = f32x4.splat(0);
              let a20 = f32x4.splat(0);
              let wp = wt + ((<usize>ob) << 2);
              for (let kk = 0; kk < K; kk++, wp += rowBytes) {
                const p = xp + <usize>load<i32>(toff + ((<usize>kk) << 2));
                const v0 = v128.load(p);
                let ws = v128.load32_splat(wp);
                a00 = madd(ws, v0, a00);
                ws = v128.load32_splat(wp, 4);
                a10 = madd(ws, v0, a10);
                ws = v128.load32_splat(wp, 8);
                a20 = madd(ws, v0, a20);
              }
              const d = orow + ((<usize>n0) << 2);
              v128.store(d, act(f32x4.add(a00, bv0), relu));
              if (nc > 1) {
                v128.store(d + 1 * gap, act(f32x4.add(a10, bv1), relu));
              }
              if (nc > 2) {
                v128.store(d + 2 * gap, act(f32x4.add(a20, bv2), relu));
              }
            }
          }
        }
      // out[jc + n, gi·og·L + r] = oT[r, n]
      const outImg = (<usize>(gO * L)) << 2;
      fromLanes(oT, colBytes, og * L, nN, out + <usize>jc * outImg + ((<usize>(gi * og * L)) << 2), outImg);
    }
}

/** The GEMM's block of the shared dimension (KC of gemm.ts): gwDirect32 sums in the same blocks. */
const GEMM_KC: i32 = 256;

/**
 * Whether gwDirect32 computes a chunk's weight gradient: no zero padding (directApplies) and its
 * transposed gradient [LL, 4·⌈og/4⌉] and position table fit the packed-B buffer it borrows.
 */
function gwDirectApplies(K: i32, og: i32, LL: i32): bool {
  return directApplies(K) && (((og + 3) & ~3) + 1) * LL + K + 16 <= packSizeB() * 2;
}

/**
 * gw[o, k] += Σ_p g[o, p] · x[tap k of p] over one chunk's positions p = (image, oy, ox), without
 * the column matrix: the GEMM's sums exactly (per block of GEMM_KC positions, a chain from +0 in p
 * order with the build's multiply-add, then added to gw), so the same bits as im2col + GEMM. The
 * lanes hold 4 output channels: `gbuf` [og, LL] is transposed to [LL, 4·⌈og/4⌉] in `scratch`
 * first; then 16 channels × 2 taps at a time, each position's two input values broadcast.
 */
function gwDirect32(
  gbuf: usize,
  xg: usize,
  gw: usize,
  og: i32,
  K: i32,
  nc: i32,
  L: i32,
  scratch: usize,
): void {
  const LL = nc * L;
  const plane = gH * gW;
  const cg = K / (gKH * gKW);
  const ogPad = (og + 3) & ~3;
  const rowT = (<usize>ogPad) << 2;
  const GT = scratch;
  const pTab = align16(GT + <usize>LL * rowT);
  const tTab = align16(pTab + ((<usize>LL) << 2));
  // GT[p, o] = gbuf[o, p] (+0 for the padding channels)
  const zero = f32x4.splat(0);
  const rowB = (<usize>LL) << 2;
  for (let o0 = 0; o0 < og; o0 += 4) {
    const r = gbuf + <usize>o0 * rowB;
    let p0 = 0;
    for (; p0 + 4 <= LL; p0 += 4) {
      const q = r + ((<usize>p0) << 2);
      storeTransposed(
        GT + <usize>p0 * rowT + ((<usize>o0) << 2),
        rowT,
        v128.load(q),
        o0 + 1 < og ? v128.load(q + rowB) : zero,
        o0 + 2 < og ? v128.load(q + 2 * rowB) : zero,
        o0 + 3 < og ? v128.load(q + 3 * rowB) : zero,
        4,
      );
    }
    for (; p0 < LL; p0++)
      for (let i = 0; i < 4; i++)
        store<f32>(
          GT + <usize>p0 * rowT + ((<usize>(o0 + i)) << 2),
          o0 + i < og ? load<f32>(r + <usize>i * rowB + ((<usize>p0) << 2)) : 0,
        );
  }
  {
    let p = 0;
    for (let j = 0; j < nc; j++)
      for (let oy = 0; oy < gOH; oy++)
        for (let ox = 0; ox < gOW; ox++, p++)
          store<i32>(pTab + ((<usize>p) << 2), (j * gC * plane + oy * gSH * gW + ox * gSW) << 2);
    tapOffsets(tTab, cg, 4);
  }
  for (let o0 = 0; o0 < og; o0 += 16) {
    const nv = min(4, (ogPad - o0) >> 2);
    for (let k = 0; k < K; k += 2) {
      const two = k + 1 < K;
      const t0 = <usize>load<i32>(tTab + ((<usize>k) << 2));
      const t1 = two ? <usize>load<i32>(tTab + ((<usize>(k + 1)) << 2)) : t0;
      for (let pc = 0; pc < LL; pc += GEMM_KC) {
        const pe = min(LL, pc + GEMM_KC);
        let a0 = f32x4.splat(0);
        let a1 = f32x4.splat(0);
        let a2 = f32x4.splat(0);
        let a3 = f32x4.splat(0);
        let b0 = f32x4.splat(0);
        let b1 = f32x4.splat(0);
        let b2 = f32x4.splat(0);
        let b3 = f32x4.splat(0);
        let gp = GT + <usize>pc * rowT + ((<usize>o0) << 2);
        for (let p = pc; p < pe; p++, gp += rowT) {
          const xb = xg + <usize>load<i32>(pTab + ((<usize>p) << 2));
          const s0 = v128.load32_splat(xb + t0);
          const s1 = v128.load32_splat(xb + t1);
          const g0 = v128.load(gp);
          const g1 = v128.load(gp, 16);
          const g2 = v128.load(gp, 32);
          const g3 = v128.load(gp, 48);
          a0 = madd(s0, g0, a0);
          a1 = madd(s0, g1, a1);
          a2 = madd(s0, g2, a2);
          a3 = madd(s0, g3, a3);
          b0 = madd(s1, g0, b0);
          b1 = madd(s1, g1, b1);
          b2 = madd(s1, g2, b2);
          b3 = madd(s1, g3, b3);
        }
        addLanes(gw, o0, og, K, k, a0, a1, a2, a3, nv);
        if (two) addLanes(gw, o0, og, K, k + 1, b0, b1, b2, b3, nv);
      }
    }
  }
}

/** gw[o, k] += lane o − o0 of (v0 | v1 | v2 | v3) for the channels o0 ≤ o < og of the first `nv` vectors. */
function addLanes(
  gw: usize,
  o0: i32,
  og: i32,
  K: i32,
  k: i32,
  v0: v128,
  v1: v128,
  v2: v128,
  v3: v128,
  nv: i32,
): void {
  for (let v = 0; v < nv; v++) {
    const a = v === 0 ? v0 : v === 1 ? v1 : v === 2 ? v2 : v3;
    for (let i = 0; i < 4; i++) {
      const o = o0 + 4 * v + i;
      if (o >= og) return;
      const q = gw + ((<usize>(o * K + k)) << 2);
      const e =
        i === 0
          ? f32x4.extract_lane(a, 0)
          : i === 1
            ? f32x4.extract_lane(a, 1)
            : i === 2
              ? f32x4.extract_lane(a, 2)
              : f32x4.extract_lane(a, 3);
      store<f32>(q, load<f32>(q) + e);
    }
  }
}

/**
 * Whether gxBatch32 computes a chunk's input gradient: no zero padding, BATCH_MIN_IMAGES or more
 * images, og ≤ GEMM_KC (the GEMM sums each column's og products in one block) and its transposed
 * operands for BATCH_CHUNK images fit the packed-B buffer it borrows.
 */
function gxBatchApplies(K: i32, og: i32, nc: i32): bool {
  const cg = K / (gKH * gKW);
  return (
    nc >= BATCH_MIN_IMAGES &&
    og <= GEMM_KC &&
    directApplies(K) &&
    (og * gOH * gOW + cg * gH * gW) * (BATCH_CHUNK + 4) + gH * gW * (2 * gKH * gKW + 1) + 64 <=
      packSizeB() * 2
  );
}

/**
 * gx += convᵀ(g, W) for one chunk of `nc` images without the column matrix, with the images in the
 * vector lanes: per pass of up to BATCH_CHUNK images, g (`gbuf` [og, nc·L]) and the chunk's gx are
 * transposed to [og·L, images] and [cg·H·W, images]; then for every input position, its taps in
 * (ky, kx) order (tabulated once), and 3 input channels × 12 images at a time, the tap's og
 * products are chained from +0 with the build's multiply-add and added to gx. These are the sums
 * and the order of GEMM + col2im (each column of Wᵀ·g one chain, col2im adding the taps in
 * (channel, ky, kx) order), so the same bits; gx is transposed back.
 */
function gxBatch32(gbuf: usize, w: usize, gxg: usize, og: i32, K: i32, nc: i32, scratch: usize): void {
  const cg = K / (gKH * gKW);
  const L = gOH * gOW;
  const LL = nc * L;
  const plane = gH * gW;
  const E = cg * plane;
  const Np = (min(nc, BATCH_CHUNK) + 3) & ~3;
  const colBytes = (<usize>Np) << 2;
  const gT = scratch;
  const xT = align16(gT + <usize>(og * L) * colBytes);
  // per input position (iy, ix): its taps in (ky, kx) order as pairs (ky·KW + kx, output position l)
  const taps = gKH * gKW;
  const tapTab = align16(xT + <usize>E * colBytes);
  for (let iy = 0; iy < gH; iy++)
    for (let ix = 0; ix < gW; ix++) {
      const at0 = tapTab + ((<usize>((iy * gW + ix) * (2 * taps + 1))) << 2);
      let cnt = 0;
      for (let ky = 0; ky < gKH; ky++) {
        const ty = iy - ky * gDH;
        if (ty < 0 || ty % gSH !== 0 || ty / gSH >= gOH) continue;
        for (let kx = 0; kx < gKW; kx++) {
          const tx = ix - kx * gDW;
          if (tx < 0 || tx % gSW !== 0 || tx / gSW >= gOW) continue;
          store<i32>(at0 + ((<usize>(1 + 2 * cnt)) << 2), ky * gKW + kx);
          store<i32>(at0 + ((<usize>(2 + 2 * cnt)) << 2), (ty / gSH) * gOW + tx / gSW);
          cnt++;
        }
      }
      store<i32>(at0, cnt);
    }
  const imgBytes = (<usize>(gC * plane)) << 2;
  const rowB = (<usize>LL) << 2;
  const zero = f32x4.splat(0);
  const kStride = (<usize>K) << 2;
  for (let jc = 0; jc < nc; jc += BATCH_CHUNK) {
    const nN = min(BATCH_CHUNK, nc - jc);
    const NpC = (nN + 3) & ~3;
    // gT[o·L + l, n] = gbuf[o, (jc + n)·L + l]
    for (let o = 0; o < og; o++) {
      const src = gbuf + <usize>o * rowB + ((<usize>(jc * L)) << 2);
      const dst = gT + <usize>(o * L) * colBytes;
      for (let j0 = 0; j0 < NpC; j0 += 4)
        for (let l0 = 0; l0 < L; l0 += 4) {
          const r = src + ((<usize>(j0 * L + l0)) << 2);
          const step = (<usize>L) << 2;
          storeTransposed(
            dst + <usize>l0 * colBytes + ((<usize>j0) << 2),
            colBytes,
            j0 < nN ? v128.load(r) : zero,
            j0 + 1 < nN ? v128.load(r + step) : zero,
            j0 + 2 < nN ? v128.load(r + 2 * step) : zero,
            j0 + 3 < nN ? v128.load(r + 3 * step) : zero,
            min(4, L - l0),
          );
        }
    }
    // xT[e, n] = gx[jc + n, e] (the group's channels)
    const gxc = gxg + <usize>jc * imgBytes;
    toLanes(gxc, imgBytes, E, nN, xT, colBytes);
    for (let c = 0; c < cg; c += 3) {
      const nch = min(3, cg - c);
      for (let iy = 0; iy < gH; iy++)
        for (let ix = 0; ix < gW; ix++) {
          const e = c * plane + iy * gW + ix;
          const tp = tapTab + ((<usize>((iy * gW + ix) * (2 * taps + 1))) << 2);
          const cnt = load<i32>(tp);
          // each tap's og products chained from +0, then added to gx (in xT) in tap order
          for (let t = 0; t < cnt; t++) {
            const l = load<i32>(tp + ((<usize>(2 + 2 * t)) << 2));
            const w0p = w + ((<usize>(c * taps + load<i32>(tp + ((<usize>(1 + 2 * t)) << 2)))) << 2);
            const wOff = (<usize>taps) << 2;
            const gStep = <usize>L * colBytes;
            let n0 = 0;
            for (; n0 + 12 <= NpC; n0 += 12) {
              const p0 = xT + <usize>e * colBytes + ((<usize>n0) << 2);
              const p1 = p0 + <usize>plane * colBytes;
              const p2 = p1 + <usize>plane * colBytes;
              let gp = gT + <usize>l * colBytes + ((<usize>n0) << 2);
              let wp = w0p;
              {
                let d00 = f32x4.splat(0);
                let d01 = f32x4.splat(0);
                let d02 = f32x4.splat(0);
                let d10 = f32x4.splat(0);
                let d11 = f32x4.splat(0);
                let d12 = f32x4.splat(0);
                let d20 = f32x4.splat(0);
                let d21 = f32x4.splat(0);
                let d22 = f32x4.splat(0);
                for (let o = 0; o < og; o++, gp += gStep, wp += kStride) {
                  const g0 = v128.load(gp);
                  const g1 = v128.load(gp, 16);
                  const g2 = v128.load(gp, 32);
                  let ws = v128.load32_splat(wp);
                  d00 = madd(ws, g0, d00);
                  d01 = madd(ws, g1, d01);
                  d02 = madd(ws, g2, d02);
                  ws = v128.load32_splat(wp + 1 * wOff);
                  d10 = madd(ws, g0, d10);
                  d11 = madd(ws, g1, d11);
                  d12 = madd(ws, g2, d12);
                  ws = v128.load32_splat(wp + 2 * wOff);
                  d20 = madd(ws, g0, d20);
                  d21 = madd(ws, g1, d21);
                  d22 = madd(ws, g2, d22);
                }
                v128.store(p0, f32x4.add(v128.load(p0), d00));
                v128.store(p0, f32x4.add(v128.load(p0, 16), d01), 16);
                v128.store(p0, f32x4.add(v128.load(p0, 32), d02), 32);
                if (nch > 1) {
                  v128.store(p1, f32x4.add(v128.load(p1), d10));
                  v128.store(p1, f32x4.add(v128.load(p1, 16), d11), 16);
                  v128.store(p1, f32x4.add(v128.load(p1, 32), d12), 32);
                }
                if (nch > 2) {
                  v128.store(p2, f32x4.add(v128.load(p2), d20));
                  v128.store(p2, f32x4.add(v128.load(p2, 16), d21), 16);
                  v128.store(p2, f32x4.add(v128.load(p2, 32), d22), 32);
                }
              }
            }
            for (; n0 < NpC; n0 += 4) {
              const p0 = xT + <usize>e * colBytes + ((<usize>n0) << 2);
              const p1 = p0 + <usize>plane * colBytes;
              const p2 = p1 + <usize>plane * colBytes;
              let gp = gT + <usize>l * colBytes + ((<usize>n0) << 2);
              let wp = w0p;
              {
                let d00 = f32x4.splat(0);
                let d10 = f32x4.splat(0);
                let d20 = f32x4.splat(0);
                for (let o = 0; o < og; o++, gp += gStep, wp += kStride) {
                  const g0 = v128.load(gp);
                  let ws = v128.load32_splat(wp);
                  d00 = madd(ws, g0, d00);
                  ws = v128.load32_splat(wp + 1 * wOff);
                  d10 = madd(ws, g0, d10);
                  ws = v128.load32_splat(wp + 2 * wOff);
                  d20 = madd(ws, g0, d20);
                }
                v128.store(p0, f32x4.add(v128.load(p0), d00));
                if (nch > 1) {
                  v128.store(p1, f32x4.add(v128.load(p1), d10));
                }
                if (nch > 2) {
                  v128.store(p2, f32x4.add(v128.load(p2), d20));
                }
              }
            }
          }
        }
    }
    // gx[jc + n, e] = xT[e, n]
    fromLanes(xT, colBytes, E, nN, gxc, imgBytes);
  }
}

/** The most weights per output channel (K) for which `convRows32` runs (below BATCH_MIN_IMAGES images). */
const ROWS_MAX_K: i32 = 16;
/** From this many images convBatch32 runs instead of convRows32 / convDirect32 (fewer leave lanes empty). */
const BATCH_MIN_IMAGES: i32 = 8;
/** Images per pass of convBatch32 (its transposed input and output stay in cache). */
const BATCH_CHUNK: i32 = 128;

/**
 * Whether `convRows32` runs (for fewer than BATCH_MIN_IMAGES images; convBatch32 takes more):
 * directApplies, a column stride of 1 or 2, output rows of at least 4 positions, and K ≤ ROWS_MAX_K
 * (few products per output, where convDirect32's per-tile transposes and its tiles that straddle
 * two images cost more than the products).
 */
function rowsApplies(K: i32): bool {
  return K <= ROWS_MAX_K && gOW >= 4 && (gSW === 1 || gSW === 2) && directApplies(K);
}

/**
 * The float32 forward for few weights per output (K ≤ ROWS_MAX_K), vectorized along output rows:
 * for 4 output channels × 2 groups of 4 consecutive positions of one output row at a time,
 * out[j, o, p] = (Σ_k W[o, k] · x[tap k of p]) + bias[o], each sum from +0 in k order with the
 * same multiply-add as convDirect32 and the GEMM's micro-kernel, so the same bits. Each output
 * vector is stored whole; a row whose length is not a multiple of 4 ends with a group that starts
 * at OW − 4 (its overlap recomputed, same values). Wᵀ is packed [K, 4·⌈og/4⌉] (zeros past og).
 */
function convRows32(x: usize, w: usize, bias: usize, out: usize, work: usize, relu: bool): void {
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  const ogPad = (og + 3) & ~3;
  const wt = work;
  const toff = align16(wt + ((<usize>(K * ogPad)) << 2));
  tapOffsets(toff, cg, 4);
  const stride2 = gSW === 2;
  const rowBytes = (<usize>ogPad) << 2;
  const nVec = (gOW + 3) >> 2;
  for (let gi = 0; gi < gG; gi++) {
    packWeightsT(w, gi, og, K, ogPad, wt);
    for (let ob = 0; ob < og; ob += 4) {
      const nc = min(4, og - ob);
      const b0 = bias === 0 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob)) << 2));
      const b1 = bias === 0 || nc < 2 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob + 1)) << 2));
      const b2 = bias === 0 || nc < 3 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob + 2)) << 2));
      const b3 = bias === 0 || nc < 4 ? <f32>0 : load<f32>(bias + ((<usize>(gi * og + ob + 3)) << 2));
      for (let j = 0; j < gN; j++) {
        const xj = x + ((<usize>(j * gC * plane + gi * cg * plane)) << 2);
        const oj = out + ((<usize>((j * gO + gi * og + ob) * L)) << 2);
        for (let oy = 0; oy < gOH; oy++) {
          const xr = xj + ((<usize>(oy * gSH * gW)) << 2);
          const orow = oj + ((<usize>(oy * gOW)) << 2);
          for (let v = 0; v < nVec; v += 2) {
            // two groups of four positions (the second the first again when only one is left)
            const pA = min(v << 2, gOW - 4);
            const pB = min((v + 1) << 2, gOW - 4);
            const xa = xr + ((<usize>(pA * gSW)) << 2);
            const xb = xr + ((<usize>(pB * gSW)) << 2);
            let a0 = f32x4.splat(0);
            let a1 = f32x4.splat(0);
            let a2 = f32x4.splat(0);
            let a3 = f32x4.splat(0);
            let c0 = f32x4.splat(0);
            let c1 = f32x4.splat(0);
            let c2 = f32x4.splat(0);
            let c3 = f32x4.splat(0);
            let wp = wt + ((<usize>ob) << 2);
            for (let kk = 0; kk < K; kk++, wp += rowBytes) {
              const t = <usize>load<i32>(toff + ((<usize>kk) << 2));
              const va = rowVec(xa + t, stride2);
              const vb = rowVec(xb + t, stride2);
              let ws = v128.load32_splat(wp);
              a0 = madd(ws, va, a0);
              c0 = madd(ws, vb, c0);
              ws = v128.load32_splat(wp, 4);
              a1 = madd(ws, va, a1);
              c1 = madd(ws, vb, c1);
              ws = v128.load32_splat(wp, 8);
              a2 = madd(ws, va, a2);
              c2 = madd(ws, vb, c2);
              ws = v128.load32_splat(wp, 12);
              a3 = madd(ws, va, a3);
              c3 = madd(ws, vb, c3);
            }
            const gap = (<usize>L) << 2;
            const da = orow + ((<usize>pA) << 2);
            const db = orow + ((<usize>pB) << 2);
            v128.store(da, act(f32x4.add(a0, f32x4.splat(b0)), relu));
            v128.store(db, act(f32x4.add(c0, f32x4.splat(b0)), relu));
            if (nc > 1) {
              v128.store(da + gap, act(f32x4.add(a1, f32x4.splat(b1)), relu));
              v128.store(db + gap, act(f32x4.add(c1, f32x4.splat(b1)), relu));
            }
            if (nc > 2) {
              v128.store(da + 2 * gap, act(f32x4.add(a2, f32x4.splat(b2)), relu));
              v128.store(db + 2 * gap, act(f32x4.add(c2, f32x4.splat(b2)), relu));
            }
            if (nc > 3) {
              v128.store(da + 3 * gap, act(f32x4.add(a3, f32x4.splat(b3)), relu));
              v128.store(db + 3 * gap, act(f32x4.add(c3, f32x4.splat(b3)), relu));
            }
          }
        }
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// Few channels: direct loops over output rows (no lowering, no GEMM)
// ------------------------------------------------------------------------------------------

/**
 * Whether the direct few-channel kernels run: at most 4 output channels per group and at most 32
 * weights per output channel (K = C/groups·KH·KW; the GEMM's 4×8 register tiles would then be
 * mostly empty and its packing dominate), unit column stride (output rows are contiguous input
 * rows, read as vectors), no zero padding (every tap inside the image) and at least 32 output
 * positions per image (the scratch the JavaScript side reserves covers the accumulators).
 */
function smallApplies(K: i32, og: i32): bool {
  return (
    og <= 4 &&
    K <= 32 &&
    gSW === 1 &&
    gPT === 0 &&
    gPL === 0 &&
    gOH * gOW >= 32 &&
    (gOH - 1) * gSH + (gKH - 1) * gDH <= gH - 1 &&
    gOW - 1 + (gKW - 1) * gDW <= gW - 1
  );
}

function vsplat<T>(v: T): v128 {
  return sizeof<T>() === 4 ? f32x4.splat(<f32>v) : f64x2.splat(<f64>v);
}
function vadd<T>(a: v128, b: v128): v128 {
  return sizeof<T>() === 4 ? f32x4.add(a, b) : f64x2.add(a, b);
}
function vmul<T>(a: v128, b: v128): v128 {
  return sizeof<T>() === 4 ? f32x4.mul(a, b) : f64x2.mul(a, b);
}
function vrelu<T>(v: v128, relu: bool): v128 {
  if (!relu) return v;
  return sizeof<T>() === 4 ? f32x4.max(v, f32x4.splat(0)) : f64x2.max(v, f64x2.splat(0));
}
/** `g` with the lanes where `m > 0` is false (NaN included) set to +0 (a fused relu's backward). */
function vmask<T>(g: v128, m: v128): v128 {
  return v128.and(g, sizeof<T>() === 4 ? f32x4.gt(m, f32x4.splat(0)) : f64x2.gt(m, f64x2.splat(0)));
}
/** The lanes of v summed in float64, lane 0 first. */
function vsum<T>(v: v128): f64 {
  if (sizeof<T>() === 4)
    return (
      <f64>f32x4.extract_lane(v, 0) +
      <f64>f32x4.extract_lane(v, 1) +
      <f64>f32x4.extract_lane(v, 2) +
      <f64>f32x4.extract_lane(v, 3)
    );
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** The K taps' element offsets into a group's first input channel, as i32 at `tab`. */
function tapTable(tab: usize): void {
  tapOffsets(tab, gC / gG, 1);
}

/**
 * out[n, o, oy, ox] = (Σ_k w[o, k] · x[tap k of (oy, ox)]) + bias[o] (+0 without bias), then
 * max(·, +0) when `relu`: the K products summed from +0 in k order, then the bias added — the
 * GEMM path's sum (K ≤ its KC block) and epilogue, so the same bits. Vectors run along output
 * rows (two at a time); a row's last partial vector is recomputed overlapping the previous one
 * (the same values rewritten). Needs smallApplies().
 */
function convSmallForward<T>(x: usize, w: usize, bias: usize, out: usize, work: usize, relu: bool): void {
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  const V = 16 / sizeof<T>();
  const tab = work;
  tapTable(tab);
  for (let n = 0; n < gN; n++)
    for (let gi = 0; gi < gG; gi++) {
      const xg = at<T>(x, (n * gC + gi * cg) * plane);
      for (let oc = 0; oc < og; oc++) {
        const o = gi * og + oc;
        const wo = at<T>(w, o * K);
        const b: T = bias === 0 ? <T>0 : load<T>(at<T>(bias, o));
        const bv = vsplat<T>(b);
        const orow0 = at<T>(out, (n * gO + o) * L);
        for (let oy = 0; oy < gOH; oy++) {
          const xr = at<T>(xg, oy * gSH * gW);
          const orow = at<T>(orow0, oy * gOW);
          let ox = 0;
          for (; ox + 2 * V <= gOW; ox += 2 * V) {
            let a0 = vsplat<T>(<T>0);
            let a1 = vsplat<T>(<T>0);
            const xp = at<T>(xr, ox);
            for (let k = 0; k < K; k++) {
              const wv = vsplat<T>(load<T>(at<T>(wo, k)));
              const q = at<T>(xp, load<i32>(tab + ((<usize>k) << 2)));
              a0 = vadd<T>(a0, vmul<T>(wv, v128.load(q)));
              a1 = vadd<T>(a1, vmul<T>(wv, v128.load(q, 16)));
            }
            v128.store(at<T>(orow, ox), vrelu<T>(vadd<T>(a0, bv), relu));
            v128.store(at<T>(orow, ox), vrelu<T>(vadd<T>(a1, bv), relu), 16);
          }
          while (ox < gOW) {
            // one vector, the last one overlapping when the row ends mid-vector
            if (gOW >= V) {
              if (ox + V > gOW) ox = gOW - V;
              let a0 = vsplat<T>(<T>0);
              const xp = at<T>(xr, ox);
              for (let k = 0; k < K; k++) {
                const wv = vsplat<T>(load<T>(at<T>(wo, k)));
                a0 = vadd<T>(a0, vmul<T>(wv, v128.load(at<T>(xp, load<i32>(tab + ((<usize>k) << 2))))));
              }
              v128.store(at<T>(orow, ox), vrelu<T>(vadd<T>(a0, bv), relu));
              ox += V;
            } else {
              let a: T = <T>0;
              const xp = at<T>(xr, ox);
              for (let k = 0; k < K; k++)
                a += load<T>(at<T>(wo, k)) * load<T>(at<T>(xp, load<i32>(tab + ((<usize>k) << 2))));
              a += b;
              store<T>(at<T>(orow, ox), relu ? max<T>(a, <T>0) : a);
              ox++;
            }
          }
        }
      }
    }
}

/** g[i] as a vector at element i of the [N, O, L] gradient. */
function gradVec<T>(g: usize, i: i32): v128 {
  return v128.load(at<T>(g, i));
}
function gradAt<T>(g: usize, i: i32): T {
  return load<T>(at<T>(g, i));
}

/** g[i] = mask[i] > 0 ? g[i] : +0 for the `count` elements (in place: g is the arena's copy of dOut). */
function maskInPlace<T>(g: usize, mask: usize, count: i32): void {
  const V = 16 / sizeof<T>();
  let i = 0;
  for (; i + V <= count; i += V)
    v128.store(at<T>(g, i), vmask<T>(v128.load(at<T>(g, i)), v128.load(at<T>(mask, i))));
  for (; i < count; i++)
    store<T>(at<T>(g, i), select<T>(load<T>(at<T>(g, i)), <T>0, load<T>(at<T>(mask, i)) > <T>0));
}

/** All-ones lanes for the first `count` elements of a vector of T, zeros after. */
function laneMask<T>(count: i32): v128 {
  const idx = sizeof<T>() === 4 ? i32x4(0, 1, 2, 3) : i32x4(0, 0, 1, 1);
  return i32x4.lt_s(idx, i32x4.splat(count));
}

/**
 * The gradients of the few-channel convolution (each 0 when not wanted), of g = dOut, masked by
 * `mask > 0` when `mask` is not 0:
 * - gx += Σ_k scatter of (Σ_o w[o, k] · g[o, ·]) — per tap k (in order) the sum over output
 *   channels from +0 in o order, added into gx row by row: the GEMM + col2im path's sums, in its
 *   order, so the same bits (a row's last partial vector updates only its own lanes);
 * - gb[o] += Σ_n (Σ_l g[n, o, l] from 0 in float64), each image's sum added in the bias's dtype:
 *   the bits of the lowering path (four images' sums in flight at a time);
 * - gw[o, k] += Σ_n Σ_{oy, ox} g · x[tap k]: per image and (o, k), the products accumulated in the
 *   vector lanes along output rows (a row's last partial vector contributing +0 past the row),
 *   the lanes summed in float64, the images' sums in float64, rounded once into gw. This order
 *   differs from the GEMM's (blocks of 256 positions), so the bits may differ in the last places.
 * With a mask, g (the arena's copy of dOut) is masked in place first. Reads up to one vector past
 * the ends of g and x (other regions of the arena; those lanes are discarded). Needs
 * smallApplies().
 */
function convSmallBackward<T>(
  g: usize,
  mask: usize,
  x: usize,
  w: usize,
  gx: usize,
  gw: usize,
  gb: usize,
  work: usize,
): void {
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  const V = 16 / sizeof<T>();
  if (mask !== 0) maskInPlace<T>(g, mask, gN * gO * L);
  const tab = work;
  tapTable(tab);
  const tot = align16(tab + ((<usize>K) << 2)); // og·K float64 totals of the weight gradient
  const tail = gOW % V;
  const full = gOW - tail;
  const keep = laneMask<T>(tail);
  const rowStep = gSH * gW;
  for (let gi = 0; gi < gG; gi++) {
    if (gw !== 0) {
      memory.fill(tot, 0, (<usize>(og * K)) << 3);
      for (let n = 0; n < gN; n++) {
        const xg = at<T>(x, (n * gC + gi * cg) * plane);
        for (let oc = 0; oc < og; oc++) {
          const gbase = (n * gO + gi * og + oc) * L;
          // three taps at a time (one load of g for three products; a 3×3 kernel's K is a
          // multiple of 3), each tap's own accumulator
          for (let k0 = 0; k0 < K; k0 += 3) {
            const nk = min(3, K - k0);
            let a0 = vsplat<T>(<T>0);
            let a1 = vsplat<T>(<T>0);
            let a2 = vsplat<T>(<T>0);
            // taps past K repeat tap k0 (their sums are not stored)
            const t0 = load<i32>(tab + ((<usize>k0) << 2));
            const t1 = nk > 1 ? load<i32>(tab + ((<usize>(k0 + 1)) << 2)) : t0;
            const t2 = nk > 2 ? load<i32>(tab + ((<usize>(k0 + 2)) << 2)) : t0;
            let gr = gbase;
            let xr = xg;
            for (let oy = 0; oy < gOH; oy++, gr += gOW, xr = at<T>(xr, rowStep)) {
              const x0 = at<T>(xr, t0);
              const x1 = at<T>(xr, t1);
              const x2 = at<T>(xr, t2);
              let ox = 0;
              for (; ox < full; ox += V) {
                const gv = gradVec<T>(g, gr + ox);
                a0 = vadd<T>(a0, vmul<T>(gv, v128.load(at<T>(x0, ox))));
                a1 = vadd<T>(a1, vmul<T>(gv, v128.load(at<T>(x1, ox))));
                a2 = vadd<T>(a2, vmul<T>(gv, v128.load(at<T>(x2, ox))));
              }
              if (tail !== 0) {
                // the row's last partial vector: +0 from the lanes past the row
                const gv = gradVec<T>(g, gr + ox);
                a0 = vadd<T>(a0, v128.and(vmul<T>(gv, v128.load(at<T>(x0, ox))), keep));
                a1 = vadd<T>(a1, v128.and(vmul<T>(gv, v128.load(at<T>(x1, ox))), keep));
                a2 = vadd<T>(a2, v128.and(vmul<T>(gv, v128.load(at<T>(x2, ox))), keep));
              }
            }
            const tp = tot + ((<usize>(oc * K + k0)) << 3);
            store<f64>(tp, load<f64>(tp) + vsum<T>(a0));
            if (nk > 1) store<f64>(tp + 8, load<f64>(tp + 8) + vsum<T>(a1));
            if (nk > 2) store<f64>(tp + 16, load<f64>(tp + 16) + vsum<T>(a2));
          }
        }
      }
      for (let i = 0; i < og * K; i++) {
        const q = at<T>(gw, gi * og * K + i);
        store<T>(q, <T>(<f64>load<T>(q) + load<f64>(tot + ((<usize>i) << 3))));
      }
    }
    if (gx !== 0) {
      for (let n = 0; n < gN; n++) {
        const xg = at<T>(gx, (n * gC + gi * cg) * plane);
        const g0 = (n * gO + gi * og) * L;
        for (let k = 0; k < K; k++) {
          // the og ≤ 4 weights of tap k, splatted once
          const wk = at<T>(w, gi * og * K + k);
          const w0 = vsplat<T>(load<T>(wk));
          const w1 = og > 1 ? vsplat<T>(load<T>(at<T>(wk, K))) : vsplat<T>(<T>0);
          const w2 = og > 2 ? vsplat<T>(load<T>(at<T>(wk, 2 * K))) : vsplat<T>(<T>0);
          const w3 = og > 3 ? vsplat<T>(load<T>(at<T>(wk, 3 * K))) : vsplat<T>(<T>0);
          let xr = at<T>(xg, load<i32>(tab + ((<usize>k) << 2)));
          let gr = g0;
          for (let oy = 0; oy < gOH; oy++, gr += gOW, xr = at<T>(xr, rowStep)) {
            for (let ox = 0; ox < gOW; ox += V) {
              let d = vadd<T>(vsplat<T>(<T>0), vmul<T>(w0, gradVec<T>(g, gr + ox)));
              if (og > 1) d = vadd<T>(d, vmul<T>(w1, gradVec<T>(g, gr + L + ox)));
              if (og > 2) d = vadd<T>(d, vmul<T>(w2, gradVec<T>(g, gr + 2 * L + ox)));
              if (og > 3) d = vadd<T>(d, vmul<T>(w3, gradVec<T>(g, gr + 3 * L + ox)));
              const q = at<T>(xr, ox);
              const old = v128.load(q);
              // a row's last partial vector: only its own lanes change
              if (ox + V <= gOW) v128.store(q, vadd<T>(old, d));
              else v128.store(q, v128.bitselect(vadd<T>(old, d), old, keep));
            }
          }
        }
      }
    }
    if (gb !== 0)
      for (let oc = 0; oc < og; oc++) {
        const q = at<T>(gb, gi * og + oc);
        let acc = <f64>load<T>(q);
        const step = gO * L;
        let row = (gi * og + oc) * L;
        let n = 0;
        for (; n + 4 <= gN; n += 4, row += 4 * step) {
          let s0: f64 = 0;
          let s1: f64 = 0;
          let s2: f64 = 0;
          let s3: f64 = 0;
          for (let l = 0; l < L; l++) {
            s0 += <f64>gradAt<T>(g, row + l);
            s1 += <f64>gradAt<T>(g, row + step + l);
            s2 += <f64>gradAt<T>(g, row + 2 * step + l);
            s3 += <f64>gradAt<T>(g, row + 3 * step + l);
          }
          acc = <f64>(<T>(acc + s0));
          acc = <f64>(<T>(acc + s1));
          acc = <f64>(<T>(acc + s2));
          acc = <f64>(<T>(acc + s3));
        }
        for (; n < gN; n++, row += step) {
          let s: f64 = 0;
          for (let l = 0; l < L; l++) s += <f64>gradAt<T>(g, row + l);
          acc = <f64>(<T>(acc + s));
        }
        store<T>(q, <T>acc);
      }
  }
}

/** out [N, O, OH, OW] = conv(x, w) + bias: per chunk of images and group, im2col → GEMM → scatter. */
function convForward<T>(
  prm: usize,
  x: usize,
  w: usize,
  bias: usize,
  out: usize,
  work: usize,
  ap: usize,
  bp: usize,
  relu: bool,
): void {
  readGeometry(prm);
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  if (smallApplies(K, og)) {
    convSmallForward<T>(x, w, bias, out, work, relu);
    return;
  }
  if (sizeof<T>() === 4 && gN >= BATCH_MIN_IMAGES && directApplies(K)) {
    convBatch32(x, w, bias, out, work, relu);
    return;
  }
  if (sizeof<T>() === 4 && rowsApplies(K)) {
    convRows32(x, w, bias, out, work, relu);
    return;
  }
  if (sizeof<T>() === 4 && directApplies(K)) {
    convDirect32(x, w, bias, out, work, relu);
    return;
  }
  const cols = work;
  const tmp = align16(at<T>(cols, K * gChunk * L));
  for (let n0 = 0; n0 < gN; n0 += gChunk) {
    const nc = min(gChunk, gN - n0);
    const LL = nc * L;
    for (let gi = 0; gi < gG; gi++) {
      im2col<T>(at<T>(x, (n0 * gC + gi * cg) * plane), cols, LL, cg, nc, gC * plane, L);
      gemm<T>(og, LL, K, at<T>(w, gi * og * K), K, 1, cols, LL, 1, tmp, LL, 0, ap, bp);
      scatter<T>(tmp, out, n0, nc, gO, gi * og, og, L, bias, relu);
    }
  }
}

/**
 * All gradients of one convolution in one pass over the chunks (each 0 when not wanted), of
 * dOut masked by `mask > 0` when `mask` is not 0 (a fused relu's backward):
 * gw += Σ dOut_g · colsᵀ, gx += col2im(W_gᵀ · dOut_g), gb[o] += Σ_n Σ_l dOut[n, o, l] — the
 * gathered dOut shared by the three, the column buffer reused for dcols after the weight GEMM.
 * Chunks as the weight gradient's (CONV_WEIGHT_CHUNK_ELEMENTS), every sum in the order of the
 * separate kernels, so the same bits.
 */
function convBackward<T>(
  prm: usize,
  gOut: usize,
  mask: usize,
  x: usize,
  w: usize,
  gx: usize,
  gw: usize,
  gb: usize,
  work: usize,
  ap: usize,
  bp: usize,
): void {
  readGeometry(prm);
  const cg = gC / gG;
  const og = gO / gG;
  const K = cg * gKH * gKW;
  const L = gOH * gOW;
  const plane = gH * gW;
  if (smallApplies(K, og)) {
    convSmallBackward<T>(gOut, mask, x, w, gx, gw, gb, work);
    return;
  }
  const cols = work;
  const gbuf = align16(at<T>(cols, K * gChunk * L));
  for (let n0 = 0; n0 < gN; n0 += gChunk) {
    const nc = min(gChunk, gN - n0);
    const LL = nc * L;
    for (let gi = 0; gi < gG; gi++) {
      if (mask !== 0) gatherMasked<T>(gOut, mask, gbuf, n0, nc, gO, gi * og, og, L);
      else gather<T>(gOut, gbuf, n0, nc, gO, gi * og, og, L);
      if (gw !== 0) {
        if (sizeof<T>() === 4 && gwDirectApplies(K, og, LL))
          gwDirect32(gbuf, at<T>(x, (n0 * gC + gi * cg) * plane), at<T>(gw, gi * og * K), og, K, nc, L, bp);
        else {
          im2col<T>(at<T>(x, (n0 * gC + gi * cg) * plane), cols, LL, cg, nc, gC * plane, L);
          gemm<T>(og, K, LL, gbuf, LL, 1, cols, 1, LL, at<T>(gw, gi * og * K), K, 1, ap, bp);
        }
      }
      if (gx !== 0) {
        if (sizeof<T>() === 4 && gxBatchApplies(K, og, nc))
          gxBatch32(gbuf, at<T>(w, gi * og * K), at<T>(gx, (n0 * gC + gi * cg) * plane), og, K, nc, bp);
        else {
          gemm<T>(K, LL, og, at<T>(w, gi * og * K), 1, K, gbuf, LL, 1, cols, LL, 0, ap, bp);
          col2im<T>(cols, LL, at<T>(gx, (n0 * gC + gi * cg) * plane), cg, nc, gC * plane, L);
        }
      }
      if (gb !== 0) {
        // four channels at a time: independent sums in flight, each still in (image, l) order
        let c = 0;
        for (; c + 4 <= og; c += 4) {
          const q = at<T>(gb, gi * og + c);
          let a0 = <f64>load<T>(q);
          let a1 = <f64>load<T>(at<T>(q, 1));
          let a2 = <f64>load<T>(at<T>(q, 2));
          let a3 = <f64>load<T>(at<T>(q, 3));
          for (let j = 0; j < nc; j++) {
            const r0 = at<T>(gbuf, c * LL + j * L);
            const r1 = at<T>(r0, LL);
            const r2 = at<T>(r1, LL);
            const r3 = at<T>(r2, LL);
            let s0: f64 = 0;
            let s1: f64 = 0;
            let s2: f64 = 0;
            let s3: f64 = 0;
            for (let l = 0; l < L; l++) {
              s0 += <f64>load<T>(at<T>(r0, l));
              s1 += <f64>load<T>(at<T>(r1, l));
              s2 += <f64>load<T>(at<T>(r2, l));
              s3 += <f64>load<T>(at<T>(r3, l));
            }
            a0 = <f64>(<T>(a0 + s0));
            a1 = <f64>(<T>(a1 + s1));
            a2 = <f64>(<T>(a2 + s2));
            a3 = <f64>(<T>(a3 + s3));
          }
          store<T>(q, <T>a0);
          store<T>(at<T>(q, 1), <T>a1);
          store<T>(at<T>(q, 2), <T>a2);
          store<T>(at<T>(q, 3), <T>a3);
        }
        for (; c < og; c++) {
          const q = at<T>(gb, gi * og + c);
          let acc = <f64>load<T>(q);
          for (let j = 0; j < nc; j++) {
            const row = at<T>(gbuf, c * LL + j * L);
            let s: f64 = 0;
            for (let l = 0; l < L; l++) s += <f64>load<T>(at<T>(row, l));
            acc = <f64>(<T>(acc + s));
          }
          store<T>(q, <T>acc);
        }
      }
    }
  }
}

export function convForwardF32(
  prm: usize,
  x: usize,
  w: usize,
  bias: usize,
  out: usize,
  work: usize,
  ap: usize,
  bp: usize,
  relu: i32,
): void {
  convForward<f32>(prm, x, w, bias, out, work, ap, bp, relu !== 0);
}
export function convForwardF64(
  prm: usize,
  x: usize,
  w: usize,
  bias: usize,
  out: usize,
  work: usize,
  ap: usize,
  bp: usize,
  relu: i32,
): void {
  convForward<f64>(prm, x, w, bias, out, work, ap, bp, relu !== 0);
}
export function convBackwardF32(
  prm: usize,
  gOut: usize,
  mask: usize,
  x: usize,
  w: usize,
  gx: usize,
  gw: usize,
  gb: usize,
  work: usize,
  ap: usize,
  bp: usize,
): void {
  convBackward<f32>(prm, gOut, mask, x, w, gx, gw, gb, work, ap, bp);
}
export function convBackwardF64(
  prm: usize,
  gOut: usize,
  mask: usize,
  x: usize,
  w: usize,
  gx: usize,
  gw: usize,
  gb: usize,
  work: usize,
  ap: usize,
  bp: usize,
): void {
  convBackward<f64>(prm, gOut, mask, x, w, gx, gw, gb, work, ap, bp);
}
