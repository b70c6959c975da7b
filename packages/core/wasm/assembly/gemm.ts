// The GEMMs of @gradkit/core's WebAssembly SIMD kernels (AssemblyScript, compiled with the other
// topics of this folder by packages/core/scripts/build-wasm.mjs: `asc --enable simd -O3 --runtime
// stub`; the JavaScript side is src/kernels/gemm.ts).
//
// GEMM in the Goto/BLIS structure: for blocks of columns (NC) and of the shared dimension (KC),
// B is packed into panels NR columns wide, then for blocks of rows (MC) A is packed into panels
// MR rows tall; a register-blocked micro-kernel multiplies one A panel by one B panel, keeping the
// MR×NR tile of C in v128 accumulators (f32: 4×8 = 8 × f32x4; f64: 4×4 = 8 × f64x2).
// Operands are addressed by element strides, so one routine serves every layout:
//   A(i, p) = a[i·rsa + p·csa],  B(p, j) = b[p·rsb + j·csb],  C(i, j) = c[i·ldc + j]
// (NN: rsa = k, csa = 1, rsb = n, csb = 1; Bᵀ: rsb = 1, csb = k; Aᵀ: rsa = 1, csa = m).
// C = op(A)·op(B) when `accumulate` is 0, C += op(A)·op(B) otherwise.
// All pointers are byte offsets into linear memory, which the JavaScript side manages
// (operands, C and the two packing buffers, sized `packSizeA/packSizeB` 8-byte slots).
// The same source is built twice: with its own memory (single thread, any browser) and with an
// imported shared memory (worker threads, each running this code on its own block of C) — and that
// pair twice again: plain SIMD, and with relaxed SIMD (`--enable relaxed-simd`, the "FMA build"),
// where gemmF32 runs gemmF32Fma below instead (a 6×8 tile of fused multiply-adds,
// `f32x4.relaxed_madd`). The float64 kernel and every other export are the same code in both.

const MR: i32 = 4;
const NR32: i32 = 8;
const NR64: i32 = 4;
const KC: i32 = 256;
const MC: i32 = 128;
const NC: i32 = 1024;

// The 4×8 f32 (or 4×4 f64) tile for edge tiles, written whole then copied partially into C: 256
// bytes just past the packed A panels in the caller's packing buffer (a global is per instance, so
// each worker thread sharing the memory uses its own buffers; no static data in linear memory).
let TMP: usize = 0;

/** Elements (8-byte slots) the packed-A buffer needs: MC×KC panels plus the edge tile. */
export function packSizeA(): i32 {
  return MC * KC + 32;
}

/** Elements the packed-B buffer needs (same for f32 and f64). */
export function packSizeB(): i32 {
  return KC * NC;
}

/** First byte of linear memory free for the JavaScript-side arena. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

// ------------------------------------------------------------------------------------------
// float32
// ------------------------------------------------------------------------------------------

/**
 * Stores the transpose of the 4×4 float32 block with rows r0..r3 as four vectors at `d`, `d + gap`,
 * `d + 2·gap`, `d + 3·gap` (vector i = column i: [r0[i], r1[i], r2[i], r3[i]]).
 */
function transpose4(d: usize, gap: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(d + gap, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(d + 2 * gap, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(d + 3 * gap, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

function packA32(mc: i32, kc: i32, a: usize, rsa: i32, csa: i32, ap: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const dst = ap + <usize>(ir * kc) * 4;
    if (rows === MR && rsa === 1) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst + <usize>(p * 16), v128.load(a + <usize>(ir + p * csa) * 4));
      }
    } else if (rows === MR) {
      const r0 = a + <usize>(ir * rsa) * 4;
      const r1 = r0 + <usize>rsa * 4;
      const r2 = r1 + <usize>rsa * 4;
      const r3 = r2 + <usize>rsa * 4;
      let p = 0;
      if (csa === 1) {
        // rows contiguous along p (row-major A): 4×4 blocks transposed in registers
        for (; p + 4 <= kc; p += 4) {
          const o = <usize>p * 4;
          transpose4(
            dst + <usize>(p * 16),
            16,
            v128.load(r0 + o),
            v128.load(r1 + o),
            v128.load(r2 + o),
            v128.load(r3 + o),
          );
        }
      }
      for (; p < kc; p++) {
        const o = <usize>(p * csa) * 4;
        const d = dst + <usize>(p * 16);
        store<f32>(d, load<f32>(r0 + o));
        store<f32>(d, load<f32>(r1 + o), 4);
        store<f32>(d, load<f32>(r2 + o), 8);
        store<f32>(d, load<f32>(r3 + o), 12);
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + <usize>(p * 16);
        for (let r = 0; r < MR; r++) {
          store<f32>(d + <usize>(r * 4), r < rows ? load<f32>(a + <usize>((ir + r) * rsa + p * csa) * 4) : 0);
        }
      }
    }
  }
}

function packB32(kc: i32, nc: i32, b: usize, rsb: i32, csb: i32, bp: usize): void {
  for (let jr = 0; jr < nc; jr += NR32) {
    const cols = min(NR32, nc - jr);
    const dst = bp + <usize>(jr * kc) * 4;
    if (cols === NR32 && csb === 1) {
      for (let p = 0; p < kc; p++) {
        const s = b + <usize>(p * rsb + jr) * 4;
        const d = dst + <usize>(p * 32);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
    } else {
      let p = 0;
      if (cols === NR32 && rsb === 1) {
        // columns contiguous along p (Bᵀ row-major): two 4×4 blocks per 4 rows, transposed in registers
        const c0 = b + <usize>(jr * csb) * 4;
        const step = <usize>csb * 4;
        for (; p + 4 <= kc; p += 4) {
          const o = <usize>p * 4;
          const d = dst + <usize>(p * 32);
          transpose4(
            d,
            32,
            v128.load(c0 + o),
            v128.load(c0 + step + o),
            v128.load(c0 + 2 * step + o),
            v128.load(c0 + 3 * step + o),
          );
          const c4 = c0 + 4 * step;
          transpose4(
            d + 16,
            32,
            v128.load(c4 + o),
            v128.load(c4 + step + o),
            v128.load(c4 + 2 * step + o),
            v128.load(c4 + 3 * step + o),
          );
        }
      }
      for (; p < kc; p++) {
        const d = dst + <usize>(p * 32);
        for (let j = 0; j < NR32; j++) {
          store<f32>(d + <usize>(j * 4), j < cols ? load<f32>(b + <usize>(p * rsb + (jr + j) * csb) * 4) : 0);
        }
      }
    }
  }
}

function micro32(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, rows: i32, cols: i32, beta: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  let p = 0;
  for (; p + 1 < kc; p += 2) {
    let b0 = v128.load(bp);
    let b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    b0 = v128.load(bp, 32);
    b1 = v128.load(bp, 48);
    a = v128.load32_splat(ap, 16);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 20);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 24);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 28);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 32;
    bp += 64;
  }
  if (p < kc) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
  }
  const ld = <usize>ldc * 4;
  if (rows === MR && cols === NR32) {
    let r = c;
    if (beta) {
      v128.store(r, f32x4.add(v128.load(r), c00));
      v128.store(r, f32x4.add(v128.load(r, 16), c01), 16);
      r += ld;
      v128.store(r, f32x4.add(v128.load(r), c10));
      v128.store(r, f32x4.add(v128.load(r, 16), c11), 16);
      r += ld;
      v128.store(r, f32x4.add(v128.load(r), c20));
      v128.store(r, f32x4.add(v128.load(r, 16), c21), 16);
      r += ld;
      v128.store(r, f32x4.add(v128.load(r), c30));
      v128.store(r, f32x4.add(v128.load(r, 16), c31), 16);
    } else {
      v128.store(r, c00);
      v128.store(r, c01, 16);
      r += ld;
      v128.store(r, c10);
      v128.store(r, c11, 16);
      r += ld;
      v128.store(r, c20);
      v128.store(r, c21, 16);
      r += ld;
      v128.store(r, c30);
      v128.store(r, c31, 16);
    }
    return;
  }
  v128.store(TMP, c00);
  v128.store(TMP, c01, 16);
  v128.store(TMP, c10, 32);
  v128.store(TMP, c11, 48);
  v128.store(TMP, c20, 64);
  v128.store(TMP, c21, 80);
  v128.store(TMP, c30, 96);
  v128.store(TMP, c31, 112);
  if (cols === NR32) {
    // bottom edge (rows < MR), full width: whole vectors per row
    for (let i = 0; i < rows; i++) {
      const r = c + <usize>i * ld;
      const t = TMP + <usize>(i * 32);
      if (beta) {
        v128.store(r, f32x4.add(v128.load(r), v128.load(t)));
        v128.store(r, f32x4.add(v128.load(r, 16), v128.load(t, 16)), 16);
      } else {
        v128.store(r, v128.load(t));
        v128.store(r, v128.load(t, 16), 16);
      }
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    const r = c + <usize>i * ld;
    for (let j = 0; j < cols; j++) {
      const v = load<f32>(TMP + <usize>(i * 32 + j * 4));
      const q = r + <usize>(j * 4);
      store<f32>(q, beta ? load<f32>(q) + v : v);
    }
  }
}

/**
 * micro32 for a right-edge panel of at most 4 columns (e.g. a 10-wide output: 8 + 2): only the
 * first f32x4 of each packed B row is used, half the arithmetic of the full 4×8 tile, each entry
 * of C summed in the same order (same bits).
 */
function micro32n4(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  beta: bool,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(ap), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(ap, 4), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(ap, 8), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(ap, 12), b0));
    ap += 16;
    bp += 32;
  }
  v128.store(TMP, c0);
  v128.store(TMP, c1, 32);
  v128.store(TMP, c2, 64);
  v128.store(TMP, c3, 96);
  const ld = <usize>ldc * 4;
  for (let i = 0; i < rows; i++) {
    const r = c + <usize>i * ld;
    for (let j = 0; j < cols; j++) {
      const v = load<f32>(TMP + <usize>(i * 32 + j * 4));
      const q = r + <usize>(j * 4);
      store<f32>(q, beta ? load<f32>(q) + v : v);
    }
  }
}

/**
 * C[m, n] (=|+=) op(A)[m, k] · op(B)[k, n] in float32, operands addressed by element strides
 * (see the file header). `ap`/`bp`: packing buffers of packSizeA()/packSizeB() 8-byte slots.
 * In the relaxed-SIMD build this is gemmF32Fma (fused multiply-adds: different last bits).
 */
export function gemmF32(
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
  TMP = ap + <usize>(MC * KC) * 8;
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (accumulate === 0) for (let i = 0; i < m; i++) memory.fill(c + <usize>(i * ldc) * 4, 0, <usize>n * 4);
    return;
  }
  if (ASC_FEATURE_RELAXED_SIMD) {
    // compile-time constant: the plain-SIMD build never contains the FMA kernel, and vice versa
    gemmF32Fma(m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, accumulate, ap, bp);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const beta = accumulate !== 0 || pc > 0;
      packB32(kc, nc, b + <usize>(pc * rsb + jc * csb) * 4, rsb, csb, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA32(mc, kc, a + <usize>(ic * rsa + pc * csa) * 4, rsa, csa, ap);
        for (let jr = 0; jr < nc; jr += NR32) {
          const cols = min(NR32, nc - jr);
          const bpp = bp + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            if (cols <= 4)
              micro32n4(
                kc,
                ap + <usize>(ir * kc) * 4,
                bpp,
                c + <usize>((ic + ir) * ldc + jc + jr) * 4,
                ldc,
                min(MR, mc - ir),
                cols,
                beta,
              );
            else
              micro32(
                kc,
                ap + <usize>(ir * kc) * 4,
                bpp,
                c + <usize>((ic + ir) * ldc + jc + jr) * 4,
                ldc,
                min(MR, mc - ir),
                cols,
                beta,
              );
          }
        }
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// float32 products with few rows: no packing
// ------------------------------------------------------------------------------------------

/**
 * C[m, n] = A[m, k] · B[n, k]ᵀ in float32 with A, B and C row-major and contiguous, for few rows
 * m: dot products without packing, four rows of B at a time (four independent f32x4 chains, then
 * a 4×4 transpose-add that stores the four results as one vector), each row of B read once for all
 * m rows of A — the product of an LM head or a layer at inference, where packing B (what gemmF32
 * does first) costs more than the product. Each C(i, j) is four partial sums (lane q sums the
 * products p ≡ q mod 4 in order), added as (s0 + s2) + (s1 + s3), then the k mod 4 tail products
 * in order: another order than gemmF32's, so other last bits. Plain SIMD in both builds (the same
 * bits with and without relaxed SIMD).
 */
export function gemvNTF32(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  const row = (<usize>k) << 2;
  const k4 = k & ~3;
  const n4 = n & ~3;
  for (let j = 0; j < n; j += 4) {
    const lanes = min(4, n - j);
    const b0 = b + <usize>j * row;
    // rows past n (the last block) read row 0 of the block again; their results are not stored
    const b1 = lanes > 1 ? b0 + row : b0;
    const b2 = lanes > 2 ? b0 + 2 * row : b0;
    const b3 = lanes > 3 ? b0 + 3 * row : b0;
    for (let i = 0; i < m; i++) {
      const ai = a + <usize>i * row;
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      for (let p = 0; p < k4; p += 4) {
        const o = (<usize>p) << 2;
        const x = v128.load(ai + o);
        s0 = f32x4.add(s0, f32x4.mul(x, v128.load(b0 + o)));
        s1 = f32x4.add(s1, f32x4.mul(x, v128.load(b1 + o)));
        s2 = f32x4.add(s2, f32x4.mul(x, v128.load(b2 + o)));
        s3 = f32x4.add(s3, f32x4.mul(x, v128.load(b3 + o)));
      }
      // [s0, s1, s2, s3] → [Σs0, Σs1, Σs2, Σs3], each as (lane 0 + lane 2) + (lane 1 + lane 3)
      const t01 = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7));
      const t23 = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
      let r = f32x4.add(v128.shuffle<f32>(t01, t23, 0, 1, 4, 5), v128.shuffle<f32>(t01, t23, 2, 3, 6, 7));
      if (k4 < k) {
        let e0: f32 = f32x4.extract_lane(r, 0);
        let e1: f32 = f32x4.extract_lane(r, 1);
        let e2: f32 = f32x4.extract_lane(r, 2);
        let e3: f32 = f32x4.extract_lane(r, 3);
        for (let p = k4; p < k; p++) {
          const o = (<usize>p) << 2;
          const x = load<f32>(ai + o);
          e0 += x * load<f32>(b0 + o);
          e1 += x * load<f32>(b1 + o);
          e2 += x * load<f32>(b2 + o);
          e3 += x * load<f32>(b3 + o);
        }
        r = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(e0), 1, e1), 2, e2), 3, e3);
      }
      const ci = c + ((<usize>i * <usize>n + <usize>j) << 2);
      if (j < n4) v128.store(ci, r);
      else {
        store<f32>(ci, f32x4.extract_lane(r, 0));
        if (lanes > 1) store<f32>(ci, f32x4.extract_lane(r, 1), 4);
        if (lanes > 2) store<f32>(ci, f32x4.extract_lane(r, 2), 8);
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// float32 with relaxed SIMD (the FMA build: `--enable relaxed-simd`)
// ------------------------------------------------------------------------------------------
//
// The same Goto/BLIS loops with a 6×8 micro-tile: twelve f32x4 accumulators, two B vectors and
// one broadcast A value — 15 of x86-64's 16 xmm registers — updated by `f32x4.relaxed_madd`,
// which V8 lowers to one `vfmadd231ps` where the CPU has FMA3 (a·b + c rounded once) and to a
// multiply then an add where it has not (rounded twice: relaxed SIMD lets the engine choose, so
// results are deterministic for a given engine and CPU, not across them). Twelve independent
// accumulator chains cover the FMA latency of two pipes; 4×8 with FMA (eight chains) measured
// slower than the plain kernel, and unrolling the p loop by two made V8 spill. Each C(i, j) is
// the chain acc = fma(A(i, p), B(p, j), acc) from 0 over p within a KC block, then C += acc (C =
// acc for the first block without `accumulate`): the order of the plain kernel, with one rounding
// per multiply-add instead of two, so the last bits differ from it. Panel B is packB32's (8
// columns); panels of A are 6 rows (the tail zero-padded), MCF rows per block (192 × KC floats
// fit the packSizeA() buffer); the edge tile is TMP, as for micro32.

/** Rows of the FMA micro-tile. */
const MRF: i32 = 6;
/** Rows of A packed per block in the FMA kernel (a multiple of MRF). */
const MCF: i32 = 192;

/** packA32 for MRF = 6-row panels: each p holds the panel's 6 A values, 24 bytes. */
function packA32x6(mc: i32, kc: i32, a: usize, rsa: i32, csa: i32, ap: usize): void {
  for (let ir = 0; ir < mc; ir += MRF) {
    const rows = min(MRF, mc - ir);
    const dst = ap + <usize>(ir * kc) * 4;
    if (rows === MRF && rsa === 1) {
      for (let p = 0; p < kc; p++) {
        const s = a + <usize>(ir + p * csa) * 4;
        const d = dst + <usize>(p * 24);
        v128.store(d, v128.load(s));
        store<u64>(d, load<u64>(s, 16), 16);
      }
    } else if (rows === MRF) {
      const r0 = a + <usize>(ir * rsa) * 4;
      const step = <usize>rsa * 4;
      const r4 = r0 + 4 * step;
      const r5 = r4 + step;
      let p = 0;
      if (csa === 1) {
        // rows contiguous along p: rows 0-3 transposed in registers, rows 4 and 5 by element
        for (; p + 4 <= kc; p += 4) {
          const o = <usize>p * 4;
          const d = dst + <usize>(p * 24);
          transpose4(
            d,
            24,
            v128.load(r0 + o),
            v128.load(r0 + step + o),
            v128.load(r0 + 2 * step + o),
            v128.load(r0 + 3 * step + o),
          );
          store<f32>(d, load<f32>(r4 + o), 16);
          store<f32>(d, load<f32>(r5 + o), 20);
          store<f32>(d, load<f32>(r4 + o, 4), 40);
          store<f32>(d, load<f32>(r5 + o, 4), 44);
          store<f32>(d, load<f32>(r4 + o, 8), 64);
          store<f32>(d, load<f32>(r5 + o, 8), 68);
          store<f32>(d, load<f32>(r4 + o, 12), 88);
          store<f32>(d, load<f32>(r5 + o, 12), 92);
        }
      }
      for (; p < kc; p++) {
        const o = <usize>(p * csa) * 4;
        const d = dst + <usize>(p * 24);
        store<f32>(d, load<f32>(r0 + o));
        store<f32>(d, load<f32>(r0 + step + o), 4);
        store<f32>(d, load<f32>(r0 + 2 * step + o), 8);
        store<f32>(d, load<f32>(r0 + 3 * step + o), 12);
        store<f32>(d, load<f32>(r4 + o), 16);
        store<f32>(d, load<f32>(r5 + o), 20);
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + <usize>(p * 24);
        for (let r = 0; r < MRF; r++) {
          store<f32>(d + <usize>(r * 4), r < rows ? load<f32>(a + <usize>((ir + r) * rsa + p * csa) * 4) : 0);
        }
      }
    }
  }
}

/** Adds (beta) or stores the `rows`×`cols` corner of the tile at TMP (rows 32 bytes apart) into C. */
function storeEdge32(c: usize, ldc: i32, rows: i32, cols: i32, beta: bool): void {
  const ld = <usize>ldc * 4;
  for (let i = 0; i < rows; i++) {
    const r = c + <usize>i * ld;
    const t = TMP + <usize>(i * 32);
    if (cols === NR32) {
      if (beta) {
        v128.store(r, f32x4.add(v128.load(r), v128.load(t)));
        v128.store(r, f32x4.add(v128.load(r, 16), v128.load(t, 16)), 16);
      } else {
        v128.store(r, v128.load(t));
        v128.store(r, v128.load(t, 16), 16);
      }
    } else {
      for (let j = 0; j < cols; j++) {
        const v = load<f32>(t + <usize>(j * 4));
        const q = r + <usize>(j * 4);
        store<f32>(q, beta ? load<f32>(q) + v : v);
      }
    }
  }
}

/** Stores (or adds, `beta`) one 8-float row of a full tile. */
function put2(r: usize, x0: v128, x1: v128, beta: bool): void {
  if (beta) {
    v128.store(r, f32x4.add(v128.load(r), x0));
    v128.store(r, f32x4.add(v128.load(r, 16), x1), 16);
  } else {
    v128.store(r, x0);
    v128.store(r, x1, 16);
  }
}

/** The 6×8 FMA micro-kernel: C tile (=|+=) A panel · B panel over `kc`. */
function micro32x6(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  beta: bool,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0);
  let c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0);
  let c51 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.relaxed_madd(a, b0, c00);
    c01 = f32x4.relaxed_madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.relaxed_madd(a, b0, c10);
    c11 = f32x4.relaxed_madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.relaxed_madd(a, b0, c20);
    c21 = f32x4.relaxed_madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.relaxed_madd(a, b0, c30);
    c31 = f32x4.relaxed_madd(a, b1, c31);
    a = v128.load32_splat(ap, 16);
    c40 = f32x4.relaxed_madd(a, b0, c40);
    c41 = f32x4.relaxed_madd(a, b1, c41);
    a = v128.load32_splat(ap, 20);
    c50 = f32x4.relaxed_madd(a, b0, c50);
    c51 = f32x4.relaxed_madd(a, b1, c51);
    ap += 24;
    bp += 32;
  }
  if (rows === MRF && cols === NR32) {
    const ld = <usize>ldc * 4;
    put2(c, c00, c01, beta);
    put2(c + ld, c10, c11, beta);
    put2(c + 2 * ld, c20, c21, beta);
    put2(c + 3 * ld, c30, c31, beta);
    put2(c + 4 * ld, c40, c41, beta);
    put2(c + 5 * ld, c50, c51, beta);
    return;
  }
  v128.store(TMP, c00);
  v128.store(TMP, c01, 16);
  v128.store(TMP, c10, 32);
  v128.store(TMP, c11, 48);
  v128.store(TMP, c20, 64);
  v128.store(TMP, c21, 80);
  v128.store(TMP, c30, 96);
  v128.store(TMP, c31, 112);
  v128.store(TMP, c40, 128);
  v128.store(TMP, c41, 144);
  v128.store(TMP, c50, 160);
  v128.store(TMP, c51, 176);
  storeEdge32(c, ldc, rows, cols, beta);
}

/**
 * micro32x6 for a right-edge panel of at most 4 columns: only the first f32x4 of each packed B
 * row; each entry of C is the same chain of fused multiply-adds (same bits).
 */
function micro32x6n4(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  beta: bool,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  let c4 = f32x4.splat(0);
  let c5 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    c0 = f32x4.relaxed_madd(v128.load32_splat(ap), b0, c0);
    c1 = f32x4.relaxed_madd(v128.load32_splat(ap, 4), b0, c1);
    c2 = f32x4.relaxed_madd(v128.load32_splat(ap, 8), b0, c2);
    c3 = f32x4.relaxed_madd(v128.load32_splat(ap, 12), b0, c3);
    c4 = f32x4.relaxed_madd(v128.load32_splat(ap, 16), b0, c4);
    c5 = f32x4.relaxed_madd(v128.load32_splat(ap, 20), b0, c5);
    ap += 24;
    bp += 32;
  }
  v128.store(TMP, c0);
  v128.store(TMP, c1, 32);
  v128.store(TMP, c2, 64);
  v128.store(TMP, c3, 96);
  v128.store(TMP, c4, 128);
  v128.store(TMP, c5, 160);
  storeEdge32(c, ldc, rows, cols, beta);
}

/** gemmF32 of the relaxed-SIMD build (see the section comment). */
function gemmF32Fma(
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
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const beta = accumulate !== 0 || pc > 0;
      packB32(kc, nc, b + <usize>(pc * rsb + jc * csb) * 4, rsb, csb, bp);
      for (let ic = 0; ic < m; ic += MCF) {
        const mc = min(MCF, m - ic);
        packA32x6(mc, kc, a + <usize>(ic * rsa + pc * csa) * 4, rsa, csa, ap);
        for (let jr = 0; jr < nc; jr += NR32) {
          const cols = min(NR32, nc - jr);
          const bpp = bp + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MRF) {
            const cc = c + <usize>((ic + ir) * ldc + jc + jr) * 4;
            const rows = min(MRF, mc - ir);
            if (cols <= 4) micro32x6n4(kc, ap + <usize>(ir * kc) * 4, bpp, cc, ldc, rows, cols, beta);
            else micro32x6(kc, ap + <usize>(ir * kc) * 4, bpp, cc, ldc, rows, cols, beta);
          }
        }
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// float64
// ------------------------------------------------------------------------------------------

function packA64(mc: i32, kc: i32, a: usize, rsa: i32, csa: i32, ap: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const dst = ap + <usize>(ir * kc) * 8;
    if (rows === MR && rsa === 1) {
      for (let p = 0; p < kc; p++) {
        const s = a + <usize>(ir + p * csa) * 8;
        const d = dst + <usize>(p * 32);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
    } else if (rows === MR) {
      const r0 = a + <usize>(ir * rsa) * 8;
      const r1 = r0 + <usize>rsa * 8;
      const r2 = r1 + <usize>rsa * 8;
      const r3 = r2 + <usize>rsa * 8;
      for (let p = 0; p < kc; p++) {
        const o = <usize>(p * csa) * 8;
        const d = dst + <usize>(p * 32);
        store<f64>(d, load<f64>(r0 + o));
        store<f64>(d, load<f64>(r1 + o), 8);
        store<f64>(d, load<f64>(r2 + o), 16);
        store<f64>(d, load<f64>(r3 + o), 24);
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + <usize>(p * 32);
        for (let r = 0; r < MR; r++) {
          store<f64>(d + <usize>(r * 8), r < rows ? load<f64>(a + <usize>((ir + r) * rsa + p * csa) * 8) : 0);
        }
      }
    }
  }
}

function packB64(kc: i32, nc: i32, b: usize, rsb: i32, csb: i32, bp: usize): void {
  for (let jr = 0; jr < nc; jr += NR64) {
    const cols = min(NR64, nc - jr);
    const dst = bp + <usize>(jr * kc) * 8;
    if (cols === NR64 && csb === 1) {
      for (let p = 0; p < kc; p++) {
        const s = b + <usize>(p * rsb + jr) * 8;
        const d = dst + <usize>(p * 32);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + <usize>(p * 32);
        for (let j = 0; j < NR64; j++) {
          store<f64>(d + <usize>(j * 8), j < cols ? load<f64>(b + <usize>(p * rsb + (jr + j) * csb) * 8) : 0);
        }
      }
    }
  }
}

function micro64(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, rows: i32, cols: i32, beta: bool): void {
  let c00 = f64x2.splat(0);
  let c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0);
  let c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0);
  let c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0);
  let c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load64_splat(ap);
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
    ap += 32;
    bp += 32;
  }
  const ld = <usize>ldc * 8;
  if (rows === MR && cols === NR64) {
    let r = c;
    if (beta) {
      v128.store(r, f64x2.add(v128.load(r), c00));
      v128.store(r, f64x2.add(v128.load(r, 16), c01), 16);
      r += ld;
      v128.store(r, f64x2.add(v128.load(r), c10));
      v128.store(r, f64x2.add(v128.load(r, 16), c11), 16);
      r += ld;
      v128.store(r, f64x2.add(v128.load(r), c20));
      v128.store(r, f64x2.add(v128.load(r, 16), c21), 16);
      r += ld;
      v128.store(r, f64x2.add(v128.load(r), c30));
      v128.store(r, f64x2.add(v128.load(r, 16), c31), 16);
    } else {
      v128.store(r, c00);
      v128.store(r, c01, 16);
      r += ld;
      v128.store(r, c10);
      v128.store(r, c11, 16);
      r += ld;
      v128.store(r, c20);
      v128.store(r, c21, 16);
      r += ld;
      v128.store(r, c30);
      v128.store(r, c31, 16);
    }
    return;
  }
  v128.store(TMP, c00);
  v128.store(TMP, c01, 16);
  v128.store(TMP, c10, 32);
  v128.store(TMP, c11, 48);
  v128.store(TMP, c20, 64);
  v128.store(TMP, c21, 80);
  v128.store(TMP, c30, 96);
  v128.store(TMP, c31, 112);
  if (cols === NR64) {
    // bottom edge (rows < MR), full width: whole vectors per row
    for (let i = 0; i < rows; i++) {
      const r = c + <usize>i * ld;
      const t = TMP + <usize>(i * 32);
      if (beta) {
        v128.store(r, f64x2.add(v128.load(r), v128.load(t)));
        v128.store(r, f64x2.add(v128.load(r, 16), v128.load(t, 16)), 16);
      } else {
        v128.store(r, v128.load(t));
        v128.store(r, v128.load(t, 16), 16);
      }
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    const r = c + <usize>i * ld;
    for (let j = 0; j < cols; j++) {
      const v = load<f64>(TMP + <usize>(i * 32 + j * 8));
      const q = r + <usize>(j * 8);
      store<f64>(q, beta ? load<f64>(q) + v : v);
    }
  }
}

/** float64 twin of gemmF32 (micro-kernel 4×4 in eight f64x2 accumulators). */
export function gemmF64(
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
  TMP = ap + <usize>(MC * KC) * 8;
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (accumulate === 0) for (let i = 0; i < m; i++) memory.fill(c + <usize>(i * ldc) * 8, 0, <usize>n * 8);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const beta = accumulate !== 0 || pc > 0;
      packB64(kc, nc, b + <usize>(pc * rsb + jc * csb) * 8, rsb, csb, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA64(mc, kc, a + <usize>(ic * rsa + pc * csa) * 8, rsa, csa, ap);
        for (let jr = 0; jr < nc; jr += NR64) {
          const cols = min(NR64, nc - jr);
          const bpp = bp + <usize>(jr * kc) * 8;
          for (let ir = 0; ir < mc; ir += MR) {
            micro64(
              kc,
              ap + <usize>(ir * kc) * 8,
              bpp,
              c + <usize>((ic + ir) * ldc + jc + jr) * 8,
              ldc,
              min(MR, mc - ir),
              cols,
              beta,
            );
          }
        }
      }
    }
  }
}
