/**
 * MT19937, the Mersenne Twister of Matsumoto and Nishimura (1998), exactly as numpy's legacy
 * `RandomState` runs it (`numpy/random/src/mt19937/mt19937.c`): 624 32-bit words of state,
 * `init_genrand` seeding for an integer seed and `init_by_array` for an array seed, and the
 * standard tempering. Everything here works on unsigned 32-bit integers held in JS numbers.
 */

/** Number of 32-bit words in the state. */
export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;

/** The raw generator: the key (state words) and the position of the next word to temper. */
export class MT19937 {
  readonly key = new Uint32Array(MT_N);
  /** The same words viewed as int32, so the hot loops stay in 32-bit integer arithmetic. */
  private readonly k32 = new Int32Array(this.key.buffer);
  pos = MT_N;

  /** `init_genrand(s)` (numpy's `mt19937_seed`): seeding from one 32-bit integer. */
  seedInt(s: number): void {
    const key = this.key;
    let x = s >>> 0;
    for (let i = 0; i < MT_N; i++) {
      key[i] = x;
      // x = 1812433253 * (x ^ (x >>> 30)) + i + 1, modulo 2^32
      x = (Math.imul(1812433253, (x ^ (x >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = MT_N;
  }

  /** `init_by_array(init_key)` (numpy's `mt19937_init_by_array`): seeding from 32-bit words. */
  seedArray(initKey: ArrayLike<number>): void {
    const key = this.key;
    this.seedInt(19650218);
    const len = initKey.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(MT_N, len); k > 0; k--) {
      const prev = key[i - 1]! ^ (key[i - 1]! >>> 30);
      // key[i] = (key[i] ^ (prev * 1664525)) + initKey[j] + j
      key[i] = (((key[i]! ^ Math.imul(prev, 1664525)) >>> 0) + (initKey[j]! >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= MT_N) {
        key[0] = key[MT_N - 1]!;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = MT_N - 1; k > 0; k--) {
      const prev = key[i - 1]! ^ (key[i - 1]! >>> 30);
      // key[i] = (key[i] ^ (prev * 1566083941)) - i
      key[i] = (((key[i]! ^ Math.imul(prev, 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= MT_N) {
        key[0] = key[MT_N - 1]!;
        i = 1;
      }
    }
    key[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    this.pos = MT_N;
  }

  /** Regenerate all 624 words (`mt19937_gen`) and rewind `pos` to 0. */
  generate(): void {
    const key = this.k32;
    let i = 0;
    let y: number;
    for (; i < MT_N - MT_M; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + MT_M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < MT_N - 1; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + (MT_M - MT_N)]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[MT_N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[MT_N - 1] = key[MT_M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** The next tempered 32-bit word, in [0, 2^32) (`mt19937_next32`). */
  nextUint32(): number {
    if (this.pos === MT_N) this.generate();
    let y = this.k32[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits: `((a >> 5) * 2^26 + (b >> 6)) / 2^53` (`mt19937_next_double`). */
  nextDouble(): number {
    const key = this.k32;
    if (this.pos === MT_N) this.generate();
    let a = key[this.pos++]!;
    a ^= a >>> 11;
    a ^= (a << 7) & 0x9d2c5680;
    a ^= (a << 15) & 0xefc60000;
    a ^= a >>> 18;
    if (this.pos === MT_N) this.generate();
    let b = key[this.pos++]!;
    b ^= b >>> 11;
    b ^= (b << 7) & 0x9d2c5680;
    b ^= (b << 15) & 0xefc60000;
    b ^= b >>> 18;
    // (a >>> 5) < 2^27 and (b >>> 6) < 2^26 stay small integers (no boxing)
    return ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0;
  }

  /** Fill `out` with `nextDouble()` values, in order (the bulk path of `random_sample`). */
  fillDoubles(out: Float64Array): void {
    const key = this.k32;
    let pos = this.pos;
    for (let i = 0; i < out.length; i++) {
      if (pos === MT_N) {
        this.generate();
        pos = 0;
      }
      let a = key[pos++]!;
      a ^= a >>> 11;
      a ^= (a << 7) & 0x9d2c5680;
      a ^= (a << 15) & 0xefc60000;
      a ^= a >>> 18;
      if (pos === MT_N) {
        this.generate();
        pos = 0;
      }
      let b = key[pos++]!;
      b ^= b >>> 11;
      b ^= (b << 7) & 0x9d2c5680;
      b ^= (b << 15) & 0xefc60000;
      b ^= b >>> 18;
      out[i] = ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0;
    }
    this.pos = pos;
  }
}
