// The optimizers' update steps that run in WebAssembly (called from src/kernels/optim.ts): SGD with
// momentum on float32 parameters, f64x2 SIMD, the arithmetic of @gradkit/optimizers' float32 loop.

// float32 value held as f64 → rounded to float32 and back (JavaScript's Math.fround on 2 lanes)
function fround2(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

/**
 * SGD with momentum on float32 storage, in place, the arithmetic of `sgdUpdate`'s float32 loop
 * (packages/optimizers) in f64x2 lanes: every intermediate in float64, rounded to float32 exactly
 * where that loop stores to a float32 array (buffer and parameter), no fused multiply-adds.
 *   d ← ±g + λp;  b ← d (init) or fround(fround(μ b) + (1 − τ) d);  d ← μ b + d (Nesterov) or b;
 *   p ← fround(−γ d + p).
 * Returns 1 when every updated parameter is finite, else 0.
 */
export function sgdMomentumF32(
  p: usize,
  g: usize,
  b: usize,
  n: i32,
  init: i32,
  lr: f64,
  momentum: f64,
  dampening: f64,
  nesterov: i32,
  wd: f64,
  maximize: i32,
): i32 {
  const negLr = f64x2.splat(-lr);
  const mom = f64x2.splat(momentum);
  const omd = f64x2.splat(1 - dampening);
  const wdv = f64x2.splat(wd);
  let acc = f64x2.splat(0);
  let i: i32 = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    const pv = f64x2.promote_low_f32x4(v128.load64_zero(p + o));
    let d = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    if (maximize) d = f64x2.neg(d);
    if (wd !== 0) d = f64x2.add(f64x2.mul(wdv, pv), d);
    let bv: v128;
    if (init) bv = fround2(d);
    else {
      bv = fround2(f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(b + o)), mom));
      bv = fround2(f64x2.add(f64x2.mul(omd, d), bv));
    }
    v128.store64_lane(b + o, f32x4.demote_f64x2_zero(bv), 0);
    d = nesterov ? f64x2.add(f64x2.mul(mom, bv), d) : bv;
    const q32 = f32x4.demote_f64x2_zero(f64x2.add(f64x2.mul(negLr, d), pv));
    v128.store64_lane(p + o, q32, 0);
    const q = f64x2.promote_low_f32x4(q32);
    acc = f64x2.add(acc, f64x2.sub(q, q));
  }
  let finite = f64x2.extract_lane(acc, 0) === 0 && f64x2.extract_lane(acc, 1) === 0;
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const pv = <f64>load<f32>(p + o);
    let d = <f64>load<f32>(g + o);
    if (maximize) d = -d;
    if (wd !== 0) d = wd * pv + d;
    let bv: f64;
    if (init) bv = <f64>(<f32>d);
    else {
      bv = <f64>(<f32>(<f64>load<f32>(b + o) * momentum));
      bv = <f64>(<f32>((1 - dampening) * d + bv));
    }
    store<f32>(b + o, <f32>bv);
    d = nesterov ? momentum * bv + d : bv;
    const q = <f32>(-lr * d + pv);
    store<f32>(p + o, q);
    if (q - q !== 0) finite = false;
  }
  return finite ? 1 : 0;
}
