/**
 * 16-bit floating-point conversions: IEEE 754 binary16 (`float16`, numpy's `np.float16`, PyTorch's
 * `torch.half`, safetensors `F16`, `.npy` `'<f2'`) and bfloat16 (`torch.bfloat16`, safetensors
 * `BF16`), as bit patterns held in plain numbers. gradkit has no 16-bit dtype: files that store
 * these formats are widened to float32 (every float16 and bfloat16 value is exactly a float32),
 * and float16 is written by rounding a number to the nearest float16 (ties to even), as numpy's
 * `np.float16(x)` does.
 *
 * binary16: sign `s` (bit 15), exponent `e` (bits 14–10, bias 15), fraction `f` (bits 9–0):
 * - `e = 0`: `(-1)^s · 2^-14 · f/1024` (zero and subnormals),
 * - `0 < e < 31`: `(-1)^s · 2^(e-15) · (1 + f/1024)`,
 * - `e = 31`: `±Infinity` when `f = 0`, else NaN.
 *
 * bfloat16 is the upper half of a float32: the value of the float32 with bits `h << 16`.
 */
import { show, ValueError } from './errors.js';

function checkBits(op: string, bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffff)
    throw new ValueError(
      op,
      `bits must be an integer in [0, 65535] (a 16-bit pattern), received ${show(bits)}`,
    );
}

/** binary16 → number without argument checks (the formula of the module comment; exact in float64). */
function float16Value(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * (1024 + f) * 2 ** (e - 25);
}

/**
 * The value of a float16 (IEEE 754 binary16) bit pattern, exactly: subnormals, `±0`,
 * `±Infinity` and NaN included (numpy's `np.uint16(bits).view(np.float16)`).
 *
 * ```ts
 * decodeFloat16(0x3c00); // 1
 * decodeFloat16(0xc000); // -2
 * decodeFloat16(0x0001); // 5.960464477539063e-8 (2^-24, the smallest subnormal)
 * decodeFloat16(0x7bff); // 65504 (the largest finite float16)
 * decodeFloat16(0x7c00); // Infinity
 * ```
 */
export function decodeFloat16(bits: number): number {
  checkBits('decodeFloat16', bits);
  return float16Value(bits);
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The value of a bfloat16 bit pattern (the top 16 bits of a float32), exactly.
 *
 * ```ts
 * decodeBFloat16(0x3f80); // 1
 * decodeBFloat16(0x4049); // 3.140625
 * decodeBFloat16(0xff80); // -Infinity
 * ```
 */
export function decodeBFloat16(bits: number): number {
  checkBits('decodeBFloat16', bits);
  U32[0] = bits << 16;
  return F32[0]!;
}

/** Round a non-negative finite number to an integer, ties to even. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const r = x - f;
  return r > 0.5 || (r === 0.5 && f % 2 === 1) ? f + 1 : f;
}

/**
 * The float16 bit pattern nearest to `value` (round to nearest, ties to even, directly from the
 * float64 as numpy's `np.float16(value)`; no double rounding through float32): values of
 * magnitude 65520 and above become `±Infinity` (`0x7c00`/`0xfc00`), NaN becomes `0x7e00`, the
 * sign of `-0` is kept.
 *
 * ```ts
 * encodeFloat16(1);        // 0x3c00
 * encodeFloat16(65519);    // 0x7bff (65504)
 * encodeFloat16(65520);    // 0x7c00 (Infinity)
 * encodeFloat16(2 ** -25); // 0 (the halfway point below 2^-24 ties to even, i.e. to zero)
 * ```
 */
export function encodeFloat16(value: number): number {
  if (typeof value !== 'number')
    throw new ValueError('encodeFloat16', `value must be a number, received ${show(value)}`);
  if (value !== value) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a >= 65520) return sign | 0x7c00; // 65520 is halfway between 65504 and 2^16: ties to even -> inf
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal (a carry to 1024 is the smallest normal)
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  const m = roundHalfEven(a / 2 ** (e - 10)); // in [1024, 2048]; 2048 carries into the exponent
  return sign | (((e + 15) << 10) + (m - 1024));
}

let float16Table: Float32Array | undefined;

/** Every float16 pattern's value, built on first use (256 KiB). */
function table(): Float32Array {
  if (float16Table === undefined) {
    float16Table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) float16Table[h] = float16Value(h);
  }
  return float16Table;
}

/** Check the arguments of a bulk conversion; the output array (new, or `out`). */
function bulkArgs(
  op: string,
  format: string,
  bits: Uint16Array,
  out: Float32Array | undefined,
): Float32Array {
  if (!(bits instanceof Uint16Array))
    throw new ValueError(op, `bits must be a Uint16Array of ${format} patterns, received ${show(bits)}`);
  const n = bits.length;
  if (out === undefined) return new Float32Array(n);
  if (!(out instanceof Float32Array) || out.length !== n)
    throw new ValueError(
      op,
      `out must be a Float32Array of length ${n} (one per input), received ${show(out)}${out instanceof Float32Array ? ` of length ${out.length}` : ''}`,
    );
  return out;
}

/**
 * Widen float16 bit patterns to float32 values, exactly (a `Uint16Array` of patterns, e.g. a
 * `.npy` `'<f2'` or safetensors `F16` data section viewed in host order). Writes into `out` when
 * given (same length).
 *
 * ```ts
 * float16ToFloat32(Uint16Array.of(0x3c00, 0x3800, 0xfc00)); // Float32Array [1, 0.5, -Infinity]
 * ```
 */
export function float16ToFloat32(bits: Uint16Array, out?: Float32Array): Float32Array {
  const o = bulkArgs('float16ToFloat32', 'float16', bits, out);
  const t = table();
  for (let i = 0; i < bits.length; i++) o[i] = t[bits[i]!]!;
  return o;
}

/**
 * Widen bfloat16 bit patterns to float32 values, exactly (each pattern becomes the top half of
 * a float32, NaN payloads included). Writes into `out` when given (same length).
 *
 * ```ts
 * bfloat16ToFloat32(Uint16Array.of(0x3f80, 0xc000)); // Float32Array [1, -2]
 * ```
 */
export function bfloat16ToFloat32(bits: Uint16Array, out?: Float32Array): Float32Array {
  const o = bulkArgs('bfloat16ToFloat32', 'bfloat16', bits, out);
  const u = new Uint32Array(o.buffer, o.byteOffset, o.length);
  for (let i = 0; i < bits.length; i++) u[i] = bits[i]! << 16;
  return o;
}
