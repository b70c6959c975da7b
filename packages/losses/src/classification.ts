/**
 * Training losses with PyTorch semantics (`torch.nn.functional`): cross-entropy on logits with
 * class-index or probability targets, negative log-likelihood on log-probabilities, binary
 * cross-entropy (on probabilities and on logits), mean squared error, and L1/L2 penalties.
 * All are compositions of differentiable `@gradkit/core` ops, so `loss.backward()` works.
 *
 * Reductions follow PyTorch: `'mean'` (default) averages over the examples — for class weights,
 * the weighted mean `Σ wₙ lₙ / Σ wₙ` — `'sum'` adds, `'none'` returns one loss per example.
 */
import {
  abs,
  add,
  allocate,
  asTensor,
  DTypeError,
  div,
  gradients,
  isGradEnabled,
  log,
  maximum,
  mean,
  mul,
  neg,
  record,
  ShapeError,
  square,
  sub,
  sum,
  Tensor,
  type TensorLike,
  ValueError,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { logSigmoid, logSoftmax } from './softmax.js';

/** PyTorch's reduction modes. */
export type Reduction = 'mean' | 'sum' | 'none';

function checkReduction(op: string, r: unknown): Reduction {
  if (r !== 'mean' && r !== 'sum' && r !== 'none')
    throw new ValueError(op, `reduction must be 'mean', 'sum' or 'none', received ${show(r)}`);
  return r;
}

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'none' ? loss : reduction === 'sum' ? sum(loss) : mean(loss);
}

function isFloat(t: Tensor): boolean {
  return t.dtype === 'float64' || t.dtype === 'float32';
}

/** Options of `nllLoss` and `crossEntropy`. */
export interface ClassLossOptions {
  /** 'mean' (default: weighted mean over non-ignored examples), 'sum' or 'none' (`[N]`). */
  reduction?: Reduction;
  /** A manual rescaling weight per class, `[C]`. */
  weight?: TensorLike;
  /** Target value that contributes nothing (and is left out of the mean); default -100. */
  ignoreIndex?: number;
}

/** Validate `input [N, C]` (or `[C]`) against integer `target [N]` (or `[]`); returns per-example weights and the gather mask. */
function classTargets(op: string, input: Tensor, target: Tensor, options: ClassLossOptions) {
  if (!isFloat(input))
    throw new DTypeError(op, `input must be a float tensor of scores [N, C], received dtype ${input.dtype}`);
  if (input.ndim !== 1 && input.ndim !== 2)
    throw new ShapeError(
      op,
      `input must have shape [N, C] (or [C] for one example), received ${showShape(input.shape)}`,
    );
  const batched = input.ndim === 2;
  const n = batched ? input.shape[0]! : 1;
  const c = input.shape[input.ndim - 1]!;
  const expected = batched ? [n] : [];
  if (target.ndim !== expected.length || (batched && target.shape[0] !== n))
    throw new ShapeError(
      op,
      `target must have shape ${showShape(expected)} (class indices) for input ${showShape(input.shape)}, received ${showShape(target.shape)}`,
    );
  if (isFloat(target) && !target.toList().every(Number.isInteger))
    throw new DTypeError(
      op,
      `target must hold integer class indices (int32), received dtype ${target.dtype} with non-integer values; for probability targets pass shape ${showShape(input.shape)}`,
    );
  const ignoreIndex = options.ignoreIndex ?? -100;
  let w: Tensor | null = null;
  if (options.weight !== undefined) {
    w = asTensor(options.weight);
    if (w.ndim !== 1 || w.shape[0] !== c)
      throw new ShapeError(
        op,
        `weight must have shape [${c}] (one per class), received ${showShape(w.shape)}`,
      );
  }
  const mask = input.dtype === 'float32' ? new Float32Array(n * c) : new Float64Array(n * c); // w[y_n] at (n, y_n)
  const exampleWeight = new Float64Array(n);
  const keep = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = target.data[i]!;
    if (y === ignoreIndex) continue;
    if (y < 0 || y >= c)
      throw new ValueError(
        op,
        `target[${i}] = ${y} is out of range; expected a class index in [0, ${c - 1}] or ignoreIndex ${ignoreIndex}`,
      );
    const wy = w ? w.data[y]! : 1;
    mask[i * c + y] = wy;
    exampleWeight[i] = wy;
    keep[i] = 1;
  }
  return {
    n,
    c,
    batched,
    w,
    ignoreIndex,
    mask: new Tensor(mask, input.shape, input.dtype),
    exampleWeight,
    keep,
  };
}

/**
 * Negative log-likelihood loss on log-probabilities (PyTorch `nll_loss`):
 * `lₙ = -w[yₙ] · input[n, yₙ]`, reduced by `'mean'` = `Σ lₙ / Σ w[yₙ]` over non-ignored
 * examples, `'sum'`, or `'none'` (`[N]`). Input `[N, C]` (or `[C]`), target int `[N]` (or `[]`).
 *
 * ```ts
 * nllLoss(logSoftmax(logits), tensor([2, 0], { dtype: 'int32' })).item();
 * ```
 */
export function nllLoss(input: TensorLike, target: TensorLike, options: ClassLossOptions = {}): Tensor {
  return nllLossImpl('nllLoss', input, target, options);
}

function nllLossImpl(op: string, input: TensorLike, target: TensorLike, options: ClassLossOptions): Tensor {
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const x = asTensor(input);
  const { mask, batched, exampleWeight } = classTargets(op, x, asTensor(target), options);
  const perExample = neg(sum(mul(x, mask), { axis: -1 })); // [N] or []
  if (reduction === 'none') return perExample;
  const total = sum(perExample);
  if (reduction === 'sum' || !batched)
    return reduction === 'sum' ? total : div(total, exampleWeight[0] || Number.NaN);
  return div(
    total,
    exampleWeight.reduce((a, b) => a + b, 0),
  ); // 0/0 = NaN when all ignored, as PyTorch
}

/** Options of `crossEntropy`. */
export interface CrossEntropyOptions extends ClassLossOptions {
  /** Mix the target with the uniform distribution: `(1 - ε)·onehot + ε/C` (PyTorch `label_smoothing`). Default 0. */
  labelSmoothing?: number;
}

/**
 * Cross-entropy between logits and targets (PyTorch `cross_entropy`; book eq. 5.24 with the
 * softmax of eq. 5.22): `lₙ = -log softmax(xₙ)[yₙ]`, computed with a stable log-softmax over the
 * class axis (axis 1 of `[N, C]`). Targets are either class indices (int `[N]`; with `weight`,
 * `ignoreIndex` and `labelSmoothing` as PyTorch) or class probabilities (float `[N, C]`,
 * `lₙ = -Σ_c w_c pₙc log softmax(xₙ)_c`, mean divides by N).
 *
 * ```ts
 * const logits = tensor([[2, 0.5, -1], [0, 0, 3]], { requiresGrad: true });
 * const loss = crossEntropy(logits, tensor([0, 2], { dtype: 'int32' })); // mean over the batch
 * loss.backward(); // logits.grad = (softmax - onehot) / N
 * ```
 */
export function crossEntropy(
  logits: TensorLike,
  target: TensorLike,
  options: CrossEntropyOptions = {},
): Tensor {
  const op = 'crossEntropy';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const x = asTensor(logits);
  const t = asTensor(target);
  const eps = options.labelSmoothing ?? 0;
  if (typeof eps !== 'number' || !(eps >= 0 && eps <= 1))
    throw new ValueError(op, `labelSmoothing must be a number in [0, 1], received ${show(eps)}`);
  if (!isFloat(x))
    throw new DTypeError(op, `logits must be a float tensor [N, C], received dtype ${x.dtype}`);
  if (eps === 0 && options.weight === undefined && reduction !== 'none') {
    const fused = crossEntropyFused(x, t, reduction, options.ignoreIndex ?? -100, options);
    if (fused !== null) return fused;
  }
  return crossEntropyComposite(x, t, reduction, eps, options);
}

/** `crossEntropy` as the composition log-softmax → nll (every case; the fused path's reference). */
function crossEntropyComposite(
  x: Tensor,
  t: Tensor,
  reduction: Reduction,
  eps: number,
  options: CrossEntropyOptions,
): Tensor {
  const op = 'crossEntropy';
  const logp = logSoftmax(x, { axis: -1 });
  const c = x.shape[x.ndim - 1]!;

  // probability targets: same shape as the logits
  if (isFloat(t) && t.ndim === x.ndim && t.shape.every((d, i) => d === x.shape[i])) {
    let p: Tensor = t;
    if (eps > 0) p = add(mul(1 - eps, t), eps / c);
    let wlogp: Tensor = logp;
    if (options.weight !== undefined) {
      const w = asTensor(options.weight);
      if (w.ndim !== 1 || w.shape[0] !== c)
        throw new ShapeError(
          op,
          `weight must have shape [${c}] (one per class), received ${showShape(w.shape)}`,
        );
      wlogp = mul(logp, w);
    }
    const perExample = neg(sum(mul(p, wlogp), { axis: -1 }));
    return reduce(perExample, reduction);
  }

  const nll = nllLossImpl(op, logp, t, { ...options, reduction });
  if (eps === 0) return nll;
  // PyTorch's label smoothing: (1 - ε) nll + ε/C · Σ_c -w_c log p_c (ignored examples contribute 0)
  const info = classTargets(op, x, t, options);
  const wlogp = info.w ? mul(logp, info.w) : logp;
  const keep = new Tensor(
    x.dtype === 'float32' ? Float32Array.from(info.keep) : info.keep,
    info.batched ? [info.n] : [],
    x.dtype,
  );
  const smooth = mul(neg(sum(wlogp, { axis: -1 })), keep);
  let smoothRed: Tensor;
  if (reduction === 'none') smoothRed = smooth;
  else if (reduction === 'sum') smoothRed = sum(smooth);
  else if (info.w)
    smoothRed = div(
      sum(smooth),
      info.exampleWeight.reduce((a, b) => a + b, 0),
    );
  else
    smoothRed = div(
      sum(smooth),
      info.keep.reduce((a, b) => a + b, 0),
    ); // mean over non-ignored examples
  return add(mul(1 - eps, nll), mul(eps / c, smoothRed));
}

/**
 * Forward kernel of the fused cross-entropy over float32 logits `xd` `[n, c]`: fills `e` with
 * `exp(x - max)` and `s` with the row sums (both kept for the backward) and returns
 * `Σ_n -log softmax(x_n)[y_n]`, every element-wise result rounded to float32 (`Math.fround`) as
 * the composition stores it. Kept apart from the op so V8 optimises the loops on their own.
 */
function ceForward32(
  xd: Float32Array,
  td: Int32Array,
  n: number,
  c: number,
  e: Float32Array,
  s: Float32Array,
): number {
  const fr = Math.fround;
  let totalAcc = 0;
  for (let i = 0, b = 0; i < n; i++, b += c) {
    // max over the row (NaN-propagating, as `max`)
    let m = xd[b]!;
    for (let k = 1; k < c; k++) {
      const v = xd[b + k]!;
      if (v > m || v !== v) m = v;
      if (m !== m) break;
    }
    let acc = 0;
    let finite = 0; // Σ_j (x_ij - max): finite iff every shifted logit is
    for (let j = 0; j < c; j++) {
      const sh = fr(xd[b + j]! - m);
      const ev = fr(Math.exp(sh));
      e[b + j] = ev;
      acc += ev;
      finite += sh;
    }
    const si = fr(acc);
    s[i] = si;
    const li = fr(Math.log(si));
    // nll: Σ_j logp_ij · [j = y_i], summed over the whole row as the masked sum does. With every
    // logp_ij finite the other terms are ±0, so the sum is logp_iy (+0 for a zero); otherwise
    // (an infinite or NaN logit) the whole row is summed to keep the NaN the composition gives.
    const y = td[i]!;
    let row = 0;
    if (finite - finite === 0 && li - li === 0) {
      const lp = fr(fr(xd[b + y]! - m) - li);
      row = lp === 0 ? 0 : lp;
    } else for (let j = 0; j < c; j++) row += fr(fr(fr(xd[b + j]! - m) - li) * (j === y ? 1 : 0));
    totalAcc += -fr(row);
  }
  return fr(totalAcc);
}

/** `ceForward32` for float64 logits (no rounding between the steps). */
function ceForward64(
  xd: Float64Array,
  td: Int32Array,
  n: number,
  c: number,
  e: Float64Array,
  s: Float64Array,
): number {
  let totalAcc = 0;
  for (let i = 0, b = 0; i < n; i++, b += c) {
    // max over the row (NaN-propagating, as `max`)
    let m = xd[b]!;
    for (let k = 1; k < c; k++) {
      const v = xd[b + k]!;
      if (v > m || v !== v) m = v;
      if (m !== m) break;
    }
    let acc = 0;
    let finite = 0;
    for (let j = 0; j < c; j++) {
      const sh = xd[b + j]! - m;
      const ev = Math.exp(sh);
      e[b + j] = ev;
      acc += ev;
      finite += sh;
    }
    const si = acc;
    s[i] = si;
    const li = Math.log(si);
    // nll as in ceForward32 (a sum that overflows to ±∞ just takes the full loop)
    const y = td[i]!;
    let row = 0;
    if (finite - finite === 0 && li - li === 0) {
      const lp = xd[b + y]! - m - li;
      row = lp === 0 ? 0 : lp;
    } else for (let j = 0; j < c; j++) row += (xd[b + j]! - m - li) * (j === y ? 1 : 0);
    totalAcc += -row;
  }
  return totalAcc;
}

/**
 * Backward kernel of the fused cross-entropy (float32): `gx[n, j] = d loss / d x[n, j]` from the
 * seed `gTotal` of the summed loss, as the composition's chain computes it (mask, log, sum, exp,
 * sub), with its float32 roundings.
 */
function ceBackward32(
  gTotal: number,
  td: Int32Array,
  n: number,
  c: number,
  e: Float32Array,
  s: Float32Array,
  gx: Float32Array,
): void {
  const fr = Math.fround;
  const ng = -gTotal; // d loss / d logp_ij before the mask
  const gdHit = fr(ng * 1);
  const gdMiss = fr(ng * 0);
  // d loss / d log s_i = Σ_j -gd_ij: one gdHit among ±0 (or NaN) terms, so the same sum for every row
  let acc = 0;
  for (let j = 0; j < c; j++) acc += -(j === 0 ? gdHit : gdMiss);
  const gl = fr(acc);
  for (let i = 0, b = 0; i < n; i++, b += c) {
    const gs = fr(gl / s[i]!); // through log: d/ds log s = 1/s
    for (let j = 0; j < c; j++) gx[b + j] = gdMiss + fr(gs * e[b + j]!);
    const y = b + td[i]!;
    gx[y] = gdHit + fr(gs * e[y]!);
  }
}

/** `ceBackward32` for float64. */
function ceBackward64(
  gTotal: number,
  td: Int32Array,
  n: number,
  c: number,
  e: Float64Array,
  s: Float64Array,
  gx: Float64Array,
): void {
  const ng = -gTotal; // d loss / d logp_ij before the mask
  const gdHit = ng * 1;
  const gdMiss = ng * 0;
  let acc = 0;
  for (let j = 0; j < c; j++) acc += -(j === 0 ? gdHit : gdMiss);
  for (let i = 0, b = 0; i < n; i++, b += c) {
    const gs = acc / s[i]!;
    for (let j = 0; j < c; j++) gx[b + j] = gdMiss + gs * e[b + j]!;
    const y = b + td[i]!;
    gx[y] = gdHit + gs * e[y]!;
  }
}

const scratch32: Float32Array[] = [new Float32Array(0), new Float32Array(0)];
const scratch64: Float64Array[] = [new Float64Array(0), new Float64Array(0)];
/** Reused work buffer `k` (0 or 1) of at least `size` elements, for a forward that records no backward. */
function scratch(f32: boolean, k: number, size: number): Float32Array | Float64Array {
  const pool = f32 ? scratch32 : scratch64;
  if (pool[k]!.length < size) pool[k] = f32 ? new Float32Array(size) : new Float64Array(size);
  return pool[k]!;
}

/**
 * The common case of `crossEntropy` — logits `[N, C]`, int32 class indices `[N]` all in range
 * (none equal to `ignoreIndex`), no class weights, no label smoothing, `'mean'` or `'sum'` — in
 * one pass over the raw arrays with one recorded node, instead of the ~14 recorded ops (and their
 * temporaries) of log-softmax → nll. Bit-identical to the composition, forward and backward: it
 * performs the same roundings in the same order (values rounded to the dtype after every
 * element-wise op, sums accumulated in float64 from 0 in index order and rounded once, as the
 * core reductions do), including the signed zeros and NaN propagation. Returns null when the case
 * does not apply (the caller then runs the composition, which also reports bad input). Under
 * `createGraph` the backward differentiates the composition, so higher derivatives stay exact.
 */
function crossEntropyFused(
  x: Tensor,
  t: Tensor,
  reduction: 'mean' | 'sum',
  ignoreIndex: number,
  options: CrossEntropyOptions,
): Tensor | null {
  if (x.ndim !== 2 || t.ndim !== 1 || t.dtype !== 'int32') return null;
  const n = x.shape[0]!;
  const c = x.shape[1]!;
  if (n === 0 || c === 0 || t.shape[0] !== n) return null;
  const td = t.data as Int32Array;
  for (let i = 0; i < n; i++) {
    const y = td[i]!;
    if (y < 0 || y >= c || y === ignoreIndex) return null;
  }
  const xd = x.data;
  const f32 = xd instanceof Float32Array;
  const fr = f32 ? Math.fround : (v: number) => v;
  // exp(x - max) and the row sums: kept for the backward when it will run, else reused scratch
  const keep = x.requiresGrad && isGradEnabled();
  const dt = f32 ? 'float32' : 'float64';
  const e = keep ? allocate(dt, n * c, 'crossEntropy') : scratch(f32, 0, n * c);
  const s = keep ? allocate(dt, n, 'crossEntropy') : scratch(f32, 1, n);
  const total = f32
    ? ceForward32(xd, td, n, c, e as Float32Array, s as Float32Array)
    : ceForward64(xd as Float64Array, td, n, c, e as Float64Array, s as Float64Array);
  // 'mean' divides by Σ w[y_n] = N (a weak scalar, so rounded to the dtype first)
  const value = reduction === 'mean' ? fr(total / fr(n)) : total;
  const out = new Tensor(f32 ? Float32Array.of(value) : Float64Array.of(value), [], x.dtype);
  return record(out, 'crossEntropy', [x], (grad) => {
    if (isGradEnabled()) {
      // createGraph: the gradient must itself be differentiable — take it through the composition
      const composite = crossEntropyComposite(x, t, reduction, 0, options);
      return gradients(composite, [x], { gradOutput: grad, createGraph: true });
    }
    const g0 = grad.data[0]!;
    const gx = f32 ? new Float32Array(n * c) : new Float64Array(n * c);
    const gTotal = reduction === 'mean' ? fr(g0 / fr(n)) : g0;
    if (f32) ceBackward32(gTotal, td, n, c, e as Float32Array, s as Float32Array, gx as Float32Array);
    else ceBackward64(gTotal, td, n, c, e as Float64Array, s as Float64Array, gx as Float64Array);
    return [new Tensor(gx, x.shape, x.dtype)];
  });
}

/** Options of the binary cross-entropies. */
export interface BinaryLossOptions {
  reduction?: Reduction;
  /** A rescaling weight broadcast against the per-element loss. */
  weight?: TensorLike;
}

/**
 * Binary cross-entropy on probabilities (PyTorch `binary_cross_entropy`; book eq. 5.19 per
 * element): `l = -w [y log p + (1 - y) log(1 - p)]`, each log clamped at -100 as PyTorch does so
 * p = 0 or 1 gives a finite loss. Prefer `binaryCrossEntropyWithLogits` on raw model outputs.
 *
 * ```ts
 * binaryCrossEntropy(tensor([0.8, 0.1]), tensor([1, 0])).item(); // mean of -log 0.8, -log 0.9
 * ```
 */
export function binaryCrossEntropy(p: TensorLike, y: TensorLike, options: BinaryLossOptions = {}): Tensor {
  const op = 'binaryCrossEntropy';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const pt = asTensor(p);
  const yt = asTensor(y);
  checkSameShape(op, pt, yt, 'input', 'target');
  for (const v of pt.data)
    if (!(v >= 0 && v <= 1))
      throw new ValueError(op, `input probabilities must lie in [0, 1], received ${v}`);
  const logP = maximum(log(pt), -100);
  const log1mP = maximum(log(sub(1, pt)), -100);
  let l = neg(add(mul(yt, logP), mul(sub(1, yt), log1mP)));
  if (options.weight !== undefined) l = mul(l, options.weight);
  return reduce(l, reduction);
}

/** Options of `binaryCrossEntropyWithLogits`. */
export interface BinaryWithLogitsOptions extends BinaryLossOptions {
  /** Weight of positive examples, broadcast over the classes (PyTorch `pos_weight`). */
  posWeight?: TensorLike;
}

/**
 * Binary cross-entropy on logits (PyTorch `binary_cross_entropy_with_logits`): the loss of
 * `binaryCrossEntropy(sigmoid(z), y)` computed as `max(z, 0) - z y + log(1 + e^{-|z|})` (with
 * `posWeight` p: `(1 - y) z + (1 + (p - 1) y)(log(1 + e^{-|z|}) + max(-z, 0))`), finite for
 * every finite z. With `reduction: 'sum'` it is the Bernoulli NLL of Loss II from model outputs.
 *
 * ```ts
 * binaryCrossEntropyWithLogits(tensor([1000, -1000]), tensor([1, 0])).item(); // 0
 * ```
 */
export function binaryCrossEntropyWithLogits(
  z: TensorLike,
  y: TensorLike,
  options: BinaryWithLogitsOptions = {},
): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const zt = asTensor(z);
  const yt = asTensor(y);
  checkSameShape(op, zt, yt, 'input', 'target');
  // log(1 + e^{-z}) = -log σ(z) and log(1 + e^{z}) = -log σ(-z), both from the stable logSigmoid
  let l: Tensor;
  if (options.posWeight !== undefined) {
    const pw = asTensor(options.posWeight);
    // (1 - y) z + (1 + (p - 1) y) log(1 + e^{-z})
    l = sub(mul(sub(1, yt), zt), mul(add(1, mul(sub(pw, 1), yt)), logSigmoid(zt)));
  } else {
    // y log(1 + e^{-z}) + (1 - y) log(1 + e^{z})
    l = neg(add(mul(yt, logSigmoid(zt)), mul(sub(1, yt), logSigmoid(neg(zt)))));
  }
  if (options.weight !== undefined) l = mul(l, options.weight);
  return reduce(l, reduction);
}

function checkSameShape(op: string, a: Tensor, b: Tensor, an: string, bn: string): void {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i]))
    throw new ShapeError(
      op,
      `${bn} shape ${showShape(b.shape)} must equal ${an} shape ${showShape(a.shape)}`,
    );
}

/**
 * Mean squared error (PyTorch `mse_loss`): `(x - y)²` reduced by mean (default), sum or none.
 * `mseLoss(pred, y, { reduction: 'sum' })` is the book's least squares (eq. 5.10, `sumOfSquares`).
 */
export function mseLoss(
  input: TensorLike,
  target: TensorLike,
  options: { reduction?: Reduction } = {},
): Tensor {
  const op = 'mseLoss';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const x = asTensor(input);
  const y = asTensor(target);
  checkSameShape(op, x, y, 'input', 'target');
  return reduce(square(sub(x, y)), reduction);
}

/** Mean absolute error (PyTorch `l1_loss`): `|x - y|` reduced by mean (default), sum or none. */
export function l1Loss(
  input: TensorLike,
  target: TensorLike,
  options: { reduction?: Reduction } = {},
): Tensor {
  const op = 'l1Loss';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const x = asTensor(input);
  const y = asTensor(target);
  checkSameShape(op, x, y, 'input', 'target');
  return reduce(abs(sub(x, y)), reduction);
}

function paramList(op: string, params: TensorLike | readonly Tensor[]): Tensor[] {
  if (Array.isArray(params) && params.every((p) => p instanceof Tensor)) {
    if (params.length === 0)
      throw new ValueError(op, 'params must hold at least one tensor, received an empty list');
    return params as Tensor[];
  }
  return [asTensor(params as TensorLike)];
}

/**
 * L1 penalty `Σ |w|` over one tensor or a list of tensors (lasso; book section 9.1 lists it
 * beside L2). Multiply by λ and add to the loss.
 */
export function l1Penalty(params: TensorLike | readonly Tensor[]): Tensor {
  return paramList('l1Penalty', params)
    .map((p) => sum(abs(p)))
    .reduce((a, b) => add(a, b));
}

/**
 * L2 penalty `½ Σ w²` over one tensor or a list of tensors — D2L's `l2_penalty` (section 3.7),
 * whose gradient `w` is what an optimizer's `weightDecay` adds. The book's regulariser
 * `λ Σ φ²` (eq. 9.5) equals `2λ · l2Penalty(φ)`.
 *
 * ```ts
 * l2Penalty(tensor([3, 4])).item(); // 12.5
 * ```
 */
export function l2Penalty(params: TensorLike | readonly Tensor[]): Tensor {
  return paramList('l2Penalty', params)
    .map((p) => div(sum(square(p)), 2))
    .reduce((a, b) => add(a, b));
}
