// Element-wise float32 kernels of the training loop, f32x4 SIMD (memory-bound; the JavaScript side,
// src/kernels/elementwise.ts, copies the operands in and the result out). The same results bit for
// bit as that file's JavaScript loops: f32x4.max(v, 0) is v for v > 0, +0 for v ≤ 0 (−0 included),
// NaN for NaN; the backward's select keeps g where y > 0 and writes +0 elsewhere; the row sums add
// in the same order, rounding to float32 at every step.

/** `out[i] = max(x[i], 0)` for `n` float32 values at byte offsets `x`, `out` (may be equal). */
export function reluF32(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, f32x4.max(v128.load(x + o), zero));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, max<f32>(load<f32>(x + o), 0));
  }
}

/** `out[i] = y[i] > 0 ? g[i] : +0` for `n` float32 values (`out` may equal `g` or `y`). */
export function reluGradF32(g: usize, y: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, v128.and(v128.load(g + o), f32x4.gt(v128.load(y + o), zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, load<f32>(y + o) > 0 ? load<f32>(g + o) : 0);
  }
}

/** `c[i, j] += v[j]` for float32 `c` `[rows, cols]` row-major (a bias row added to every row). */
export function addRowF32(c: usize, v: usize, rows: i32, cols: i32): void {
  for (let i: i32 = 0; i < rows; i++) {
    const row = c + ((<usize>(i * cols)) << 2);
    let j: i32 = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = (<usize>j) << 2;
      v128.store(row + o, f32x4.add(v128.load(row + o), v128.load(v + o)));
    }
    for (; j < cols; j++) {
      const o = (<usize>j) << 2;
      store<f32>(row + o, load<f32>(row + o) + load<f32>(v + o));
    }
  }
}

/** `out[j] = Σ_i g[i, j]` for float32 `g` `[rows, cols]`, summed from +0 in row order per column. */
export function sumRowsF32(g: usize, out: usize, rows: i32, cols: i32): void {
  const stride = (<usize>cols) << 2;
  let j: i32 = 0;
  for (; j + 4 <= cols; j += 4) {
    let acc = f32x4.splat(0);
    let q = g + ((<usize>j) << 2);
    for (let i: i32 = 0; i < rows; i++, q += stride) acc = f32x4.add(acc, v128.load(q));
    v128.store(out + ((<usize>j) << 2), acc);
  }
  for (; j < cols; j++) {
    let s: f32 = 0;
    let q = g + ((<usize>j) << 2);
    for (let i: i32 = 0; i < rows; i++, q += stride) s += load<f32>(q);
    store<f32>(out + ((<usize>j) << 2), s);
  }
}
