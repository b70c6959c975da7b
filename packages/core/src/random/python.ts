/**
 * `PythonRandom`: Python's `random` module (CPython's `random.Random`), draw for draw. Notebooks
 * that `import random; random.seed(0)` draw from this generator, not numpy's: the same MT19937
 * but seeded differently, so `new RandomState(0)` does not reproduce them.
 *
 * - `seed(n)` for an integer `n`: MT19937's `init_by_array` of the 32-bit words of `|n|`, least
 *   significant first (`[0]` for 0) — CPython's `random_seed`; numpy's `RandomState(n)` uses
 *   `init_genrand(n)` instead.
 * - `random()`: `((a >> 5) · 2^26 + (b >> 6)) / 2^53` from two 32-bit words `a`, `b` (the same
 *   formula as numpy's `random_sample`).
 * - `getrandbits(k)`: `k ≤ 32`: one word `>> (32 − k)`; more: words from the least significant
 *   up, the last one shifted right to the bits left over.
 * - `randrange`/`randint`/`choice`/`shuffle`/`sample` draw integers below `n` by rejection:
 *   `getrandbits(n.bit_length())` until the draw is `< n` (`_randbelow_with_getrandbits`), as
 *   CPython 3.2 and later; `uniform(a, b)` and `choices` use `random()`.
 *
 * Integers are JS numbers (safe integers, |n| ≤ 2^53 − 1); `getrandbitsBigInt` returns any
 * number of bits. Not here: `gauss`/`normalvariate` and the other distributions (they go through
 * the C library's `log`, `cos`, `sin`), seeding from strings, bytes or non-integral floats.
 *
 * ```ts
 * const r = new PythonRandom(0);  // random.seed(0)
 * r.random();                     // 0.8444218515250481  (Python: random.random())
 * r.random();                     // 0.7579544029403025
 * new PythonRandom(42).randint(1, 6);  // 6, as random.seed(42); random.randint(1, 6)
 * ```
 */
import { IndexError, show, ValueError } from '../errors.js';
import { MT_N, MT19937 } from './mt19937.js';

const TWO32 = 4294967296;

/** A state of {@link PythonRandom} in Python's `getstate()` layout. */
export interface PythonRandomState {
  /** Python's state version (3). */
  version: 3;
  /** The 624 MT19937 words followed by the position of the next word (0..624). */
  internalState: number[];
  /** The cached second Gaussian of `gauss()` (always `null` here: `gauss` is not implemented). */
  gaussNext: number | null;
}

/** Options of {@link PythonRandom.choices} (Python's keyword arguments). */
export interface PythonChoicesOptions {
  /** Relative weights, one per element. */
  weights?: readonly number[];
  /** Cumulative weights, one per element (instead of `weights`). */
  cumWeights?: readonly number[];
  /** Number of elements to draw (with replacement). Default 1. */
  k?: number;
}

/** The number of bits of a non-negative safe integer (Python's `int.bit_length()`). */
function bitLength(n: number): number {
  if (n < TWO32) return 32 - Math.clz32(n);
  return 64 - Math.clz32(Math.floor(n / TWO32));
}

function isSafeInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

/** The 32-bit words of |a|, least significant first (`[0]` for 0): CPython's seeding key. */
function seedWords(a: number | bigint): number[] {
  let n = typeof a === 'bigint' ? (a < 0n ? -a : a) : BigInt(Math.abs(a));
  const words: number[] = [];
  do {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  } while (n > 0n);
  return words;
}

/**
 * Python's `random.Random` (CPython's Mersenne Twister generator). `new PythonRandom(seed)` is
 * `random.Random(seed)`; a notebook's `random.seed(s)` followed by `random.random()` calls is
 * `const r = new PythonRandom(s)` followed by `r.random()`. See the module comment for the
 * algorithms; every method draws exactly the 32-bit words CPython draws.
 *
 * ```ts
 * const r = new PythonRandom(0);
 * r.random();              // 0.8444218515250481
 * r.getrandbits(8);        // 194, as random.getrandbits(8) after that draw
 * const xs = [1, 2, 3, 4, 5];
 * new PythonRandom(1).shuffle(xs); // xs is [3, 4, 5, 1, 2], as after random.seed(1); random.shuffle(xs)
 * ```
 */
export class PythonRandom {
  private readonly mt = new MT19937();

  /** `seed`: an integer (any size, as a number or a bigint; the sign is ignored) or omitted for entropy. */
  constructor(seed?: number | bigint | null) {
    this.seed(seed);
  }

  /**
   * Reseed (Python's `random.seed(a)`): `init_by_array` of the 32-bit words of `|a|`. Omitted or
   * `null`: 624 words from `crypto.getRandomValues`, as CPython seeds from the OS. Throws
   * `ValueError` for a non-integral number or an unsafe integer (pass a bigint).
   */
  seed(a?: number | bigint | null): void {
    const op = 'PythonRandom.seed';
    if (a === undefined || a === null) {
      const c = (globalThis as { crypto?: { getRandomValues?: (x: Uint32Array) => Uint32Array } }).crypto;
      if (!c?.getRandomValues)
        throw new ValueError(
          op,
          'no seed given and crypto.getRandomValues is unavailable; pass an integer seed',
        );
      this.mt.seedArray(c.getRandomValues(new Uint32Array(MT_N)));
      return;
    }
    if (typeof a === 'bigint') this.mt.seedArray(seedWords(a));
    else if (isSafeInt(a)) this.mt.seedArray(seedWords(a));
    else
      throw new ValueError(
        op,
        `a must be an integer (a safe-integer number or a bigint), received ${show(a)}; strings, bytes and non-integral floats are not supported`,
      );
  }

  /** The generator's state in Python's `getstate()` layout (`(3, (624 words…, pos), None)`). */
  getState(): PythonRandomState {
    return { version: 3, internalState: [...this.mt.key, this.mt.pos], gaussNext: null };
  }

  /**
   * Restore a state from `getState()` or from Python's `random.getstate()` dumped to JSON
   * (`[3, [624 words…, pos], null]`); the draws then continue identically.
   */
  setState(state: PythonRandomState | readonly unknown[]): void {
    const op = 'PythonRandom.setState';
    const [version, internal] = Array.isArray(state)
      ? [state[0], state[1]]
      : [(state as PythonRandomState)?.version, (state as PythonRandomState)?.internalState];
    if (version !== 3)
      throw new ValueError(
        op,
        `state version must be 3 (Python 3's random.getstate()), received ${show(version)}`,
      );
    const words = internal as readonly unknown[] | undefined;
    if (!Array.isArray(words) || words.length !== MT_N + 1)
      throw new ValueError(
        op,
        `the internal state must hold ${MT_N + 1} integers (624 words and the position), received ${show(words)}`,
      );
    const key = words.slice(0, MT_N);
    const pos = words[MT_N];
    if (!key.every((w) => isSafeInt(w) && w >= 0 && w < TWO32))
      throw new ValueError(op, 'the 624 state words must be integers in [0, 2**32 - 1]');
    if (!isSafeInt(pos) || pos < 0 || pos > MT_N)
      throw new ValueError(op, `the position must be an integer in [0, ${MT_N}], received ${show(pos)}`);
    this.mt.key.set(key as number[]);
    this.mt.pos = pos;
  }

  /** A float in [0, 1) with 53 random bits (Python's `random()`). */
  random(): number {
    return this.mt.nextDouble();
  }

  /**
   * A non-negative integer with `k` random bits (Python's `getrandbits(k)`), `0 ≤ k ≤ 53` so that
   * the result is an exact number; use {@link getrandbitsBigInt} for more bits.
   */
  getrandbits(k: number): number {
    if (!isSafeInt(k) || k < 0 || k > 53)
      throw new ValueError(
        'PythonRandom.getrandbits',
        `k must be an integer in [0, 53] (use getrandbitsBigInt for more bits), received ${show(k)}`,
      );
    if (k === 0) return 0;
    if (k <= 32) return this.mt.nextUint32() >>> (32 - k);
    const lo = this.mt.nextUint32();
    const hi = this.mt.nextUint32() >>> (64 - k);
    return hi * TWO32 + lo;
  }

  /** `getrandbits(k)` for any non-negative `k`, as a bigint (words drawn least significant first). */
  getrandbitsBigInt(k: number): bigint {
    if (!isSafeInt(k) || k < 0)
      throw new ValueError(
        'PythonRandom.getrandbitsBigInt',
        `k must be a non-negative integer, received ${show(k)}`,
      );
    let out = 0n;
    for (let shift = 0; k > 0; shift += 32, k -= 32) {
      let r = this.mt.nextUint32();
      if (k < 32) r >>>= 32 - k;
      out |= BigInt(r) << BigInt(shift);
    }
    return out;
  }

  /** An integer in [0, n) for a positive safe integer `n` (CPython's `_randbelow_with_getrandbits`). */
  randbelow(n: number): number {
    if (!isSafeInt(n) || n <= 0)
      throw new ValueError(
        'PythonRandom.randbelow',
        `n must be a positive safe integer, received ${show(n)}`,
      );
    const k = bitLength(n); // not (n - 1): n may be 1
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * A random element of `range(start, stop, step)` (Python's `randrange`); `randrange(n)` draws
   * from [0, n). Throws `ValueError` for an empty range, a zero step or non-integers.
   */
  randrange(start: number, stop?: number | null, step = 1): number {
    const op = 'PythonRandom.randrange';
    for (const [name, v] of [
      ['start', start],
      ['stop', stop],
      ['step', step],
    ] as const)
      if (v !== undefined && v !== null && !isSafeInt(v))
        throw new ValueError(op, `${name} must be a safe integer, received ${show(v)}`);
    if (stop === undefined || stop === null) {
      if (step !== 1) throw new ValueError(op, 'Missing a non-None stop argument');
      if (start > 0) return this.randbelow(start);
      throw new ValueError(op, `empty range for randrange(${start})`);
    }
    const width = stop - start;
    if (!Number.isSafeInteger(width))
      throw new ValueError(
        op,
        `the range's width stop - start must be a safe integer, received (${start}, ${stop}); expected |stop - start| <= 2**53 - 1`,
      );
    if (step === 1) {
      if (width > 0) return start + this.randbelow(width);
      throw new ValueError(op, `empty range for randrange(${start}, ${stop}, ${width})`);
    }
    if (step === 0) throw new ValueError(op, 'zero step for randrange(): step must be a non-zero integer');
    // n = (width + step - 1) // step (or + 1 for a negative step), Python's floor division, exactly
    const num = BigInt(width) + BigInt(step) + (step > 0 ? -1n : 1n);
    const den = BigInt(step);
    let q = num / den;
    if (num % den !== 0n && num < 0n !== den < 0n) q -= 1n;
    const n = Number(q);
    if (n <= 0) throw new ValueError(op, `empty range for randrange(${start}, ${stop}, ${step})`);
    return start + step * this.randbelow(n);
  }

  /** An integer in [a, b], both ends included (Python's `randint(a, b)` = `randrange(a, b + 1)`). */
  randint(a: number, b: number): number {
    if (!isSafeInt(a) || !isSafeInt(b))
      throw new ValueError(
        'PythonRandom.randint',
        `a and b must be safe integers, received ${show(a)} and ${show(b)}`,
      );
    return this.randrange(a, b + 1);
  }

  /** A float in [a, b] (Python's `uniform(a, b)` = `a + (b − a)·random()`). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** A random element of a non-empty sequence (Python's `choice`). */
  choice<T>(seq: ArrayLike<T>): T {
    if (!seq || typeof seq.length !== 'number')
      throw new ValueError('PythonRandom.choice', `seq must be a sequence (an array), received ${show(seq)}`);
    if (seq.length === 0)
      throw new IndexError(
        'PythonRandom.choice',
        'Cannot choose from an empty sequence: seq has length 0, expected at least 1',
      );
    return seq[this.randbelow(seq.length)]!;
  }

  /** Shuffle an array (or typed array) in place, as Python's `shuffle(x)` does (Fisher–Yates from the end). */
  shuffle<T>(x: T[] | { length: number; [i: number]: T }): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const t = x[i]!;
      x[i] = x[j]!;
      x[j] = t;
    }
  }

  /**
   * `k` distinct elements of `population` in selection order (Python's `sample(population, k)`,
   * with its two strategies: a shrinking pool for small populations, rejection of repeats
   * otherwise; the same draws).
   */
  sample<T>(population: ArrayLike<T>, k: number): T[] {
    const op = 'PythonRandom.sample';
    const n = population.length;
    if (!isSafeInt(k) || k < 0 || k > n)
      throw new ValueError(
        op,
        `k must be an integer in [0, ${n}] (the population's size), received ${show(k)}`,
      );
    const result: T[] = new Array(k);
    let setsize = 21; // size of a small set minus size of an empty list
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4)); // table size for big sets
    if (n <= setsize) {
      const pool = Array.from(population);
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j]!;
        pool[j] = pool[n - i - 1]!;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = population[j]!;
      }
    }
    return result;
  }

  /**
   * `k` elements drawn with replacement (Python's `choices(population, weights, cum_weights=, k=)`):
   * `population[floor(random()·n)]` without weights, else the first cumulative weight exceeding
   * `random()·total` (bisect).
   */
  choices<T>(population: ArrayLike<T>, options: PythonChoicesOptions = {}): T[] {
    const op = 'PythonRandom.choices';
    const n = population.length;
    const k = options.k ?? 1;
    if (!isSafeInt(k) || k < 0)
      throw new ValueError(op, `k must be a non-negative integer, received ${show(k)}`);
    if (n === 0 && k > 0)
      throw new IndexError(
        op,
        `Cannot choose from an empty population: population has length 0, expected at least 1`,
      );
    let cum = options.cumWeights;
    if (cum === undefined) {
      if (options.weights === undefined) {
        const out: T[] = [];
        for (let i = 0; i < k; i++) out.push(population[Math.floor(this.random() * n)]!);
        return out;
      }
      // itertools.accumulate(weights): running sums, added in order
      const running: number[] = [];
      let s = 0;
      for (const w of options.weights) {
        s += w;
        running.push(s);
      }
      cum = running;
    } else if (options.weights !== undefined)
      throw new ValueError(op, 'Cannot specify both weights and cumulative weights');
    if (cum.length !== n)
      throw new ValueError(op, `The number of weights (${cum.length}) does not match the population (${n})`);
    const total = cum[n - 1] ?? 0;
    if (!(total > 0))
      throw new ValueError(op, `Total of weights must be greater than zero, received ${show(total)}`);
    if (!Number.isFinite(total)) throw new ValueError(op, 'Total of weights must be finite');
    const out: T[] = [];
    for (let i = 0; i < k; i++) {
      // bisect_right(cum, random() * total, 0, n - 1)
      const x = this.random() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x < cum[mid]!) hi = mid;
        else lo = mid + 1;
      }
      out.push(population[lo]!);
    }
    return out;
  }
}
