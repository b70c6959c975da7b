/**
 * Two-dimensional classification toys, the datasets of TensorFlow Playground and of scikit-learn's
 * `sklearn.datasets`: two interleaving half circles (`makeMoons`), two concentric circles
 * (`makeCircles`), Gaussian clusters (`makeBlobs`), the four quadrants of XOR (`makeXor`) and
 * interleaved spiral arms (`makeSpirals`). Each returns `x` `[N, 2]` (float64) and `y` `[N]`
 * (int32 class labels).
 *
 * `makeMoons`, `makeCircles` and `makeBlobs` repeat scikit-learn's code (1.x) draw for draw: with
 * an integer `randomState` (or a `RandomState`), the numbers equal
 * `sklearn.datasets.make_moons(n_samples, noise=noise, random_state=seed)` and friends, because
 * `RandomState` from `@gradkit/core` is numpy's legacy generator, exactly.
 */
import { fromData, RandomState, type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/** A labelled 2-D dataset. */
export interface Toy2DData {
  /** `[N, 2]` float64 points. */
  x: Tensor;
  /** `[N]` int32 class labels, `0 … classes − 1`. */
  y: Tensor;
}

/** Options shared by the 2-D toys. */
export interface Toy2DOptions {
  /** Number of points N (scikit-learn's `n_samples`; default 100). */
  nSamples?: number;
  /** Standard deviation of the Gaussian noise added to the points (default 0: none). */
  noise?: number;
  /** Shuffle the points (default true, as scikit-learn). */
  shuffle?: boolean;
  /** An integer seed or a `RandomState` (numpy's `random_state`; default: a fresh unseeded generator). */
  randomState?: number | RandomState;
}

function generatorOf(op: string, r: number | RandomState | undefined): RandomState {
  if (r === undefined) return new RandomState();
  if (r instanceof RandomState) return r;
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > 0xffffffff)
    throw new ValueError(
      op,
      `randomState must be an integer in [0, 2**32 - 1] or a RandomState, received ${show(r)}`,
    );
  return new RandomState(r);
}

function samplesOf(op: string, n: unknown, min = 1): number {
  const v = n ?? 100;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw new ValueError(op, `nSamples must be an integer ≥ ${min}, received ${show(v)}`);
  return v;
}

function nonNegative(op: string, name: string, v: unknown, fallback: number): number {
  const x = v ?? fallback;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
    throw new ValueError(op, `${name} must be a finite number ≥ 0, received ${show(x)}`);
  return x;
}

/** numpy's `linspace(start, stop, num, endpoint)`: `start + i·step`, the last exactly `stop` with `endpoint`. */
function linspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : Number.NaN;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** scikit-learn's `shuffle` (a permutation from `rng.shuffle(arange(n))`), then `X += normal(scale=noise, size=X.shape)` when noise is set. */
function finish(
  x: Float64Array,
  y: Int32Array,
  rng: RandomState,
  shuffle: boolean,
  noise: number | undefined,
): Toy2DData {
  const n = y.length;
  let px = x;
  let py = y;
  if (shuffle) {
    const idx = rng.permutation(n).data as Int32Array;
    px = new Float64Array(2 * n);
    py = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      px[2 * i] = x[2 * j]!;
      px[2 * i + 1] = x[2 * j + 1]!;
      py[i] = y[j]!;
    }
  }
  // scikit-learn adds noise whenever it is not None, so noise 0 still consumes the draws
  if (noise !== undefined) {
    const z = rng.normal(0, noise, [n, 2]).data as Float64Array;
    for (let i = 0; i < 2 * n; i++) px[i] = px[i]! + z[i]!;
  }
  return { x: fromData(px, [n, 2]), y: fromData(py, [n]) };
}

/**
 * Two interleaving half circles (scikit-learn's `make_moons`): ⌊N/2⌋ points on the upper half of
 * the unit circle (class 0) and the rest on a lower half circle shifted by (1, 0.5) (class 1),
 * shuffled, plus Gaussian noise of standard deviation `noise`.
 *
 * @example
 *   const { x, y } = makeMoons({ nSamples: 200, noise: 0.2, randomState: 0 }); // x [200, 2], y [200]
 */
export function makeMoons(options: Toy2DOptions = {}): Toy2DData {
  const op = 'makeMoons';
  const n = samplesOf(op, options.nSamples);
  const noise = options.noise === undefined ? undefined : nonNegative(op, 'noise', options.noise, 0);
  const rng = generatorOf(op, options.randomState);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const tOut = linspace(0, Math.PI, nOut);
  const tIn = linspace(0, Math.PI, nIn);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i]!);
    x[2 * i + 1] = Math.sin(tOut[i]!);
  }
  for (let i = 0; i < nIn; i++) {
    const k = nOut + i;
    x[2 * k] = 1 - Math.cos(tIn[i]!);
    x[2 * k + 1] = 1 - Math.sin(tIn[i]!) - 0.5;
    y[k] = 1;
  }
  return finish(x, y, rng, options.shuffle ?? true, noise);
}

/** Options of {@link makeCircles}. */
export interface MakeCirclesOptions extends Toy2DOptions {
  /** Radius of the inner circle relative to the outer one, in [0, 1) (default 0.8). */
  factor?: number;
}

/**
 * Two concentric circles (scikit-learn's `make_circles`): ⌊N/2⌋ points evenly round the unit
 * circle (class 0) and the rest round a circle of radius `factor` (class 1), shuffled, plus
 * Gaussian noise of standard deviation `noise`.
 *
 * @example
 *   const { x, y } = makeCircles({ nSamples: 200, noise: 0.1, factor: 0.5, randomState: 0 });
 */
export function makeCircles(options: MakeCirclesOptions = {}): Toy2DData {
  const op = 'makeCircles';
  const n = samplesOf(op, options.nSamples);
  const noise = options.noise === undefined ? undefined : nonNegative(op, 'noise', options.noise, 0);
  const factor = options.factor ?? 0.8;
  if (typeof factor !== 'number' || !(factor >= 0 && factor < 1))
    throw new ValueError(op, `factor must be a number in [0, 1), received ${show(factor)}`);
  const rng = generatorOf(op, options.randomState);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const tOut = linspace(0, 2 * Math.PI, nOut, false);
  const tIn = linspace(0, 2 * Math.PI, nIn, false);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i]!);
    x[2 * i + 1] = Math.sin(tOut[i]!);
  }
  for (let i = 0; i < nIn; i++) {
    const k = nOut + i;
    x[2 * k] = Math.cos(tIn[i]!) * factor;
    x[2 * k + 1] = Math.sin(tIn[i]!) * factor;
    y[k] = 1;
  }
  return finish(x, y, rng, options.shuffle ?? true, noise);
}

/** Options of {@link makeBlobs}. */
export interface MakeBlobsOptions extends Omit<Toy2DOptions, 'noise'> {
  /**
   * The cluster centres, `[[x, y], …]`, or how many to draw uniformly in `centerBox` (default 3,
   * scikit-learn's default).
   */
  centers?: number | readonly (readonly [number, number])[];
  /** Standard deviation of each cluster (default 1). */
  clusterStd?: number;
  /** The box centres are drawn from when `centers` is a count (default [-10, 10]). */
  centerBox?: readonly [number, number];
}

/**
 * Isotropic Gaussian clusters (scikit-learn's `make_blobs` with two features): ⌊N/K⌋ points
 * around each of the K centres (the first N mod K centres get one more), labelled by their
 * centre, shuffled. Centres given as a count are drawn first, `uniform(lo, hi, (K, 2))`.
 *
 * @example
 *   const { x, y } = makeBlobs({ nSamples: 150, centers: [[-1, 0], [1, 0], [0, 1.5]], clusterStd: 0.3, randomState: 0 });
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Toy2DData {
  const op = 'makeBlobs';
  const n = samplesOf(op, options.nSamples);
  const std = nonNegative(op, 'clusterStd', options.clusterStd, 1);
  const rng = generatorOf(op, options.randomState);
  const given = options.centers ?? 3;
  let centers: number[][];
  if (typeof given === 'number') {
    if (!Number.isInteger(given) || given < 1)
      throw new ValueError(op, `centers must be a positive integer or [[x, y], …], received ${show(given)}`);
    const [lo, hi] = options.centerBox ?? [-10, 10];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi))
      throw new ValueError(
        op,
        `centerBox must be [lo, hi] with lo ≤ hi, received ${show(options.centerBox)}`,
      );
    const c = rng.uniform(lo, hi, [given, 2]).data as Float64Array;
    centers = Array.from({ length: given }, (_, k) => [c[2 * k]!, c[2 * k + 1]!]);
  } else {
    if (
      !Array.isArray(given) ||
      given.length === 0 ||
      !given.every(
        (c) =>
          Array.isArray(c) && c.length === 2 && c.every((v) => typeof v === 'number' && Number.isFinite(v)),
      )
    )
      throw new ValueError(op, `centers must be a positive integer or [[x, y], …], received ${show(given)}`);
    centers = given.map((c) => [c[0], c[1]]);
  }
  const k = centers.length;
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  let at = 0;
  for (let c = 0; c < k; c++) {
    const m = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const z = rng.normal(centers[c]! as never, std, [m, 2]).data as Float64Array;
    x.set(z, 2 * at);
    y.fill(c, at, at + m);
    at += m;
  }
  return finish(x, y, rng, options.shuffle ?? true, undefined);
}

/**
 * The XOR problem (TensorFlow Playground's "Exclusive or"): N points drawn uniformly in the square
 * [−1, 1]², labelled 1 where both coordinates have the same sign (first and third quadrants) and
 * 0 elsewhere, plus Gaussian noise of standard deviation `noise` added after labelling. In numpy:
 * `x = rng.uniform(-1, 1, (N, 2)); y = (x[:, 0] * x[:, 1] > 0); x += rng.normal(scale=noise, size=(N, 2))`
 * (the noise is drawn only when `noise` is given; no shuffle: the points come in random order).
 *
 * @example
 *   const { x, y } = makeXor({ nSamples: 200, noise: 0.1, randomState: 0 });
 */
export function makeXor(options: Omit<Toy2DOptions, 'shuffle'> = {}): Toy2DData {
  const op = 'makeXor';
  const n = samplesOf(op, options.nSamples);
  const noise = options.noise === undefined ? undefined : nonNegative(op, 'noise', options.noise, 0);
  const rng = generatorOf(op, options.randomState);
  const x = rng.uniform(-1, 1, [n, 2]).data as Float64Array;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = x[2 * i]! * x[2 * i + 1]! > 0 ? 1 : 0;
  return finish(x, y, rng, false, noise);
}

/** Options of {@link makeSpirals}. */
export interface MakeSpiralsOptions extends Omit<Toy2DOptions, 'shuffle'> {
  /** Number of spiral arms, one class each (default 3). */
  classes?: number;
}

/**
 * Interleaved spiral arms, one per class (the spiral data of Stanford's CS231n notes, "Putting it
 * together: minimal neural network case study"): for arm j of K, ⌊N/K⌋ points (the first N mod K
 * arms one more) at radius r = linspace(0, 1) and angle t = linspace(4j, 4(j + 1)) + noise·randn,
 * placed at (r sin t, r cos t). `noise` perturbs the angle (CS231n uses 0.2); the arms are drawn
 * in class order and not shuffled.
 *
 * @example
 *   const { x, y } = makeSpirals({ nSamples: 300, classes: 3, noise: 0.2, randomState: 0 });
 */
export function makeSpirals(options: MakeSpiralsOptions = {}): Toy2DData {
  const op = 'makeSpirals';
  const n = samplesOf(op, options.nSamples);
  const noise = nonNegative(op, 'noise', options.noise, 0);
  const k = options.classes ?? 3;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new ValueError(op, `classes must be an integer in [1, nSamples = ${n}], received ${show(k)}`);
  const rng = generatorOf(op, options.randomState);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  let at = 0;
  for (let j = 0; j < k; j++) {
    const m = Math.floor(n / k) + (j < n % k ? 1 : 0);
    const r = linspace(0, 1, m);
    const t = linspace(j * 4, (j + 1) * 4, m);
    const z = rng.randn(m) as Tensor;
    for (let i = 0; i < m; i++) {
      const a = t[i]! + (z.data[i] as number) * noise;
      x[2 * (at + i)] = r[i]! * Math.sin(a);
      x[2 * (at + i) + 1] = r[i]! * Math.cos(a);
    }
    y.fill(j, at, at + m);
    at += m;
  }
  return { x: fromData(x, [n, 2]), y: fromData(y, [n]) };
}
