// float32 neighbours through the bits, for tests that need the float next to a value (the
// emulated fused multiply-add's rounding, the edge of a kernel's cut).

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 next to float32 `x` towards +∞ (`up`) or −∞. */
export function step32(x: number, up: boolean): number {
  if (x === 0) {
    u32[0] = 1;
    return up ? f32[0]! : -f32[0]!;
  }
  f32[0] = x;
  u32[0] = u32[0]! + (x > 0 === up ? 1 : -1);
  return f32[0]!;
}

/** The largest float32 strictly below the number `c`. */
export function largestFloat32Below(c: number): number {
  const f = Math.fround(c);
  return f < c ? f : step32(f, false);
}
