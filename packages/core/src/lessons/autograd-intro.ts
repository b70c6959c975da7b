/**
 * Lesson: "Intro to neural net training with autograd" (Tufts COMP 150 BDL). `grad` of scalar
 * and vector functions, of lists and dicts of arrays, linear regression by gradient descent, and
 * a feed-forward regression network whose parameters are a list of `{w, b}` dicts. Names follow
 * the notebook (camelCased); `grad` here is gradkit's (autograd's `autograd.grad`).
 *
 * ```ts
 * import { autogradIntro as ai, grad, tensor } from '@gradkit/core';
 * const { xND, yN } = ai.makeLinearToyData();
 * const loss = (w: Tensor) => ai.calcNegLikelihoodLinreg(w, xND, yN);
 * const [wOpt, history] = ai.runManyItersOfGradientDescent(loss, grad(loss), tensor([0, 0]), 300, 1e-6);
 * ```
 */

import { noGrad } from '../autograd/engine.js';
import { type PyTree, treeMap } from '../autograd/pytree.js';
import { show, showShape, ValueError } from '../errors.js';
import { RandomState } from '../random/index.js';
import { Tensor, tensor, zeros } from '../tensor.js';
import '../ops/unary.js';
import '../ops/reduce.js';
import '../ops/linalg.js';
import '../ops/shape.js';

/** Observation noise σ = 0.1 of the toy data and likelihoods. */
export const SIGMA = 0.1;

/** Per-iteration history of a gradient-descent run (the notebook's `history` dict). */
export interface History<X> {
  iter: number[];
  f: number[];
  x: X[];
  g: X[];
}

function scalar(op: string, v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof Tensor && v.size === 1) return v.data[0]!;
  throw new ValueError(op, `f must return a scalar (a number or a one-element Tensor), received ${show(v)}`);
}

/** `x - stepSize * g` leaf-wise over a pytree of Tensors / numbers, without recording. */
function step(x: PyTree, g: PyTree, stepSize: number): PyTree {
  return noGrad(() =>
    treeMap(
      (xi: Tensor | number, gi: Tensor | number) => {
        if (typeof xi === 'number') return xi - stepSize * (gi as number);
        return xi.sub((gi as Tensor).mul(stepSize));
      },
      x,
      g,
    ),
  );
}

/**
 * The notebook's `run_many_iters_of_gradient_descent`: `nIters` entries of history; at each
 * iteration after the first, `x ← x - stepSize · g(x)`; records f(x) and g(x). `x` may be a Tensor,
 * a number or any pytree of them. `onIter(iter, f(x), x)` is called after each iteration.
 * Returns `[x, history]`.
 */
export function runManyItersOfGradientDescent<X extends PyTree>(
  f: (x: X) => unknown,
  g: (x: X) => unknown,
  initX: X,
  nIters = 100,
  stepSize = 0.001,
  onIter?: (iter: number, loss: number, x: X) => void,
): [X, History<X>] {
  const op = 'runManyItersOfGradientDescent';
  if (!Number.isInteger(nIters) || nIters < 0)
    throw new ValueError(op, `nIters must be a non-negative integer, received ${show(nIters)}`);
  if (!Number.isFinite(stepSize))
    throw new ValueError(op, `stepSize must be a finite number, received ${show(stepSize)}`);
  let x = initX;
  const history: History<X> = { iter: [], f: [], x: [], g: [] };
  for (let iter = 0; iter < nIters; iter++) {
    if (iter > 0) x = step(x, g(x) as PyTree, stepSize) as X;
    history.iter.push(iter);
    history.f.push(
      scalar(
        op,
        noGrad(() => f(x)),
      ),
    );
    history.x.push(x);
    history.g.push(g(x) as X);
    onIter?.(iter, history.f[iter]!, x);
  }
  return [x, history];
}

/** One layer's parameters: weights `w` `[nIn, nOut]` and biases `b` `[nOut]`. */
export interface LayerParams {
  w: Tensor;
  b: Tensor;
}

/**
 * The notebook's `make_nn_params_as_list_of_dicts`: one `{w: [nIn, nOut], b: [nOut]}` per layer
 * for the sizes `[nDimsInput, ...nHiddensPerLayerList, nDimsOutput]`; `weightFillFunc(shape)` and
 * `biasFillFunc(shape)` fill them (zeros by default).
 *
 * ```ts
 * makeNnParamsAsListOfDicts({ nHiddensPerLayerList: [3], nDimsInput: 2 }); // w [2,3], b [3]; w [3,1], b [1]
 * ```
 */
export function makeNnParamsAsListOfDicts(
  options: {
    nHiddensPerLayerList?: readonly number[];
    nDimsInput?: number;
    nDimsOutput?: number;
    weightFillFunc?: (shape: [number, number]) => Tensor;
    biasFillFunc?: (shape: [number]) => Tensor;
  } = {},
): LayerParams[] {
  const sizes = [options.nDimsInput ?? 1, ...(options.nHiddensPerLayerList ?? [5]), options.nDimsOutput ?? 1];
  for (const s of sizes)
    if (!Number.isInteger(s) || s < 1)
      throw new ValueError(
        'makeNnParamsAsListOfDicts',
        `layer sizes must be positive integers, received ${show(sizes)}`,
      );
  const wf = options.weightFillFunc ?? ((s) => zeros(s));
  const bf = options.biasFillFunc ?? ((s) => zeros(s));
  const params: LayerParams[] = [];
  for (let i = 0; i + 1 < sizes.length; i++)
    params.push({ w: wf([sizes[i]!, sizes[i + 1]!]), b: bf([sizes[i + 1]!]) });
  return params;
}

/**
 * The notebook's `pretty_print_nn_param_list`, returned as a string: per layer, the shape and
 * the flattened values of `w` and `b`.
 */
export function prettyPrintNnParamList(params: readonly LayerParams[]): string {
  const shape = (t: Tensor) => `(${t.shape.join(', ')}${t.ndim === 1 ? ',' : ''})`;
  const lines: string[] = [];
  params.forEach((layer, ll) => {
    lines.push(`Layer ${ll}`);
    lines.push(`    w | size ${shape(layer.w).padStart(9)} | [${Array.from(layer.w.data).join(' ')}]`);
    lines.push(`    b | size ${shape(layer.b).padStart(9)} | [${Array.from(layer.b.data).join(' ')}]`);
  });
  return lines.join('\n');
}

/**
 * The notebook's `predict_y_given_x_with_NN`: `out = act(out_prev) · w + b` layer by layer (no
 * activation on the input), squeezed. `x` is `[N, nIn]`; a vector is read as one example when its
 * length is the input size, else as `N` one-dimensional examples. Differentiable.
 */
export function predictYGivenXWithNN(
  x: Tensor,
  nnParamList: readonly LayerParams[],
  activationFunc: (t: Tensor) => Tensor = (t) => t.tanh(),
): Tensor {
  if (nnParamList.length === 0)
    throw new ValueError('predictYGivenXWithNN', 'nnParamList must hold at least one layer, received []');
  let out: Tensor | null = null;
  nnParamList.forEach((layer, layerId) => {
    let inArr: Tensor;
    if (layerId === 0) {
      if (x.ndim > 1) inArr = x;
      else inArr = x.size === layer.w.shape[0] ? x.unsqueeze(0) : x.unsqueeze(1);
      if (inArr.shape[1] !== layer.w.shape[0])
        throw new ValueError(
          'predictYGivenXWithNN',
          `x has shape ${showShape(x.shape)} but the first layer expects ${layer.w.shape[0]} input dimensions`,
        );
    } else inArr = activationFunc(out!);
    out = inArr.matmul(layer.w).add(layer.b);
  });
  return out!.squeeze();
}

/** Toy data for the regression parts. */
export interface ToyData {
  /** Inputs `[N, D]`, uniform on [-5, 5). */
  xND: Tensor;
  /** Targets `[N]`. */
  yN: Tensor;
}

/**
 * The linear toy data: `x ~ U[-5, 5)^(N×D)`, `y = x·[4.2, -4.2] + 0.1 + σ ε` (the notebook's
 * `train_prng = np.random.RandomState(0)`: uniform then randn).
 */
export function makeLinearToyData(
  rng: RandomState = new RandomState(0),
  N = 300,
): ToyData & { trueWD: Tensor; trueBias: number } {
  const trueWD = tensor([4.2, -4.2]);
  const trueBias = 0.1;
  return noGrad(() => {
    const xND = rng.uniform(-5, 5, [N, 2]);
    const yN = xND.matmul(trueWD).add(trueBias).add(rng.randn(N).mul(SIGMA));
    return { xND, yN, trueWD, trueBias };
  });
}

/** The quadratic toy data: `y = x²·[-2, 2] + x·[4.2, -4.2] + σ ε` (the notebook's second dataset, RandomState(0)). */
export function makeQuadraticToyData(rng: RandomState = new RandomState(0), N = 300): ToyData {
  return noGrad(() => {
    const xND = rng.uniform(-5, 5, [N, 2]);
    const yN = xND
      .square()
      .matmul(tensor([-2.0, 2.0]))
      .add(xND.matmul(tensor([4.2, -4.2])))
      .add(rng.randn(N).mul(SIGMA));
    return { xND, yN };
  });
}

/**
 * Negative log-likelihood of linear regression without bias, up to a constant:
 * `0.5 / σ² · Σ_n (x_n · w - y_n)²` (the notebook's `calc_neg_likelihood_linreg`).
 */
export function calcNegLikelihoodLinreg(wD: Tensor, xND: Tensor, yN: Tensor, sigma = SIGMA): Tensor {
  return xND
    .matmul(wD)
    .sub(yN)
    .square()
    .sum()
    .mul(0.5 / (sigma * sigma));
}

/**
 * The network's regression loss `0.5 / σ² · Σ_n (y_n - ŷ_n)²` with `ŷ = predictYGivenXWithNN(x, params)`
 * (the notebook's `nn_regression_loss_function`).
 */
export function nnRegressionLoss(
  nnParams: readonly LayerParams[],
  xND: Tensor,
  yN: Tensor,
  sigma = SIGMA,
): Tensor {
  const yhat = predictYGivenXWithNN(xND, nnParams);
  return yN
    .sub(yhat)
    .square()
    .sum()
    .mul(0.5 / (sigma * sigma));
}

/**
 * The notebook's `run_many_iters_of_gradient_descent_with_list_of_dict`: gradient descent on a
 * list of `{w, b}` dicts (any pytree works). `log(iter, nIters, loss)` is called where the notebook
 * prints (iterations 1-3 and every 50th); returns `[params, history]`.
 */
export function runManyItersOfGradientDescentWithListOfDict<P extends PyTree>(
  f: (p: P) => unknown,
  g: (p: P) => unknown,
  initXListOfDict: P,
  nIters = 100,
  stepSize = 0.001,
  log?: (iter: number, nIters: number, loss: number) => void,
): [P, History<P>] {
  return runManyItersOfGradientDescent(f, g, initXListOfDict, nIters, stepSize, (iter, loss) => {
    if (log && (iter < 3 || (iter + 1) % 50 === 0)) log(iter + 1, nIters, loss);
  });
}
