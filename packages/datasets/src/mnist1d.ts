/**
 * MNIST-1D (Greydanus & Kobak, "Scaling down deep learning with MNIST-1D", ICML 2024;
 * github.com/greydanus/mnist1d): ten 1-D digit templates turned into 40-sample signals by
 * padding, dilation (linear interpolation), scaling, translation, correlated and iid noise, shear
 * and a final subsampling, then shuffled, standardised and split into train and test sets.
 *
 * `makeMnist1d()` is a port of the reference `make_dataset` (`mnist1d/data.py`, with
 * `mnist1d/transform.py`) that draws from `RandomState` in the same order as the reference draws
 * from `np.random` — per example: `rand` (pad), `rand` (scale), `choice` (translate),
 * `randn(L)` (correlated noise), `randn(L)` (iid noise), `rand` (shear); then one `permutation(N)`
 * (and one `permutation(final_seq_length)` with `shuffleSeq`) — and computes every value with the
 * same floating-point operations (`np.interp`, scipy's `gaussian_filter` with sigma 2, mode
 * 'reflect', truncate 4, numpy's pairwise sums). With the default arguments it reproduces the
 * frozen dataset of the paper (`mnist1d_data.pkl`) to ~1e-15.
 */
import { fromData, RandomState, ShapeError, type Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { MNIST1D_DEFAULTS, type Mnist1dArgs } from './mnist1d-args.js';
import { linspace, pairwiseSum } from './signal.js';
import { transform } from './transforms.js';

export { MNIST1D_DEFAULTS, type Mnist1dArgs } from './mnist1d-args.js';

/** The digit templates: `x` `[10, templateLen]`, `t` `[templateLen]`, `y` `[10]` int32. */
export interface Mnist1dTemplates {
  x: Tensor;
  t: Tensor;
  y: Tensor;
}

/** A generated (or loaded) MNIST-1D dataset. */
export interface Mnist1dDataset {
  /** Training signals `[N_train, finalSeqLength]` float64 (examples as rows). */
  x: Tensor;
  /** Training labels `[N_train]` int32 in 0..9 (numpy's are int64). */
  y: Tensor;
  /** Test signals `[N_test, finalSeqLength]`. */
  xTest: Tensor;
  /** Test labels `[N_test]`. */
  yTest: Tensor;
  /** The (transformed) time axis `[finalSeqLength]` for plotting a signal against. */
  t: Tensor;
  templates: Mnist1dTemplates;
}

const TEMPLATE_VALUES: readonly (readonly number[])[] = [
  [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],
  [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],
  [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],
  [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],
  [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],
  [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],
  [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],
  [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],
  [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],
  [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],
];

/**
 * The ten MNIST-1D digit templates (the reference's `get_templates()`): each 12-point hand-drawn
 * shape is whitened (`(d - mean) / std` per row, numpy ddof 0), shifted to start at 0, and
 * divided by 6; `t = linspace(-5, 5, 12) / 6`.
 *
 * @example
 *   mnist1dTemplates().x.shape; // [10, 12]
 */
export function mnist1dTemplates(): Mnist1dTemplates {
  const rows = TEMPLATE_VALUES.length;
  const len = TEMPLATE_VALUES[0]!.length;
  const x = new Float64Array(rows * len);
  for (let r = 0; r < rows; r++) {
    const d = Float64Array.from(TEMPLATE_VALUES[r]!);
    const m = pairwiseSum(d) / len;
    for (let i = 0; i < len; i++) d[i]! -= m;
    const sq = d.map((v) => v * v);
    // numpy's std recomputes the mean of the already-centred row (x.std after x -= mean).
    const m2 = pairwiseSum(d) / len;
    for (let i = 0; i < len; i++) sq[i] = (d[i]! - m2) * (d[i]! - m2);
    const s = Math.sqrt(pairwiseSum(sq) / len);
    for (let i = 0; i < len; i++) d[i]! /= s;
    const first = d[0]!;
    for (let i = 0; i < len; i++) x[r * len + i] = (d[i]! - first) / 6;
  }
  const t = linspace(-5, 5, len).map((v) => v / 6);
  const y = Int32Array.from({ length: rows }, (_, i) => i);
  return { x: fromData(x, [rows, len]), t: fromData(t, [len]), y: fromData(y, [rows]) };
}

function checkArgs(op: string, a: Mnist1dArgs): void {
  const bad = (name: string, value: unknown, expected: string): never => {
    throw new ValueError(op, `args.${name} must be ${expected}, received ${show(value)}`);
  };
  const posInt = (name: keyof Mnist1dArgs) => {
    const v = a[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) bad(name, v, 'a positive integer');
  };
  posInt('numSamples');
  posInt('templateLen');
  posInt('maxTranslation');
  posInt('finalSeqLength');
  if (!(a.trainSplit >= 0 && a.trainSplit <= 1)) bad('trainSplit', a.trainSplit, 'a number in [0, 1]');
  if (
    !Array.isArray(a.padding) ||
    a.padding.length !== 2 ||
    !a.padding.every((p) => Number.isInteger(p) && p >= 0) ||
    a.padding[0] > a.padding[1]
  )
    bad('padding', a.padding, 'a pair [low, high] of non-negative integers with low <= high');
  for (const k of ['scaleCoeff', 'corrNoiseScale', 'iidNoiseScale', 'shearScale'] as const)
    if (typeof a[k] !== 'number' || !Number.isFinite(a[k])) bad(k, a[k], 'a finite number');
  if (typeof a.shuffleSeq !== 'boolean') bad('shuffleSeq', a.shuffleSeq, 'true or false');
  if (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 0xffffffff)
    bad('seed', a.seed, 'an integer in [0, 2^32 - 1]');
}

/** Options of {@link makeMnist1d}: any of the arguments, plus custom templates. */
export type MakeMnist1dOptions = Partial<Mnist1dArgs> & {
  /** Templates to transform instead of `mnist1dTemplates()` (x `[K, L]`, t `[L]`, y `[K]`). */
  templates?: Mnist1dTemplates;
};

/**
 * Generate MNIST-1D (the reference's `make_dataset(args)`), bit-compatible with the Python
 * generator for any arguments and seed. `numSamples // K` examples are made per template (K = 10),
 * in template order; the N examples are shuffled by `permutation(N)`; with `shuffleSeq` every
 * signal's positions are permuted by one `permutation(finalSeqLength)`; the whole array is
 * standardised `(x - mean) / std` (scalars over all examples; `t` is divided by the same std); the
 * first `floor(N · trainSplit)` examples are the training set.
 *
 * Shapes: `x` `[N_train, finalSeqLength]`, `y` `[N_train]`, `xTest` `[N - N_train, finalSeqLength]`.
 *
 * @example
 *   const d = makeMnist1d();              // the paper's frozen dataset (seed 42)
 *   d.x.shape;                             // [4000, 40]
 *   makeMnist1d({ seed: 0, numSamples: 1000, shuffleSeq: true }).xTest.shape; // [200, 40]
 */
export function makeMnist1d(options: MakeMnist1dOptions = {}): Mnist1dDataset {
  const op = 'makeMnist1d';
  const { templates: customTemplates, ...rest } = options;
  const args: Mnist1dArgs = { ...MNIST1D_DEFAULTS, padding: [...MNIST1D_DEFAULTS.padding], ...rest };
  for (const key of Object.keys(rest))
    if (!(key in MNIST1D_DEFAULTS))
      throw new ValueError(
        op,
        `unknown argument ${show(key)}; expected one of ${Object.keys(MNIST1D_DEFAULTS).join(', ')}, templates`,
      );
  checkArgs(op, args);
  const templates = customTemplates ?? mnist1dTemplates();
  const tx = templates.x;
  const tt = templates.t;
  if (
    tx.ndim !== 2 ||
    tt.ndim !== 1 ||
    tt.shape[0] !== tx.shape[1] ||
    templates.y.ndim !== 1 ||
    templates.y.shape[0] !== tx.shape[0]
  )
    throw new ShapeError(
      op,
      `templates must be x [K, L], t [L], y [K]; received x ${showShape(tx.shape)}, t ${showShape(tt.shape)}, y ${showShape(templates.y.shape)}`,
    );
  const [k, len] = tx.shape as [number, number];
  const rng = new RandomState(args.seed);
  const perClass = Math.floor(args.numSamples / k);
  const n = perClass * k;
  const L = args.finalSeqLength;
  const xs = new Float64Array(n * L);
  const ys = new Int32Array(n);
  let newT: Float64Array = new Float64Array(L);
  const tArr = Float64Array.from(tt.data);
  let row = 0;
  for (let label = 0; label < k; label++) {
    const template = Float64Array.from(tx.data.subarray(label * len, (label + 1) * len));
    const y = templates.y.data[label]!;
    for (let e = 0; e < perClass; e++) {
      const out = transform(template, tArr, args, rng);
      xs.set(out.x, row * L);
      ys[row] = y;
      newT = out.t;
      row++;
    }
  }
  const perm = rng.permutation(n).data;
  let x = new Float64Array(n * L);
  const yOut = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const src = perm[i]!;
    x.set(xs.subarray(src * L, (src + 1) * L), i * L);
    yOut[i] = ys[src]!;
  }
  if (args.shuffleSeq) {
    const seq = rng.permutation(L).data;
    const shuffled = new Float64Array(n * L);
    for (let i = 0; i < n; i++) for (let j = 0; j < L; j++) shuffled[i * L + j] = x[i * L + seq[j]!]!;
    x = shuffled;
  }
  // numpy: std = sqrt(sum((x - mean)²) / size), both sums pairwise over the flat array.
  const m = pairwiseSum(x) / x.length;
  const sq = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - m;
    sq[i] = d * d;
  }
  const s = Math.sqrt(pairwiseSum(sq) / sq.length);
  for (let i = 0; i < newT.length; i++) newT[i]! /= s;
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - m) / s;
  const split = Math.trunc(n * args.trainSplit);
  return {
    x: fromData(x.slice(0, split * L), [split, L]),
    y: fromData(yOut.slice(0, split), [split]),
    xTest: fromData(x.slice(split * L), [n - split, L]),
    yTest: fromData(yOut.slice(split), [n - split]),
    t: fromData(newT, [L]),
    templates,
  };
}

/**
 * Validate loaded MNIST-1D arrays and assemble a `Mnist1dDataset` (used by `loadMnist1d`):
 * `x` `[N, L]` and `xTest` `[M, L]` float, `y` `[N]` / `yTest` `[M]` integer labels in [0, 9],
 * `t` `[L]`. Errors name the directory, the file and the shapes.
 */
export function mnist1dFromArrays(
  a: {
    x: Tensor;
    y: Tensor;
    xTest: Tensor;
    yTest: Tensor;
    t: Tensor;
    templatesX?: Tensor | undefined;
    templatesT?: Tensor | undefined;
    templatesY?: Tensor | undefined;
  },
  options: { op?: string; dir?: string } = {},
): Mnist1dDataset {
  const op = options.op ?? 'mnist1dFromArrays';
  const where = options.dir === undefined ? '' : `${show(options.dir)}: `;
  const float = (name: string, t: Tensor, ndim: number) => {
    if (t.ndim !== ndim || (t.dtype !== 'float64' && t.dtype !== 'float32'))
      throw new ShapeError(
        op,
        `${where}${name} holds ${t.dtype} of shape ${showShape(t.shape)}; expected a ${ndim}-d float array`,
      );
  };
  float('x.npy', a.x, 2);
  float('x_test.npy', a.xTest, 2);
  float('t.npy', a.t, 1);
  const L = a.x.shape[1]!;
  if (a.xTest.shape[1] !== L || a.t.shape[0] !== L)
    throw new ShapeError(
      op,
      `${where}sequence lengths differ: x.npy ${showShape(a.x.shape)}, x_test.npy ${showShape(a.xTest.shape)}, t.npy ${showShape(a.t.shape)}; expected [N, L], [M, L] and [L]`,
    );
  checkLabels(op, `${where}y.npy`, a.y, a.x.shape[0]!, 10, 'x.npy');
  checkLabels(op, `${where}y_test.npy`, a.yTest, a.xTest.shape[0]!, 10, 'x_test.npy');
  const defaults = mnist1dTemplates();
  return {
    x: a.x,
    y: a.y,
    xTest: a.xTest,
    yTest: a.yTest,
    t: a.t,
    templates: {
      x: a.templatesX ?? defaults.x,
      t: a.templatesT ?? defaults.t,
      y: a.templatesY ?? defaults.y,
    },
  };
}

/** Check integer labels `[n]` in [0, classes - 1]. */
export function checkLabels(
  op: string,
  name: string,
  y: Tensor,
  n: number,
  classes: number,
  xName: string,
): void {
  if (y.ndim !== 1 || y.dtype !== 'int32')
    throw new ShapeError(
      op,
      `${name} holds ${y.dtype} of shape ${showShape(y.shape)}; expected integer labels of shape [${n}]`,
    );
  if (y.shape[0] !== n)
    throw new ShapeError(op, `${name} has ${y.shape[0]} labels but ${xName} has ${n} examples`);
  for (let i = 0; i < y.size; i++) {
    const v = y.data[i]!;
    if (v < 0 || v >= classes)
      throw new ValueError(op, `${name}: label ${i} is ${v}, expected a class index in [0, ${classes - 1}]`);
  }
}
