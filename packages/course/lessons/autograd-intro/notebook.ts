/**
 * "Intro to neural net training with autograd" (Tufts COMP 150 BDL,
 * `tufts-intro-autograd-nn-training.md`), the notebook translated to library calls: `grad` of
 * scalar and vector functions, of lists and dicts of arrays, linear regression by gradient descent,
 * and a feed-forward regression network whose parameters are a list of `{w, b}` dicts. Names follow
 * the notebook (camelCased); `grad` is `@gradkit/core`'s (autograd's `autograd.grad`).
 *
 * ```ts
 * import { grad, type Tensor, tensor } from '@gradkit/core';
 * import * as ai from '@gradkit/course/lessons/autograd-intro/notebook';
 * const { xND, yN } = ai.makeLinearToyData();
 * const loss = (w: Tensor) => ai.calcNegLikelihoodLinreg(w, xND, yN);
 * const [wOpt, history] = ai.runManyItersOfGradientDescent(loss, grad(loss), tensor([0, 0]), 300, 1e-6);
 * ```
 */
import {
  arange,
  grad,
  hstack,
  linspace,
  noGrad,
  ones,
  type PyTree,
  RandomState,
  Tensor,
  tensor,
  treeMap,
  ValueError,
  zeros,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import type { Notebook } from '../../src/notebook.js';
import { numpyRepr, numpyStr } from '../../src/numpy-print.js';
import { pyFormat, pyStr } from '../../src/pyformat.js';

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
 * the flattened values of `w` and `b`. `formatValues` writes the flattened values: by default as
 * `[1 1 1]` (JavaScript's numbers); `numpyStr` gives what numpy prints (`[1. 1. 1.]`).
 */
export function prettyPrintNnParamList(
  params: readonly LayerParams[],
  formatValues: (values: number[]) => string = (v) => `[${v.join(' ')}]`,
): string {
  const shape = (t: Tensor) => `(${t.shape.join(', ')}${t.ndim === 1 ? ',' : ''})`;
  const flat = (t: Tensor) => formatValues(Array.from(t.data as ArrayLike<number>, Number));
  const lines: string[] = [];
  params.forEach((layer, ll) => {
    lines.push(`Layer ${ll}`);
    lines.push(`    w | size ${shape(layer.w).padStart(9)} | ${flat(layer.w)}`);
    lines.push(`    b | size ${shape(layer.b).padStart(9)} | ${flat(layer.b)}`);
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

/** A gradient-descent history with the notebook's keys (`iter`, `f`, `x_D`, `g_D`). */
const historyD = <X>(h: History<X>) => ({ iter: h.iter, f: h.f, x_D: h.x, g_D: h.g });

/** Python's `repr` of a list or dict of arrays and floats, as a notebook cell shows it. */
function reprTree(v: unknown): string {
  if (v instanceof Tensor) return numpyRepr(v);
  if (Array.isArray(v)) return `[${v.map(reprTree).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `'${k}': ${reprTree(x)}`)
      .join(', ')}}`;
  return pyStr(v);
}

/**
 * The notebook, top to bottom, its TODOs completed (exercise 1a, the trid function, linear
 * regression with a bias). The notebook draws the random weights from the unseeded global
 * `np.random`; here the random-fill example draws from `RandomState(0)` and the three trained
 * networks (H = 10, 30, 100, in this order) from `RandomState(1)`, as the fixture script
 * `tests/fixtures/gen_gradients_autograd_intro.py` does.
 */
export function run(nb: Notebook): void {
  const printArray = (t: Tensor) => nb.print(numpyStr(t));
  const display = (key: string, value: unknown, text: string) => {
    nb.show(key, value);
    nb.print(text);
  };

  // PART 1: grad of f(x) = x², and its plot.
  let f1 = (x: Tensor) => x.square();
  let g1 = grad(f1);
  display('g(0.0)', g1(0.0), pyStr(g1(0.0)));
  const gs = [g1(-1.0), g1(1.0)];
  display('[g(-1.0), g(1.0)]', gs, pyStr(gs));
  let x_grid_G = linspace(-10, 10, 100);
  const plotFG = () => {
    const xs = x_grid_G.toList() as number[];
    nb.show('[f(x_g) for x_g in x_grid_G]', f1(x_grid_G));
    nb.show(
      '[g(x_g) for x_g in x_grid_G]',
      xs.map((x) => g1(x) as number),
    );
  };
  plotFG();

  // Exercise 1a (TODO): f(x) = exp(-x/10) cos(x) and its gradient, plotted on 500 points.
  f1 = (x: Tensor) => x.div(-10).exp().mul(x.cos());
  g1 = grad(f1);
  x_grid_G = linspace(-10, 10, 500);
  plotFG();

  // PART 2: f(x) = sum(x²) of a vector.
  const f2 = (x: Tensor) => x.square().sum();
  const g2 = grad(f2);
  for (const x_D of [zeros(4), tensor([1.0, 2.0, 3.0, 4.0])]) {
    nb.show('x_D', x_D);
    printArray(x_D);
    display('f(x_D)', f2(x_D).item(), pyStr(f2(x_D).item()));
    const gx = g2(x_D) as Tensor;
    nb.show('g(x_D)', gx);
    printArray(gx);
  }

  // PART 3: gradient descent on sum(x²) from [-3, 4, -5, 6], then on the trid function (TODO).
  const init_x_D = tensor([-3.0, 4.0, -5.0, 6.0]);
  let [opt_x_D, history] = runManyItersOfGradientDescent(f2, g2, init_x_D, nb.steps(1000), 0.01);
  nb.show('history', historyD(history));
  const trid = (x: Tensor) =>
    x
      .index(0)
      .sub(1)
      .square()
      .add(x.index(1).sub(1).square())
      .sub(x.index(0).mul(x.index(1)));
  [opt_x_D, history] = runManyItersOfGradientDescent(
    trid,
    grad(trid),
    tensor([1.0, -1.0]),
    nb.steps(1000),
    0.01,
  );
  nb.show('history', historyD(history));

  // PART 4: linear regression by gradient descent (σ = 0.1, N = 300, D = 2).
  const N = 300;
  const D = 2;
  const sigma = SIGMA;
  const linear = makeLinearToyData(new RandomState(0), N); // train_prng = np.random.RandomState(0)
  const { trueWD: true_w_D, trueBias: true_bias } = linear;
  let { xND: x_ND, yN: y_N } = linear;
  const calc_neg_likelihood_linreg = (w: Tensor) => calcNegLikelihoodLinreg(w, x_ND, y_N, sigma);
  const calc_grad_wrt_w = grad(calc_neg_likelihood_linreg);
  const init_w_D = zeros(2);
  const f0 = calc_neg_likelihood_linreg(init_w_D).item();
  display('calc_neg_likelihood_linreg(init_w_D)', f0, pyStr(f0));
  const g0 = calc_grad_wrt_w(init_w_D) as Tensor;
  display('calc_grad_wrt_w(init_w_D)', g0, numpyRepr(g0));
  const [opt_w_D, linregHistory] = runManyItersOfGradientDescent(
    calc_neg_likelihood_linreg,
    calc_grad_wrt_w,
    init_w_D,
    nb.steps(300),
    0.000001,
  );
  history = linregHistory;
  nb.show('history', historyD(history));

  // Exercise 4b (TODO): weights and a bias, as one vector over inputs with a column of ones.
  const xtilde_NE = hstack([x_ND, ones([N, 1])]);
  const calc_neg_likelihood_linreg_with_bias = (wtilde: Tensor) =>
    calcNegLikelihoodLinreg(wtilde, xtilde_NE, y_N, sigma);
  const init_wtilde_E = zeros(3);
  const [opt_wtilde_E, biasHistory] = runManyItersOfGradientDescent(
    calc_neg_likelihood_linreg_with_bias,
    grad(calc_neg_likelihood_linreg_with_bias),
    init_wtilde_E,
    nb.steps(300),
    0.000001,
  );
  history = biasHistory;
  nb.show('history', historyD(history));

  // PART 5 setup: gradients of a list and of a dict of arrays.
  const w_list_of_arr = [zeros(3), arange(5)];
  const gList = grad((w: Tensor[]) => w[0]!.square().sum().add(w[1]!.square().sum()))(w_list_of_arr);
  nb.print('Type of the gradient is: ', "<class 'list'>", 'Result of the gradient is: ');
  display('g(w_list_of_arr)', gList, reprTree(gList));
  const dict_of_arr = { weights: arange(5), bias: 4.2 };
  const gDict = grad((d: { weights: Tensor; bias: Tensor }) =>
    d.weights.square().sum().add(d.bias.square().sum()),
  )(dict_of_arr) as { weights: Tensor; bias: number };
  nb.print('Type of the gradient is: ', "<class 'dict'>", 'Result of the gradient is: ');
  // a Python dict keeps the order of its keys: weights, then bias
  display('g(dict_of_arr)', gDict, reprTree({ weights: gDict.weights, bias: gDict.bias }));

  // PART 5: networks as lists of {w, b} dicts.
  const pretty = (p: LayerParams[]) => nb.print(prettyPrintNnParamList(p, (v) => numpyStr(v)));
  const exampleRandom = new RandomState(0); // the example's np.random.randn (unseeded in the notebook)
  let nn_params: LayerParams[] = [];
  for (const options of [
    { nHiddensPerLayerList: [], nDimsInput: 1 },
    { nHiddensPerLayerList: [], nDimsInput: 2 },
    { nHiddensPerLayerList: [3], nDimsInput: 2 },
    { nHiddensPerLayerList: [3], nDimsInput: 2, weightFillFunc: (s: [number, number]) => ones(s) },
    {
      nHiddensPerLayerList: [3],
      nDimsInput: 2,
      weightFillFunc: (s: [number, number]) => exampleRandom.randn(...s),
    },
    { nHiddensPerLayerList: [3, 4, 5, 6, 5, 4, 3], nDimsInput: 2 },
  ]) {
    nn_params = makeNnParamsAsListOfDicts({ ...options, nDimsOutput: 1 });
    pretty(nn_params);
  }

  const true_nn_params = [{ w: true_w_D.reshape([2, 1]), b: tensor([true_bias]) }];
  let yhat_N = predictYGivenXWithNN(x_ND, true_nn_params);
  nb.show('yhat_N', yhat_N);
  const zero_nn_params = makeNnParamsAsListOfDicts({
    nHiddensPerLayerList: [],
    nDimsInput: 2,
    nDimsOutput: 1,
  });
  yhat_N = predictYGivenXWithNN(x_ND, zero_nn_params);
  nb.show('yhat_N', yhat_N);

  /** `run_many_iters_of_gradient_descent_with_list_of_dict`, printing as the notebook does. */
  const train = (
    loss: (p: LayerParams[]) => Tensor,
    init: LayerParams[],
    nIters: number,
    stepSize: number,
  ) => {
    const start = performance.now();
    const [params, h] = runManyItersOfGradientDescentWithListOfDict(
      loss,
      grad(loss),
      init,
      nIters,
      stepSize,
      (iter, n, l) =>
        nb.print(
          pyFormat(
            'completed iter %5d/%d after %7.1f sec | loss %.6e',
            iter,
            n,
            (performance.now() - start) / 1000,
            l,
          ),
        ),
    );
    return [params, { iter: h.iter, f: h.f, x: h.x, g: h.g }] as const;
  };

  // Worked exercise 5a: the 0-layer network on the linear data, from the true and from zero parameters.
  const nn_regression_loss_function = (p: LayerParams[]) => nnRegressionLoss(p, x_ND, y_N, sigma);
  const [fromtrue_opt_nn_params, fromtrue_history] = train(
    nn_regression_loss_function,
    true_nn_params,
    nb.steps(100),
    0.000001,
  );
  pretty(fromtrue_opt_nn_params);
  const [fromzero_opt_nn_params, fromzero_history] = train(
    nn_regression_loss_function,
    zero_nn_params,
    nb.steps(100),
    0.000001,
  );
  pretty(fromzero_opt_nn_params);

  // The quadratic toy data and one hidden layer of H = 10, 30 and 100 tanh units.
  const quadratic = makeQuadraticToyData(new RandomState(0), N);
  x_ND = quadratic.xND;
  y_N = quadratic.yN;
  const wsq_D = tensor([-2.0, 2.0]);
  const w_D = tensor([4.2, -4.2]);
  const nonlinear_toy_nn_regression_loss_function = (p: LayerParams[]) =>
    nnRegressionLoss(p, x_ND, y_N, sigma);
  const initRandom = new RandomState(1); // the networks' np.random.randn (unseeded in the notebook)
  const trained: Record<string, unknown> = {};
  for (const [name, H, scale, nIters, stepSize] of [
    ['H10', 10, 0.1, 300, 0.000001],
    ['H30', 30, 0.1, 300, 0.000001],
    ['H100', 100, 0.05, 600, 0.0000005],
  ] as const) {
    const init = makeNnParamsAsListOfDicts({
      nHiddensPerLayerList: [H],
      nDimsInput: 2,
      nDimsOutput: 1,
      weightFillFunc: (s) => initRandom.randn(...s).mul(scale),
    });
    const [opt, h] = train(nonlinear_toy_nn_regression_loss_function, init, nb.steps(nIters), stepSize);
    yhat_N = predictYGivenXWithNN(x_ND, opt);
    nb.show('yhat_N', yhat_N);
    trained[`${name}_init_nn_params`] = init;
    trained[`${name}_opt_nn_params`] = opt;
    trained[`${name}_history`] = h;
  }

  nb.setAll({
    x_grid_G,
    init_x_D,
    opt_x_D,
    N,
    D,
    sigma,
    true_w_D,
    true_bias,
    x_ND,
    y_N,
    init_w_D,
    opt_w_D,
    xtilde_NE,
    init_wtilde_E,
    opt_wtilde_E,
    w_list_of_arr,
    dict_of_arr,
    nn_params,
    true_nn_params,
    zero_nn_params,
    fromtrue_opt_nn_params,
    fromtrue_history,
    fromzero_opt_nn_params,
    fromzero_history,
    wsq_D,
    w_D,
    ...trained,
  });
}
