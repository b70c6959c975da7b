/**
 * The JavaScript reference GEMM kernels (the `'js'` backend): C (m×n) += op(A) op(B) on raw
 * typed arrays at element offsets, one function per operand layout (`A B`, `A Bᵀ`, `Aᵀ B`) and
 * per float dtype (each JIT-compiles monomorphic over its typed array).
 *
 * The `A B` kernel is the cache-friendly i-k-j order over contiguous rows of B and C,
 * register-blocked as 2 rows of C × 4 rows of B (each loaded element of B feeds 8 multiply-adds,
 * each load/store of C carries 4), and blocked over k so the rows of B in use stay in cache. No
 * allocation inside the loops.
 */

const KB = 128; // rows of B per k-block: the block of B in use stays in cache across rows of C

/**
 * C[m,n] += A[m,k] B[k,n] (float64): i-k-j order over contiguous rows, register-blocked as 2 rows
 * of C × 4 rows of B (each B element loaded once feeds 8 multiply-adds), blocked over k.
 */
export function mmNN64(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let k0 = 0; k0 < k; k0 += KB) {
    const k1 = Math.min(k, k0 + KB);
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const c0 = co + i * n;
      const c1 = c0 + n;
      const r0 = ao + i * k;
      const r1 = r0 + k;
      let p = k0;
      for (; p + 3 < k1; p += 4) {
        const x0 = a[r0 + p]!;
        const x1 = a[r0 + p + 1]!;
        const x2 = a[r0 + p + 2]!;
        const x3 = a[r0 + p + 3]!;
        const y0 = a[r1 + p]!;
        const y1 = a[r1 + p + 1]!;
        const y2 = a[r1 + p + 2]!;
        const y3 = a[r1 + p + 3]!;
        const b0 = bo + p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          const q0 = b[b0 + j]!;
          const q1 = b[b1 + j]!;
          const q2 = b[b2 + j]!;
          const q3 = b[b3 + j]!;
          c[c0 + j] = c[c0 + j]! + x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
          c[c1 + j] = c[c1 + j]! + y0 * q0 + y1 * q1 + y2 * q2 + y3 * q3;
        }
      }
      for (; p < k1; p++) {
        const x = a[r0 + p]!;
        const y = a[r1 + p]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) {
          const q = b[b0 + j]!;
          c[c0 + j] = c[c0 + j]! + x * q;
          c[c1 + j] = c[c1 + j]! + y * q;
        }
      }
    }
    for (; i < m; i++) {
      const ci = co + i * n;
      const ai = ao + i * k;
      for (let p = k0; p < k1; p++) {
        const av = a[ai + p]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[b0 + j]!;
      }
    }
  }
}

/**
 * C[m,n] += A[m,k] B[n,k]ᵀ (float64): dot products of contiguous rows, 2 rows of A × 4 rows of B
 * per pass (8 running sums).
 */
export function mmNT64(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  m: number,
  k: number,
  n: number,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const r0 = ao + i * k;
    const r1 = r0 + k;
    const c0 = co + i * n;
    const c1 = c0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bo + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[r0 + p]!;
        const y = a[r1 + p]!;
        const q0 = b[b0 + p]!;
        const q1 = b[b1 + p]!;
        const q2 = b[b2 + p]!;
        const q3 = b[b3 + p]!;
        s0 += x * q0;
        s1 += x * q1;
        s2 += x * q2;
        s3 += x * q3;
        t0 += y * q0;
        t1 += y * q1;
        t2 += y * q2;
        t3 += y * q3;
      }
      c[c0 + j] = c[c0 + j]! + s0;
      c[c0 + j + 1] = c[c0 + j + 1]! + s1;
      c[c0 + j + 2] = c[c0 + j + 2]! + s2;
      c[c0 + j + 3] = c[c0 + j + 3]! + s3;
      c[c1 + j] = c[c1 + j]! + t0;
      c[c1 + j + 1] = c[c1 + j + 1]! + t1;
      c[c1 + j + 2] = c[c1 + j + 2]! + t2;
      c[c1 + j + 3] = c[c1 + j + 3]! + t3;
    }
    for (; j < n; j++) {
      const b0 = bo + j * k;
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        s += a[r0 + p]! * b[b0 + p]!;
        t += a[r1 + p]! * b[b0 + p]!;
      }
      c[c0 + j] = c[c0 + j]! + s;
      c[c1 + j] = c[c1 + j]! + t;
    }
  }
  for (; i < m; i++) {
    const ai = ao + i * k;
    const ci = co + i * n;
    for (let j = 0; j < n; j++) {
      const b0 = bo + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[b0 + p]!;
      c[ci + j] = c[ci + j]! + s;
    }
  }
}

/**
 * C[m,n] += A[k,m]ᵀ B[k,n] (float64): rank-4 updates from 4 rows of A and B at a time, 2 rows of
 * C per pass, blocked over k like `mmNN`.
 */
export function mmTN64(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let k0 = 0; k0 < k; k0 += KB) {
    const k1 = Math.min(k, k0 + KB);
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const c0 = co + i * n;
      const c1 = c0 + n;
      let p = k0;
      for (; p + 3 < k1; p += 4) {
        const ar = ao + p * m + i;
        const x0 = a[ar]!;
        const x1 = a[ar + m]!;
        const x2 = a[ar + 2 * m]!;
        const x3 = a[ar + 3 * m]!;
        const y0 = a[ar + 1]!;
        const y1 = a[ar + m + 1]!;
        const y2 = a[ar + 2 * m + 1]!;
        const y3 = a[ar + 3 * m + 1]!;
        const b0 = bo + p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          const q0 = b[b0 + j]!;
          const q1 = b[b1 + j]!;
          const q2 = b[b2 + j]!;
          const q3 = b[b3 + j]!;
          c[c0 + j] = c[c0 + j]! + x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
          c[c1 + j] = c[c1 + j]! + y0 * q0 + y1 * q1 + y2 * q2 + y3 * q3;
        }
      }
      for (; p < k1; p++) {
        const x = a[ao + p * m + i]!;
        const y = a[ao + p * m + i + 1]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) {
          const q = b[b0 + j]!;
          c[c0 + j] = c[c0 + j]! + x * q;
          c[c1 + j] = c[c1 + j]! + y * q;
        }
      }
    }
    for (; i < m; i++) {
      const ci = co + i * n;
      for (let p = k0; p < k1; p++) {
        const av = a[ao + p * m + i]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[b0 + j]!;
      }
    }
  }
}

// float32 twins of the kernels above (separate functions so each stays monomorphic)

/**
 * C[m,n] += A[m,k] B[k,n] (float32; sums of each pass in double, rounded on store): i-k-j order over contiguous rows, register-blocked as 2 rows
 * of C × 4 rows of B (each B element loaded once feeds 8 multiply-adds), blocked over k.
 */
export function mmNN32(
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
  c: Float32Array,
  co: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let k0 = 0; k0 < k; k0 += KB) {
    const k1 = Math.min(k, k0 + KB);
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const c0 = co + i * n;
      const c1 = c0 + n;
      const r0 = ao + i * k;
      const r1 = r0 + k;
      let p = k0;
      for (; p + 3 < k1; p += 4) {
        const x0 = a[r0 + p]!;
        const x1 = a[r0 + p + 1]!;
        const x2 = a[r0 + p + 2]!;
        const x3 = a[r0 + p + 3]!;
        const y0 = a[r1 + p]!;
        const y1 = a[r1 + p + 1]!;
        const y2 = a[r1 + p + 2]!;
        const y3 = a[r1 + p + 3]!;
        const b0 = bo + p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          const q0 = b[b0 + j]!;
          const q1 = b[b1 + j]!;
          const q2 = b[b2 + j]!;
          const q3 = b[b3 + j]!;
          c[c0 + j] = c[c0 + j]! + x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
          c[c1 + j] = c[c1 + j]! + y0 * q0 + y1 * q1 + y2 * q2 + y3 * q3;
        }
      }
      for (; p < k1; p++) {
        const x = a[r0 + p]!;
        const y = a[r1 + p]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) {
          const q = b[b0 + j]!;
          c[c0 + j] = c[c0 + j]! + x * q;
          c[c1 + j] = c[c1 + j]! + y * q;
        }
      }
    }
    for (; i < m; i++) {
      const ci = co + i * n;
      const ai = ao + i * k;
      for (let p = k0; p < k1; p++) {
        const av = a[ai + p]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[b0 + j]!;
      }
    }
  }
}

/**
 * C[m,n] += A[m,k] B[n,k]ᵀ (float32; sums of each pass in double, rounded on store): dot products of contiguous rows, 2 rows of A × 4 rows of B
 * per pass (8 running sums).
 */
export function mmNT32(
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
  c: Float32Array,
  co: number,
  m: number,
  k: number,
  n: number,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const r0 = ao + i * k;
    const r1 = r0 + k;
    const c0 = co + i * n;
    const c1 = c0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bo + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[r0 + p]!;
        const y = a[r1 + p]!;
        const q0 = b[b0 + p]!;
        const q1 = b[b1 + p]!;
        const q2 = b[b2 + p]!;
        const q3 = b[b3 + p]!;
        s0 += x * q0;
        s1 += x * q1;
        s2 += x * q2;
        s3 += x * q3;
        t0 += y * q0;
        t1 += y * q1;
        t2 += y * q2;
        t3 += y * q3;
      }
      c[c0 + j] = c[c0 + j]! + s0;
      c[c0 + j + 1] = c[c0 + j + 1]! + s1;
      c[c0 + j + 2] = c[c0 + j + 2]! + s2;
      c[c0 + j + 3] = c[c0 + j + 3]! + s3;
      c[c1 + j] = c[c1 + j]! + t0;
      c[c1 + j + 1] = c[c1 + j + 1]! + t1;
      c[c1 + j + 2] = c[c1 + j + 2]! + t2;
      c[c1 + j + 3] = c[c1 + j + 3]! + t3;
    }
    for (; j < n; j++) {
      const b0 = bo + j * k;
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        s += a[r0 + p]! * b[b0 + p]!;
        t += a[r1 + p]! * b[b0 + p]!;
      }
      c[c0 + j] = c[c0 + j]! + s;
      c[c1 + j] = c[c1 + j]! + t;
    }
  }
  for (; i < m; i++) {
    const ai = ao + i * k;
    const ci = co + i * n;
    for (let j = 0; j < n; j++) {
      const b0 = bo + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[b0 + p]!;
      c[ci + j] = c[ci + j]! + s;
    }
  }
}

/**
 * C[m,n] += A[k,m]ᵀ B[k,n] (float32; sums of each pass in double, rounded on store): rank-4 updates from 4 rows of A and B at a time, 2 rows of
 * C per pass, blocked over k like `mmNN`.
 */
export function mmTN32(
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
  c: Float32Array,
  co: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let k0 = 0; k0 < k; k0 += KB) {
    const k1 = Math.min(k, k0 + KB);
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const c0 = co + i * n;
      const c1 = c0 + n;
      let p = k0;
      for (; p + 3 < k1; p += 4) {
        const ar = ao + p * m + i;
        const x0 = a[ar]!;
        const x1 = a[ar + m]!;
        const x2 = a[ar + 2 * m]!;
        const x3 = a[ar + 3 * m]!;
        const y0 = a[ar + 1]!;
        const y1 = a[ar + m + 1]!;
        const y2 = a[ar + 2 * m + 1]!;
        const y3 = a[ar + 3 * m + 1]!;
        const b0 = bo + p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          const q0 = b[b0 + j]!;
          const q1 = b[b1 + j]!;
          const q2 = b[b2 + j]!;
          const q3 = b[b3 + j]!;
          c[c0 + j] = c[c0 + j]! + x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
          c[c1 + j] = c[c1 + j]! + y0 * q0 + y1 * q1 + y2 * q2 + y3 * q3;
        }
      }
      for (; p < k1; p++) {
        const x = a[ao + p * m + i]!;
        const y = a[ao + p * m + i + 1]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) {
          const q = b[b0 + j]!;
          c[c0 + j] = c[c0 + j]! + x * q;
          c[c1 + j] = c[c1 + j]! + y * q;
        }
      }
    }
    for (; i < m; i++) {
      const ci = co + i * n;
      for (let p = k0; p < k1; p++) {
        const av = a[ao + p * m + i]!;
        const b0 = bo + p * n;
        for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[b0 + j]!;
      }
    }
  }
}
