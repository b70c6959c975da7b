/**
 * `RandomState`: numpy's legacy generator (`numpy.random.RandomState`), draw for draw — see the
 * package's random module (`./index.ts`) for what is reproduced and how.
 */

import { allclose } from '../allclose.js';
import { allocate, type DataArray, type DType } from '../dtype.js';
import { ShapeError, show, showShape, ValueError } from '../errors.js';
import { mul } from '../ops/arith.js';
import { matmul } from '../ops/matmul.js';
import { searchSorted } from '../ops/search.js';
import { transpose } from '../ops/shape.js';
import { broadcastShapes, sameShape, shapeSize } from '../shape.js';
import { svd } from '../svd.js';
import { Tensor, type TensorLike, tensor } from '../tensor.js';
import {
  broadcastIndex,
  describeSeed,
  float64Arg,
  genMask,
  type Param,
  parseDims,
  parseSize,
  TWO32,
  toParam,
  validSeedWord,
} from './args.js';
import { cumulative, kahanSum } from './discrete.js';
import { glibcLog } from './log.js';
import { MT_N, MT19937 } from './mt19937.js';
import type { ChoiceOptions, RandomSeed, RandomSize, RandomStateSnapshot } from './types.js';

/** Scratch for {@link RandomState}'s one-draw path. */
const PAIR = new Float64Array(2);

/**
 * numpy's `legacy_gauss` polar step: uniforms (x1, x2) in the unit disc, f = √(−2 ln r² / r²);
 * `out[i] = f·x2` is the draw returned, `out[i + 1] = f·x1` the one numpy caches for the next call.
 */
function polarPair(mt: MT19937, out: Float64Array, i: number): void {
  let x1: number;
  let x2: number;
  let r2: number;
  do {
    x1 = 2.0 * mt.nextDouble() - 1.0;
    x2 = 2.0 * mt.nextDouble() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 === 0.0);
  const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
  out[i] = f * x2;
  out[i + 1] = f * x1;
}

/**
 * numpy's legacy random generator (`numpy.random.RandomState`): MT19937 with the legacy
 * Gaussian and bounded-integer algorithms, so every stream equals numpy's for the same seed and
 * the same sequence of calls (interleavings included: the cached second Gaussian is shared
 * between `randn`, `normal` and `standardNormal`, exactly as in numpy).
 *
 * Without a seed the generator is seeded from the platform's cryptographic entropy source
 * (`crypto.getRandomValues`), as numpy seeds from the OS; pass a seed for reproducible streams.
 *
 * ```ts
 * const rs = new RandomState(0);
 * rs.rand(3).toList();          // [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]
 * new RandomState(0).randn(3);  // Tensor [1.764052345967664, 0.4001572083672233, 0.9787379841057392]
 * new RandomState(0).permutation(10).toList(); // [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]
 * new RandomState(0).randint(10, undefined, 5).toList(); // [5, 0, 3, 3, 7]
 * ```
 */
export class RandomState {
  private readonly mt = new MT19937();
  private hasGauss = false;
  private gauss = 0;

  /** `seed`: an integer in [0, 2^32 - 1] or an array of them; omitted: entropy from `crypto`. */
  constructor(seed?: RandomSeed | null) {
    this.seed(seed);
  }

  /**
   * Reseed (numpy's `RandomState.seed`), also dropping any cached Gaussian. An integer seeds with
   * `init_genrand`, an array with `init_by_array`; omitted: entropy from `crypto.getRandomValues`.
   */
  seed(seed?: RandomSeed | null): void {
    if (seed === undefined || seed === null) {
      const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
      if (!c?.getRandomValues)
        throw new ValueError(
          'RandomState.seed',
          'no seed given and crypto.getRandomValues is unavailable; pass an integer seed',
        );
      this.mt.seedArray(c.getRandomValues(new Uint32Array(4)));
    } else if (typeof seed === 'number') {
      if (!validSeedWord(seed))
        throw new ValueError(
          'RandomState.seed',
          `seed must be an integer between 0 and 2**32 - 1 (or an array of them), received ${describeSeed(seed)}`,
        );
      this.mt.seedInt(seed);
    } else if (Array.isArray(seed) || seed instanceof Uint32Array) {
      const words = Array.from(seed as ArrayLike<number>);
      if (words.length === 0)
        throw new ValueError('RandomState.seed', 'seed array must be non-empty, received []');
      if (!words.every(validSeedWord))
        throw new ValueError(
          'RandomState.seed',
          `seed array entries must be integers between 0 and 2**32 - 1, received ${describeSeed(seed)}`,
        );
      this.mt.seedArray(words);
    } else {
      throw new ValueError(
        'RandomState.seed',
        `seed must be an integer between 0 and 2**32 - 1 or an array of them, received ${describeSeed(seed)}`,
      );
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** A copy of the generator state (numpy's `get_state()`), for `setState`. */
  getState(): RandomStateSnapshot {
    return {
      algorithm: 'MT19937',
      key: Array.from(this.mt.key),
      pos: this.mt.pos,
      hasGauss: this.hasGauss,
      cachedGaussian: this.gauss,
    };
  }

  /**
   * Restore a state from `getState()`, or from numpy's tuple
   * `['MT19937', key (624 words), pos, has_gauss, cached_gaussian]`
   * (e.g. `np.random.get_state()` dumped to JSON), after which the streams continue identically.
   */
  setState(state: RandomStateSnapshot | readonly unknown[]): void {
    const op = 'RandomState.setState';
    let s: { algorithm: unknown; key: unknown; pos: unknown; hasGauss: unknown; cachedGaussian: unknown };
    if (Array.isArray(state)) {
      s = {
        algorithm: state[0],
        key: state[1],
        pos: state[2],
        hasGauss: state[3] ?? 0,
        cachedGaussian: state[4] ?? 0,
      };
    } else if (state && typeof state === 'object') {
      s = state as RandomStateSnapshot;
    } else
      throw new ValueError(
        op,
        `state must be an object from getState() or numpy's state tuple, received ${show(state)}`,
      );
    if (s.algorithm !== 'MT19937')
      throw new ValueError(op, `state.algorithm must be 'MT19937', received ${show(s.algorithm)}`);
    const key = s.key as ArrayLike<number> | undefined;
    if (!key || typeof key !== 'object' || key.length !== MT_N || !Array.from(key).every(validSeedWord))
      throw new ValueError(
        op,
        `state.key must hold ${MT_N} integers in [0, 2**32 - 1], received ${show(key)}`,
      );
    if (typeof s.pos !== 'number' || !Number.isInteger(s.pos) || s.pos < 0 || s.pos > MT_N)
      throw new ValueError(op, `state.pos must be an integer in [0, ${MT_N}], received ${show(s.pos)}`);
    if (typeof s.cachedGaussian !== 'number')
      throw new ValueError(op, `state.cachedGaussian must be a number, received ${show(s.cachedGaussian)}`);
    this.mt.key.set(Array.from(key));
    this.mt.pos = s.pos;
    this.hasGauss = Boolean(s.hasGauss);
    this.gauss = this.hasGauss ? s.cachedGaussian : 0;
  }

  // ---------------------------------------------------------------- raw draws

  /** The next raw 32-bit word of MT19937, in [0, 2^32). */
  nextUint32(): number {
    return this.mt.nextUint32();
  }

  /**
   * The next 64-bit word (numpy's `next_uint64`: the first 32-bit draw is the high half) masked
   * with `maskHigh · 2^32 + (2^32 − 1)`, as an exact JS number (maskHigh < 2^21 keeps it < 2^53).
   */
  private nextUint64Masked(maskHigh: number): number {
    const hi = this.mt.nextUint32();
    const lo = this.mt.nextUint32();
    return (hi & maskHigh) * TWO32 + lo;
  }

  /** The next double in [0, 1) (numpy's `random_sample()` for one value). */
  nextDouble(): number {
    return this.mt.nextDouble();
  }

  /** numpy's `legacy_gauss`: polar Box–Muller, returning the cached second value when present. */
  private nextGauss(): number {
    if (this.hasGauss) {
      const g = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return g;
    }
    polarPair(this.mt, PAIR, 0);
    this.gauss = PAIR[1]!;
    this.hasGauss = true;
    return PAIR[0]!;
  }

  /**
   * `out[i] = nextGauss()` for every i, in order (numpy fills an array draw by draw): the same
   * draws, two per polar step straight into `out` (the cache serves a pending draw at the start
   * and keeps the second of an odd last pair).
   */
  private fillGauss(out: Float64Array): void {
    const n = out.length;
    let i = 0;
    if (n > 0 && this.hasGauss) out[i++] = this.nextGauss();
    for (; i + 1 < n; i += 2) polarPair(this.mt, out, i);
    if (i < n) out[i] = this.nextGauss();
  }

  /**
   * numpy's `random_interval(max)`: a uniform integer in [0, max] by masked rejection on 32-bit
   * words (64-bit words when max >= 2^32). Used by `shuffle` and `permutation`.
   */
  private interval(max: number): number {
    if (max === 0) return 0;
    const mask = genMask(max);
    const mt = this.mt;
    let v: number;
    if (max <= 0xffffffff) {
      do v = (mt.nextUint32() & mask) >>> 0;
      while (v > max);
    } else {
      const maskHigh = Math.floor(mask / TWO32);
      do v = this.nextUint64Masked(maskHigh);
      while (v > max);
    }
    return v;
  }

  /**
   * numpy's legacy bounded integer for the int64 dtype (`random_bounded_uint64_fill` with
   * `use_masked=True`): `off + v` with v uniform in [0, rng], by masked rejection on 32-bit words
   * when rng < 2^32 and on 64-bit words (high word first) otherwise.
   */
  private boundedFill(off: number, rng: number, out: { length: number; [i: number]: number }): void {
    const n = out.length;
    const mt = this.mt;
    if (rng === 0) {
      for (let i = 0; i < n; i++) out[i] = off;
    } else if (rng <= 0xffffffff) {
      if (rng === 0xffffffff) {
        for (let i = 0; i < n; i++) out[i] = off + mt.nextUint32();
      } else {
        const mask = genMask(rng);
        for (let i = 0; i < n; i++) {
          let v: number;
          do v = (mt.nextUint32() & mask) >>> 0;
          while (v > rng);
          out[i] = off + v;
        }
      }
    } else {
      const maskHigh = Math.floor(genMask(rng) / TWO32);
      for (let i = 0; i < n; i++) {
        let v: number;
        do v = this.nextUint64Masked(maskHigh);
        while (v > rng);
        out[i] = off + v;
      }
    }
  }

  // ---------------------------------------------------------------- uniform doubles

  /**
   * Uniform doubles in [0, 1) (numpy's `random_sample`). Each value uses two 32-bit words:
   * `((a >> 5) * 2^26 + (b >> 6)) / 2^53`. Without `size`: a number; with it: a float64 Tensor.
   *
   * ```ts
   * new RandomState(0).randomSample(); // 0.5488135039273248
   * ```
   */
  randomSample(): number;
  randomSample(size: RandomSize): Tensor;
  randomSample(size?: RandomSize | null): number | Tensor;
  randomSample(size?: RandomSize | null): number | Tensor {
    if (size === undefined || size === null) return this.mt.nextDouble();
    const shape = parseSize('randomSample', size);
    const out = new Float64Array(shapeSize(shape));
    this.mt.fillDoubles(out);
    return new Tensor(out, shape, 'float64');
  }

  /** numpy's `random(size)`: the same stream as `randomSample`. */
  random(): number;
  random(size: RandomSize): Tensor;
  random(size?: RandomSize | null): number | Tensor;
  random(size?: RandomSize | null): number | Tensor {
    return this.randomSample(size);
  }

  /**
   * Uniform doubles in [0, 1) of shape `[d0, d1, ...]` (numpy's `rand(d0, d1, ...)`); `rand()`
   * returns one number.
   *
   * ```ts
   * new RandomState(0).rand(2, 3).shape; // [2, 3]
   * ```
   */
  rand(): number;
  rand(...shape: number[]): Tensor;
  rand(...shape: number[]): number | Tensor {
    if (shape.length === 0) return this.mt.nextDouble();
    return this.randomSample(parseDims('rand', shape));
  }

  /**
   * Uniform doubles in [low, high): `low + (high - low) * u` with u from `randomSample`
   * (numpy's `uniform(low=0.0, high=1.0, size=None)`). `low` and `high` may be arrays/tensors,
   * broadcast against each other and against `size`.
   *
   * ```ts
   * new RandomState(0).uniform(-1, 1, [2, 2]).shape; // [2, 2]
   * ```
   */
  uniform(low?: number, high?: number): number;
  uniform(low: TensorLike, high: TensorLike, size?: RandomSize | null): Tensor;
  uniform(low: TensorLike | undefined, high: TensorLike | undefined, size: RandomSize): Tensor;
  uniform(low: TensorLike = 0, high: TensorLike = 1, size?: RandomSize | null): number | Tensor {
    const op = 'uniform';
    const lo = toParam(op, 'low', low);
    const hi = toParam(op, 'high', high);
    const shape = this.paramShape(op, [lo, hi], ['low', 'high'], size);
    const check = (l: number, h: number) => {
      if (!Number.isFinite(h - l))
        throw new ValueError(
          op,
          `the range high - low must be finite, received low=${show(l)}, high=${show(h)}`,
        );
    };
    if (shape === null) {
      check(lo.scalar!, hi.scalar!);
      return lo.scalar! + (hi.scalar! - lo.scalar!) * this.mt.nextDouble();
    }
    const n = shapeSize(shape);
    const out = new Float64Array(n);
    if (lo.scalar !== null && hi.scalar !== null) {
      const l = lo.scalar;
      const range = hi.scalar - l;
      check(l, hi.scalar);
      this.mt.fillDoubles(out);
      for (let i = 0; i < n; i++) out[i] = l + range * out[i]!;
      return new Tensor(out, shape, 'float64');
    }
    const li = broadcastIndex(lo.shape, shape);
    const hiIdx = broadcastIndex(hi.shape, shape);
    for (let i = 0; i < n; i++) check(lo.data[li[i]!]!, hi.data[hiIdx[i]!]!);
    this.mt.fillDoubles(out);
    for (let i = 0; i < n; i++) {
      const l = lo.data[li[i]!]!;
      out[i] = l + (hi.data[hiIdx[i]!]! - l) * out[i]!;
    }
    return new Tensor(out, shape, 'float64');
  }

  // ---------------------------------------------------------------- Gaussians

  /**
   * Standard normal draws N(0, 1) by numpy's legacy polar method (numpy's `standard_normal`).
   * Each polar step makes two values; the second is cached and returned by the next Gaussian
   * draw of any method (`randn`, `normal`, `standardNormal`), as in numpy.
   */
  standardNormal(): number;
  standardNormal(size: RandomSize): Tensor;
  standardNormal(size?: RandomSize | null): number | Tensor;
  standardNormal(size?: RandomSize | null): number | Tensor {
    if (size === undefined || size === null) return this.nextGauss();
    const shape = parseSize('standardNormal', size);
    const out = new Float64Array(shapeSize(shape));
    this.fillGauss(out);
    return new Tensor(out, shape, 'float64');
  }

  /**
   * Standard normal draws of shape `[d0, d1, ...]` (numpy's `randn(d0, d1, ...)`); `randn()`
   * returns one number.
   *
   * ```ts
   * new RandomState(0).randn(3).toList(); // [1.764052345967664, 0.4001572083672233, 0.9787379841057392]
   * ```
   */
  randn(): number;
  randn(...shape: number[]): Tensor;
  randn(...shape: number[]): number | Tensor {
    if (shape.length === 0) return this.nextGauss();
    return this.standardNormal(parseDims('randn', shape));
  }

  /**
   * Normal draws `loc + scale * z`, z ~ N(0, 1) from the legacy Gaussian (numpy's
   * `normal(loc=0.0, scale=1.0, size=None)`). `loc` and `scale` may be arrays/tensors,
   * broadcast against each other and against `size`; `scale` must be non-negative.
   *
   * ```ts
   * // numpy: np.random.seed(0); x = np.random.normal(size=(2, 1000))
   * seed(0);
   * const x = random.normal(0, 1, [2, 1000]); // the same 2000 draws
   * ```
   */
  normal(loc?: number, scale?: number): number;
  normal(loc: TensorLike, scale: TensorLike, size?: RandomSize | null): Tensor;
  normal(loc: TensorLike | undefined, scale: TensorLike | undefined, size: RandomSize): Tensor;
  normal(loc: TensorLike = 0, scale: TensorLike = 1, size?: RandomSize | null): number | Tensor {
    const op = 'normal';
    const lc = toParam(op, 'loc', loc);
    const sc = toParam(op, 'scale', scale);
    const shape = this.paramShape(op, [lc, sc], ['loc', 'scale'], size);
    for (let i = 0; i < sc.data.length; i++) {
      const s = sc.data[i]!;
      if (s < 0 || Object.is(s, -0))
        throw new ValueError(op, `scale must be non-negative (numpy: "scale < 0"), received ${show(s)}`);
    }
    if (shape === null) return lc.scalar! + sc.scalar! * this.nextGauss();
    const n = shapeSize(shape);
    const out = new Float64Array(n);
    this.fillGauss(out);
    if (lc.scalar !== null && sc.scalar !== null) {
      const l = lc.scalar;
      const c = sc.scalar;
      for (let i = 0; i < n; i++) out[i] = l + c * out[i]!;
    } else {
      const li = broadcastIndex(lc.shape, shape);
      const si = broadcastIndex(sc.shape, shape);
      for (let i = 0; i < n; i++) out[i] = lc.data[li[i]!]! + sc.data[si[i]!]! * out[i]!;
    }
    return new Tensor(out, shape, 'float64');
  }

  /**
   * Draws from the multivariate normal `N(mean, cov)` as numpy's legacy
   * `multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8)`: standard normals
   * `z` of shape `[...size, N]` from the stream first, then the SVD `cov = U diag(s) Vh` and
   * `mean + z @ (√s[:, None] * Vh)`. Returns a `[...size, N]` float64 tensor (`[N]` without `size`).
   *
   * The draws `z` are numpy's bit for bit. `Vh`'s rows are unique only up to sign and numpy takes
   * LAPACK's (see `svd`), so a sample equals numpy's (to rounding) where the signs agree and is
   * otherwise the same draw reflected along that eigenvector: the same distribution, another value.
   * `checkValid` ('warn' default, 'raise', 'ignore') tests `Vhᵀ diag(s) Vh ≈ cov` (numpy's
   * `allclose` with `rtol = atol = tol`): symmetric positive semi-definite; 'warn' writes numpy's
   * RuntimeWarning text to `console.warn`.
   *
   * ```ts
   * const rs = new RandomState(0);
   * rs.multivariateNormal([0, 0], [[1, 0.5], [0.5, 1]], 3).shape; // [3, 2]
   * ```
   */
  multivariateNormal(
    mean: TensorLike,
    cov: TensorLike,
    size?: RandomSize | null,
    options: { checkValid?: 'warn' | 'raise' | 'ignore'; tol?: number } = {},
  ): Tensor {
    const op = 'multivariateNormal';
    const mu = float64Arg(op, 'mean', mean, 'an array/tensor of numbers');
    const c = float64Arg(op, 'cov', cov, 'an array/tensor of numbers');
    if (mu.ndim !== 1)
      throw new ValueError(op, `mean must be 1 dimensional, received shape ${showShape(mu.shape)}`);
    if (c.ndim !== 2 || c.shape[0] !== c.shape[1])
      throw new ValueError(op, `cov must be 2 dimensional and square, received shape ${showShape(c.shape)}`);
    if (mu.shape[0] !== c.shape[0])
      throw new ValueError(
        op,
        `mean and cov must have same length, received mean ${showShape(mu.shape)} and cov ${showShape(c.shape)}`,
      );
    const checkValid = options.checkValid ?? 'warn';
    if (checkValid !== 'warn' && checkValid !== 'raise' && checkValid !== 'ignore')
      throw new ValueError(
        op,
        `checkValid must be 'warn', 'raise' or 'ignore', received ${show(checkValid)}`,
      );
    const tol = options.tol ?? 1e-8;
    if (typeof tol !== 'number' || !(tol >= 0))
      throw new ValueError(op, `tol must be a non-negative number, received ${show(tol)}`);
    const n = mu.shape[0]!;
    const shape = size === undefined || size === null ? [] : parseSize(op, size);
    const finalShape = [...shape, n];
    const z = new Float64Array(shapeSize(finalShape));
    this.fillGauss(z); // numpy draws before it decomposes cov
    const { S, Vh } = svd(c);
    const s = S.data as Float64Array;
    const vh = Vh.data as Float64Array;
    // numpy: psd = np.allclose(np.dot(v.T * s, v), cov, rtol=tol, atol=tol)
    if (
      checkValid !== 'ignore' &&
      !allclose(matmul(mul(transpose(Vh), S), Vh), c, { rtol: tol, atol: tol })
    ) {
      const message = 'covariance is not symmetric positive-semidefinite.';
      if (checkValid === 'raise') throw new ValueError(op, message);
      console.warn(`RuntimeWarning: ${op}: ${message}`);
    }
    // x = z @ (sqrt(s)[:, None] * Vh) + mean
    const t = new Float64Array(n * n);
    for (let k = 0; k < n; k++) {
      const r = Math.sqrt(s[k]!);
      for (let j = 0; j < n; j++) t[k * n + j] = r * vh[k * n + j]!;
    }
    const md = mu.data as Float64Array;
    const out = new Float64Array(z.length);
    for (let row = 0; row < z.length / n; row++)
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += z[row * n + k]! * t[k * n + j]!;
        out[row * n + j] = acc + md[j]!;
      }
    return new Tensor(out, finalShape, 'float64');
  }

  /** Output shape of a two-parameter distribution (numpy's `cont`); null for a scalar draw. */
  private paramShape(
    op: string,
    params: Param[],
    names: string[],
    size: RandomSize | null | undefined,
  ): number[] | null {
    let bshape: number[] = [];
    params.forEach((p, k) => {
      try {
        bshape = broadcastShapes(op, bshape, p.shape);
      } catch {
        throw new ShapeError(
          op,
          `${names.join(' and ')} cannot be broadcast together: ${names.map((nm, j) => `${nm} ${showShape(params[j]!.shape)}`).join(', ')} (at ${names[k]})`,
        );
      }
    });
    if (size === undefined || size === null) return params.every((p) => p.scalar !== null) ? null : bshape;
    const shape = parseSize(op, size);
    let ok = true;
    try {
      ok = sameShape(broadcastShapes(op, shape, bshape), shape);
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ShapeError(
        op,
        `size ${showShape(shape)} is not compatible with the parameters' broadcast shape ${showShape(bshape)}; expected the parameters to broadcast to size`,
      );
    return shape;
  }

  // ---------------------------------------------------------------- integers

  /**
   * Uniform integers in [low, high) (numpy's `randint(low, high=None, size=None)` with its
   * default int64 dtype and legacy masked rejection sampling). With one bound, draws from
   * [0, low). Without `size` returns a number; with it an int32 Tensor (`dtype: 'float64'`
   * gives a float64 Tensor, for ranges beyond int32; bounds up to 2^53 are exact).
   *
   * ```ts
   * new RandomState(0).randint(10, null, 5).toList(); // [5, 0, 3, 3, 7]
   * new RandomState(0).randint(1, 7);                 // one die roll
   * ```
   */
  randint(low: number, high?: number | null): number;
  randint(
    low: number,
    high: number | null | undefined,
    size: RandomSize,
    dtype?: 'int32' | 'float64',
  ): Tensor;
  randint(
    low: number,
    high?: number | null,
    size?: RandomSize | null,
    dtype?: 'int32' | 'float64',
  ): number | Tensor;
  randint(
    low: number,
    high?: number | null,
    size?: RandomSize | null,
    dtype: 'int32' | 'float64' = 'int32',
  ): number | Tensor {
    const op = 'randint';
    for (const [name, v] of [
      ['low', low],
      ['high', high],
    ] as const) {
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isSafeInteger(v))
        throw new ValueError(
          op,
          `${name} must be an integer with |${name}| <= 2**53 - 1, received ${show(v)}`,
        );
    }
    if (high === undefined || high === null) {
      if (low <= 0)
        throw new ValueError(
          op,
          `high <= 0: with one bound randint draws from [0, low), received low=${low}; expected low > 0`,
        );
      high = low;
      low = 0;
    }
    if (low >= high)
      throw new ValueError(op, `low >= high: received low=${low}, high=${high}; expected low < high`);
    if (dtype !== 'int32' && dtype !== 'float64')
      throw new ValueError(op, `dtype must be 'int32' or 'float64', received ${show(dtype)}`);
    const rng = high - 1 - low;
    if (!Number.isSafeInteger(rng))
      throw new ValueError(
        op,
        `the range [${low}, ${high}) is wider than 2**53 - 1, which JS numbers cannot draw exactly; received low=${low}, high=${high}`,
      );
    if (size === undefined || size === null) {
      const one = [0];
      this.boundedFill(low, rng, one);
      return one[0]!;
    }
    const shape = parseSize(op, size);
    if (dtype === 'int32' && (low < -2147483648 || high - 1 > 2147483647))
      throw new ValueError(
        op,
        `the range [${low}, ${high}) does not fit the int32 tensor returned; expected -2**31 <= low and high <= 2**31, or pass dtype 'float64'`,
      );
    const out = allocate(dtype, shapeSize(shape)) as Int32Array | Float64Array;
    this.boundedFill(low, rng, out);
    return new Tensor(out, shape, dtype);
  }

  /**
   * A random permutation (numpy's `permutation`): of `arange(n)` for an integer `n` (an int32
   * Tensor), or of a copy of `x` along axis 0 for a tensor (rows permuted, same dtype). Uses
   * the same draws as `shuffle`.
   *
   * ```ts
   * new RandomState(0).permutation(10).toList(); // [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]
   * ```
   */
  permutation(x: number | TensorLike): Tensor {
    const op = 'permutation';
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0 || x > 2147483647)
        throw new ValueError(
          op,
          `x must be a non-negative integer (the length of arange(x)) or a tensor, received ${show(x)}`,
        );
      const out = new Int32Array(x);
      for (let i = 0; i < x; i++) out[i] = i;
      this.shuffleFlat(out, 1);
      return new Tensor(out, [x], 'int32');
    }
    const t = x instanceof Tensor ? x : tensor(x as never);
    if (t.ndim === 0)
      throw new ValueError(op, `x must be an integer or at least 1-dimensional, received a 0-d tensor`);
    const n = t.shape[0]!;
    const rowSize = n === 0 ? 0 : t.size / n;
    if (t.ndim === 1) {
      const data = t.data.slice() as DataArray;
      this.shuffleFlat(data, 1);
      return new Tensor(data, t.shape, t.dtype);
    }
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    this.shuffleFlat(idx, 1);
    const out = allocate(t.dtype, t.size);
    for (let i = 0; i < n; i++)
      out.set(t.data.subarray(idx[i]! * rowSize, (idx[i]! + 1) * rowSize), i * rowSize);
    return new Tensor(out, t.shape, t.dtype as DType);
  }

  /**
   * Shuffle IN PLACE along axis 0 (numpy's `shuffle`): a tensor's storage (`x.data`, shared by
   * every view of it) or a JS array. Returns nothing, like numpy. Fisher–Yates from the end:
   * for i = n-1 down to 1 swap rows i and j = `random_interval(i)`.
   *
   * ```ts
   * const x = arange(10); new RandomState(0).shuffle(x); x.toList(); // [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]
   * ```
   */
  shuffle(x: Tensor | unknown[]): void {
    const op = 'shuffle';
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 1; i--) {
        const j = this.interval(i);
        const tmp = x[i];
        x[i] = x[j];
        x[j] = tmp;
      }
      return;
    }
    if (!(x instanceof Tensor))
      throw new ValueError(op, `x must be a Tensor or a JS array, received ${show(x)}`);
    if (x.ndim === 0) throw new ValueError(op, `x must be at least 1-dimensional, received a 0-d tensor`);
    if (x.requiresGrad)
      throw new ValueError(
        op,
        'x requires grad, and an in-place shuffle would corrupt the autograd graph; use permutation(x) for a shuffled copy',
      );
    const n = x.shape[0]!;
    this.shuffleFlat(x.data, n === 0 ? 1 : x.size / n);
  }

  /** Fisher–Yates over rows of `rowSize` contiguous elements (numpy's legacy shuffle loop). */
  private shuffleFlat(data: DataArray, rowSize: number): void {
    const n = rowSize === 0 ? 0 : data.length / rowSize;
    if (rowSize === 1) {
      for (let i = n - 1; i >= 1; i--) {
        const j = this.interval(i);
        const tmp = data[i]!;
        data[i] = data[j]!;
        data[j] = tmp;
      }
      return;
    }
    const buf = data.slice(0, rowSize);
    for (let i = n - 1; i >= 1; i--) {
      const j = this.interval(i);
      if (i === j) continue;
      buf.set(data.subarray(j * rowSize, (j + 1) * rowSize));
      data.copyWithin(j * rowSize, i * rowSize, (i + 1) * rowSize);
      data.set(buf, i * rowSize);
    }
  }

  /**
   * Random samples from `a` (numpy's legacy `choice(a, size=None, replace=True, p=None)`):
   * `a` is a population size n (samples are indices 0..n-1, an int32 Tensor) or a 1-D
   * array/tensor (samples are its entries). With `p`, sampling inverts the cumulative
   * distribution `cdf = cumsum(p) / sum(p)` at uniform draws (`searchsorted(..., 'right')`);
   * without replacement and without `p` it is `permutation(n)[:size]`; without replacement
   * and with `p` it repeats draws, zeroing the chosen entries' probabilities, as numpy does.
   * Without `size` returns one number.
   *
   * ```ts
   * new RandomState(0).choice(5, { size: 3 });                          // like np.random.choice(5, 3)
   * new RandomState(0).choice([10, 20, 30], { p: [0.5, 0.25, 0.25] }); // one of 10, 20, 30
   * ```
   */
  choice(a: number | TensorLike, options?: ChoiceOptions & { size?: null }): number;
  choice(a: number | TensorLike, options: ChoiceOptions & { size: RandomSize }): Tensor;
  choice(a: number | TensorLike, options?: ChoiceOptions): number | Tensor;
  choice(a: number | TensorLike, options: ChoiceOptions = {}): number | Tensor {
    const op = 'choice';
    const { size = null, replace = true, p = null } = options;
    const shape = size === null || size === undefined ? null : parseSize(op, size);
    const count = shape === null ? 1 : shapeSize(shape);
    let popSize: number;
    let pop: Tensor | null = null;
    if (typeof a === 'number') {
      if (!Number.isInteger(a) || a > 2147483647)
        throw new ValueError(
          op,
          `a must be a 1-D array or a positive integer (the population size), received ${show(a)}`,
        );
      if (a <= 0 && count !== 0)
        throw new ValueError(op, `a must be greater than 0 unless no samples are taken, received a=${a}`);
      popSize = a;
    } else {
      pop = a instanceof Tensor ? a : tensor(a as never);
      if (pop.ndim !== 1)
        throw new ValueError(
          op,
          `a must be 1-dimensional or an integer, received shape ${showShape(pop.shape)}`,
        );
      popSize = pop.shape[0]!;
      if (popSize === 0 && count !== 0)
        throw new ValueError(op, `a cannot be empty unless no samples are taken`);
    }
    if (typeof replace !== 'boolean')
      throw new ValueError(op, `replace must be true or false, received ${show(replace)}`);

    let probs: Float64Array | null = null;
    if (p !== null && p !== undefined) {
      const pt = p instanceof Tensor ? p : float64Arg(op, 'p', p, 'a 1-D array of probabilities');
      if (pt.ndim !== 1)
        throw new ValueError(op, `p must be 1-dimensional, received shape ${showShape(pt.shape)}`);
      if (pt.size !== popSize)
        throw new ValueError(
          op,
          `a and p must have the same size: p has ${pt.size} entries, the population has ${popSize}`,
        );
      probs = Float64Array.from(pt.data);
      // numpy: kahan_sum, NaN check, non-negativity, |sum - 1| <= sqrt(eps) (float32 p: sqrt(float32 eps))
      const atol =
        pt.dtype === 'float32' ? Math.sqrt(1.1920928955078125e-7) : Math.sqrt(2.220446049250313e-16);
      const pSum = kahanSum(probs);
      if (Number.isNaN(pSum)) throw new ValueError(op, `probabilities p contain NaN`);
      for (let i = 0; i < probs.length; i++)
        if (probs[i]! < 0)
          throw new ValueError(op, `probabilities p are not non-negative: p[${i}] = ${probs[i]}`);
      if (Math.abs(pSum - 1) > atol)
        throw new ValueError(
          op,
          `probabilities p do not sum to 1: the sum is ${pSum}; expected 1 within ${atol.toExponential(2)}`,
        );
    }

    let idx: Int32Array;
    if (replace) {
      if (probs !== null) {
        const cdf = cumulative(probs);
        idx = new Int32Array(count);
        const mt = this.mt;
        for (let i = 0; i < count; i++) idx[i] = searchSorted(cdf, mt.nextDouble(), true);
      } else {
        idx = new Int32Array(count);
        if (count > 0) this.boundedFill(0, popSize - 1, idx);
      }
    } else {
      if (count > popSize)
        throw new ValueError(
          op,
          `cannot take a larger sample than the population when replace=false: size ${count} > population ${popSize}`,
        );
      if (probs !== null) {
        let nonzero = 0;
        for (const v of probs) if (v > 0) nonzero++;
        if (nonzero < count)
          throw new ValueError(
            op,
            `fewer non-zero entries in p (${nonzero}) than size (${count}) with replace=false`,
          );
        idx = new Int32Array(count);
        let nUniq = 0;
        const mt = this.mt;
        while (nUniq < count) {
          const m = count - nUniq;
          const x = new Float64Array(m);
          for (let i = 0; i < m; i++) x[i] = mt.nextDouble();
          if (nUniq > 0) for (let i = 0; i < nUniq; i++) probs[idx[i]!] = 0;
          const cdf = cumulative(probs);
          const seen = new Set<number>();
          for (let i = 0; i < m; i++) {
            const k = searchSorted(cdf, x[i]!, true);
            if (!seen.has(k)) {
              seen.add(k);
              idx[nUniq + seen.size - 1] = k;
            }
          }
          nUniq += seen.size;
        }
      } else {
        const perm = new Int32Array(popSize);
        for (let i = 0; i < popSize; i++) perm[i] = i;
        this.shuffleFlat(perm, 1);
        idx = perm.slice(0, count);
      }
    }

    if (shape === null) {
      const k = idx[0]!;
      return pop === null ? k : pop.data[k]!;
    }
    if (pop === null) return new Tensor(idx, shape, 'int32');
    const out = allocate(pop.dtype, count);
    for (let i = 0; i < count; i++) out[i] = pop.data[idx[i]!]!;
    return new Tensor(out, shape, pop.dtype);
  }
}
