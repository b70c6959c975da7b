// The lessons' figures: each entry computes its data with the gradkit packages and returns a
// @gradkit/plot Figure. Loaded on demand by <PlotFigure name="…">.

import { conv1d, conv2d, maxPool2d } from '@gradkit/conv';
import { grad, lgammaScalar, RandomState, solve, type Tensor, tensor } from '@gradkit/core';
import {
  courseworkIVData,
  LOSS_I_Y,
  LOSS_II_Y,
  LOSS_III_Y,
  LOSS_X,
  mnist1dTemplates,
  TRAINING_II_DATA,
} from '@gradkit/datasets';
import {
  bernoulliLikelihood,
  bernoulliNll,
  normalLikelihood,
  normalNll,
  softmax,
  sumOfSquares,
} from '@gradkit/losses';
import {
  compose,
  composeShallowToMatrix,
  DEEP_NOTEBOOK_NETWORKS,
  deepNetwork,
  gelu,
  leakyRelu,
  relu,
  shallowNetwork,
  shallowNetworkParts,
  sigmoid,
  softplus,
  tanh,
} from '@gradkit/nn';
import {
  descend,
  GABOR_DATA,
  gaborGradient,
  gaborObjective,
  gradientDescentStep,
  minimize,
  OPTIMIZER_NAMES,
  SGD,
  StepLR,
  SURFACES,
  type Surface,
  stochasticGradientDescentStep,
  udl92,
} from '@gradkit/optimizers';
import {
  beamTree,
  classificationPlot,
  convolutionPlot,
  distanceHistogram,
  type Figure,
  functionPlot,
  likelihoodSweep,
  lossContour,
  regressionPlot,
  shallowNetworkGrid,
} from '@gradkit/plot';
import { toyBeams } from './toy-lm';

const arange = (a: number, b: number, step: number): number[] => {
  const out: number[] = [];
  for (let i = 0; a + i * step < b - 1e-12; i++) out.push(a + i * step);
  return out;
};
const arr = (t: Tensor): number[] => Array.from(t.data as ArrayLike<number>);

/** The Shallow notebook's default network (UDL figure 3.3 style parameters). */
export const SHALLOW_DEFAULTS = {
  theta10: 0.3,
  theta11: -1.0,
  theta20: -1.0,
  theta21: 2.0,
  theta30: -0.5,
  theta31: 0.65,
  phi0: -0.3,
  phi1: 2.0,
  phi2: -1.0,
  phi3: 7.0,
};

/**
 * The loss notebooks' shallow network `f[x] = β1 + Ω1 a[β0 + Ω0 x]` with `get_parameters()`'s
 * hidden layer (nn's `deepNetwork`, examples in columns): one row of outputs per output unit.
 */
function lossNet(x: readonly number[], beta1: number[], omega1: number[][]): Tensor {
  return deepNetwork(
    tensor([[...x]]),
    [[[0.3], [-1.0], [-0.5]], beta1.map((b) => [b])],
    [[[-1.0], [1.8], [0.65]], omega1],
  ).output;
}
const rowsOf = (t: Tensor) => t.toArray() as number[][];

/** Evaluate a surface on a grid for lossContour (row-major [NY, NX]). */
export function surfaceGrid(s: Pick<Surface, 'loss' | 'xRange' | 'yRange'>, n = 80) {
  const [x0, x1] = s.xRange;
  const [y0, y1] = s.yRange;
  const x = Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
  const y = Array.from({ length: n }, (_, j) => y0 + ((y1 - y0) * j) / (n - 1));
  const values = y.flatMap((b) => x.map((a) => s.loss([a, b])));
  return { x, y, values };
}

export const figures: Record<string, () => Figure | Promise<Figure>> = {
  'autograd-derivative': () => {
    // f(x) = x² evaluated elementwise; grad of sum(f(x)) is f'(x) at every x (the Tufts notebook's g = grad(f)).
    const x = arange(-5, 5.01, 0.1);
    const f = (t: Tensor) => t.mul(t);
    const g = grad((t: Tensor) => f(t).sum())(tensor(x)) as Tensor;
    return functionPlot({
      x,
      series: [
        { name: 'f(x) = x²', y: arr(f(tensor(x))) },
        { name: "f'(x) from grad(f)", y: arr(g) },
      ],
      xLabel: 'x',
      yLabel: 'value',
      title: 'A function and its derivative by autograd',
    });
  },
  'shallow-grid': () => {
    const p = SHALLOW_DEFAULTS;
    const x = arange(0, 1.001, 0.01);
    const r = shallowNetworkParts(x, p);
    return shallowNetworkGrid({
      x,
      preActivations: [r.pre1, r.pre2, r.pre3].map(arr),
      activations: [r.act1, r.act2, r.act3].map(arr),
      weighted: [r.wAct1, r.wAct2, r.wAct3].map(arr),
      yDomain: [-1, 1],
    });
  },
  'deep-compose': () => {
    const x = arange(-1, 1.001, 0.01);
    const n1 = shallowNetwork(x, DEEP_N1);
    const n2 = (v: number[] | Tensor) => shallowNetwork(v, DEEP_N2);
    return functionPlot({
      x,
      series: [
        { name: 'network 1', y: arr(n1) },
        { name: 'network 2', y: arr(n2(x)) },
        { name: 'network 2 ∘ network 1', y: arr(n2(n1)) },
      ],
      xLabel: 'input x',
      yLabel: 'output',
      title: 'Composing two shallow networks',
    });
  },
  'loss-regression': () => {
    const x = arange(0, 1, 0.01);
    const y = rowsOf(lossNet(x, [0.1], [[-2.0, -1.0, 7.0]]))[0]!;
    return regressionPlot({
      xModel: x,
      yModel: y,
      sigma: 0.2,
      xData: LOSS_X,
      yData: LOSS_I_Y,
      title: 'Univariate regression, σ = 0.2',
    });
  },
  'loss-sweep': () => {
    // Loss I: sweep the offset β1 of the regression network (σ = 0.2 fixed) and evaluate the
    // likelihood, the negative log-likelihood and the sum of squares of the 20 training points.
    const betas = arange(-1, 1, 0.01);
    const sigma = 0.2;
    const lik: number[] = [];
    const nll: number[] = [];
    const ss: number[] = [];
    const y = tensor([[...LOSS_I_Y]]);
    for (const b of betas) {
      const mu = lossNet(LOSS_X, [b], [[-2.0, -1.0, 7.0]]);
      lik.push(normalLikelihood(y, mu, sigma).item());
      nll.push(normalNll(y, mu, sigma).item());
      ss.push(sumOfSquares(y, mu).item());
    }
    return likelihoodSweep({
      param: betas,
      paramLabel: 'offset β1',
      curves: [
        { name: 'likelihood', y: lik },
        { name: 'negative log likelihood', y: nll },
        { name: 'sum of squares', y: ss },
      ],
      markOptimum: true,
    });
  },
  'loss-ii-classification': () => {
    const x = arange(0, 1, 0.01);
    const out = lossNet(x, [2.6], [[-24.0, -8.0, 50.0]]);
    return classificationPlot({
      xModel: x,
      outputs: rowsOf(out),
      probabilities: rowsOf(sigmoid(out)),
      xData: LOSS_X,
      yData: LOSS_II_Y,
      title: 'Binary classification',
    });
  },
  'loss-ii-sweep': () => {
    const betas = arange(-2, 6, 0.1);
    const lik: number[] = [];
    const nll: number[] = [];
    const y = tensor([[...LOSS_II_Y]]);
    for (const b of betas) {
      const lambda = sigmoid(lossNet(LOSS_X, [b], [[-24.0, -8.0, 50.0]]));
      lik.push(bernoulliLikelihood(y, lambda).item());
      nll.push(bernoulliNll(y, lambda).item());
    }
    return likelihoodSweep({
      param: betas,
      paramLabel: 'offset β1',
      curves: [
        { name: 'likelihood', y: lik },
        { name: 'negative log likelihood', y: nll },
      ],
      markOptimum: true,
    });
  },
  'loss-iii-classification': () => {
    const x = arange(0, 1, 0.01);
    const out = lossNet(
      x,
      [2.0, -2.0, 0.0],
      [
        [-24.0, -8.0, 50.0],
        [-2.0, 8.0, -30.0],
        [16.0, -8.0, -8],
      ],
    );
    return classificationPlot({
      xModel: x,
      outputs: rowsOf(out),
      probabilities: rowsOf(softmax(out, { axis: 0 })),
      xData: LOSS_X,
      yData: LOSS_III_Y,
      title: 'Three classes: softmax probabilities',
    });
  },
  'training-i-function': () => {
    const loss = (p: number) =>
      1 -
      0.5 * Math.exp((-(p - 0.65) * (p - 0.65)) / 0.1) -
      0.45 * Math.exp((-(p - 0.35) * (p - 0.35)) / 0.02);
    const x = arange(0, 1, 0.01);
    const pts = [0, 1 / 3, 2 / 3, 1].map((p, i) => ({ x: p, y: loss(p), label: 'abcd'[i] as string }));
    return functionPlot({
      x,
      series: [{ name: 'L[φ]', y: x.map(loss), color: '#d62728' }],
      shade: [0, 1],
      points: pts,
      xLabel: 'φ',
      yLabel: 'L[φ]',
      xDomain: [0, 1],
      yDomain: [0, 1],
      title: 'The 1-D loss and the bracket [a, d]',
    });
  },
  'training-ii-contour': () => {
    const xs = TRAINING_II_DATA[0] as readonly number[];
    const ys = TRAINING_II_DATA[1] as readonly number[];
    const loss = (w: readonly number[]) =>
      xs.reduce((s, x, i) => s + ((w[0] as number) + (w[1] as number) * x - (ys[i] as number)) ** 2, 0);
    const surface = { loss, xRange: [0, 2] as const, yRange: [-1, 1] as const };
    const t = minimize(
      (w: Tensor) =>
        w
          .index(0)
          .add(w.index(1).mul(tensor(xs)))
          .sub(tensor(ys))
          .square()
          .sum(),
      [1.6, -0.5],
      { optimizer: 'gd', lr: 0.01, steps: 40 },
    );
    return lossContour({
      ...surfaceGrid(surface, 60),
      trajectories: [{ name: 'gradient descent', points: t.params }],
      xLabel: 'intercept φ0',
      yLabel: 'slope φ1',
      reverseY: true,
      title: 'Least-squares loss of the line model',
    });
  },
  'gd-variants': () => {
    const s = SURFACES.pathological;
    const trajectories = (['sgd', 'momentum', 'adam'] as const).map((name) => ({
      name,
      points: minimize(s, [...s.init], { optimizer: name, lr: name === 'adam' ? 1 : s.lr, steps: 100 })
        .params,
    }));
    return lossContour({ ...surfaceGrid(s, 70), trajectories, xLabel: 'w1', yLabel: 'w2', title: s.title });
  },
  'implicit-regularization': () => {
    const tiny = minimize(udl92, [...udl92.init], { optimizer: 'gd', lr: 0.001, steps: 2000 }).params.filter(
      (_, i) => i % 20 === 0,
    );
    const typical = minimize(udl92, [...udl92.init], { optimizer: 'gd', lr: 0.05, steps: 100 }).params;
    return lossContour({
      ...surfaceGrid(udl92, 70),
      trajectories: [
        { name: 'tiny lr', points: tiny },
        { name: 'lr 0.05', points: typical },
      ],
      xLabel: 'φ0',
      yLabel: 'φ1',
      title: 'UDL 9.2: small steps follow the gradient flow',
    });
  },
  'gradients-iii-variance': () => {
    // Forward pass of a deep ReLU network with N(0, σ²) weights: variance of the hidden units per layer.
    const K = 20;
    const D = 50;
    const n = 200;
    const series = [1.0, 2 / D, 0.5 / D].map((s2, k) => {
      const rng = new RandomState(k);
      let h = rng.normal(0, 1, [D, n]);
      const v: number[] = [];
      for (let layer = 0; layer < K; layer++) {
        const W = rng.normal(0, Math.sqrt(s2), [D, D]);
        h = relu(W.matmul(h));
        const d = h.data as Float64Array;
        let m = 0;
        for (const a of d) m += a;
        m /= d.length;
        let q = 0;
        for (const a of d) q += (a - m) ** 2;
        v.push(Math.log10(q / d.length + 1e-300));
      }
      return { name: `σ²Ω = ${s2 === 1 ? '1' : `${s2 * D}/D`}`, y: v };
    });
    return functionPlot({
      x: Array.from({ length: K }, (_, i) => i + 1),
      series,
      xLabel: 'layer',
      yLabel: 'log10 variance of hidden units',
      title: 'Exploding and vanishing activations',
    });
  },
  'mnist1d-templates': () => {
    const t = mnist1dTemplates();
    const x = arr(t.t);
    const L = x.length;
    const data = t.x.data as Float64Array;
    return functionPlot({
      x,
      series: [0, 1, 2, 3].map((d) => ({
        name: `digit ${d}`,
        y: Array.from(data.subarray(d * L, (d + 1) * L)),
      })),
      xLabel: 't',
      yLabel: 'signal',
      title: 'MNIST-1D templates of the digits 0–3',
    });
  },
  'coursework-iv-distances': () => {
    const { x2D, x100D, x1000D } = courseworkIVData({ nData: 120 });
    const dists = (X: Tensor) => {
      const [D, N] = X.shape as [number, number];
      const d = X.data as Float64Array;
      const out: number[] = [];
      for (let i = 0; i < N; i++)
        for (let j = i + 1; j < N; j++) {
          let s = 0;
          for (let k = 0; k < D; k++) s += ((d[k * N + i] as number) - (d[k * N + j] as number)) ** 2;
          out.push(Math.sqrt(s));
        }
      return out;
    };
    return distanceHistogram({
      groups: [
        { name: 'D = 2', values: dists(x2D) },
        { name: 'D = 100', values: dists(x100D) },
        { name: 'D = 1000', values: dists(x1000D) },
      ],
      bins: 30,
      title: 'Pairwise distances of 120 standard normal points',
    });
  },
  'convolution-1d': () => {
    const x = [5.2, 5.3, 5.4, 5.1, 10.1, 10.3, 9.9, 10.3, 3.2, 3.4, 3.3, 3.1];
    const w = [-0.5, 0, 0.5];
    const out = conv1d(tensor([[x]]), tensor([[w]]), { padding: 'same' });
    return convolutionPlot({
      input: x,
      kernel: w,
      output: arr(out),
      title: 'A derivative-like kernel [-0.5, 0, 0.5]',
    });
  },
  'convolution-2d': () => {
    const rng = new RandomState(1);
    const img = rng.normal(0, 1, [1, 1, 12, 12]);
    const k = tensor([
      [
        [
          [0, 1, 0],
          [1, -4, 1],
          [0, 1, 0],
        ],
      ],
    ]);
    const out = conv2d(img, k);
    return convolutionPlot({
      input: { data: arr(img), height: 12, width: 12 },
      kernel: { data: arr(k), height: 3, width: 3 },
      output: { data: arr(out), height: 10, width: 10 },
      title: 'A Laplacian kernel on a random image (valid)',
    });
  },
  'beam-tree': async () => {
    const r = await toyBeams();
    return beamTree({
      prompt: r.prompt,
      beams: r.beams,
      title: 'Beam search, 3 beams, on a small bigram model',
    });
  },
  'optimizers-all': () => {
    const s = SURFACES.pathological;
    const trajectories = OPTIMIZER_NAMES.filter((n) => n !== 'adamw' && n !== 'gd').map((name) => ({
      name,
      points: minimize(s, [...s.init], {
        optimizer: name,
        lr: name === 'adam' || name === 'adagrad' || name === 'rmsprop' ? 0.5 : s.lr,
        steps: 60,
      }).params,
    }));
    return lossContour({ ...surfaceGrid(s, 60), trajectories, xLabel: 'w1', yLabel: 'w2' });
  },
};

/** The Deep notebook's two networks (section 4.1), as parameter objects. */
const { n1: DEEP_N1, n2: DEEP_N2 } = DEEP_NOTEBOOK_NETWORKS;

/** Gradients I's function y = β4 + ω4·log[β3 + ω3·cos[β2 + ω2·exp[β1 + ω1·sin[β0 + ω0 x]]]]. */
function chainY(p: { b: number[]; w: number[] }, x: number): number {
  const [b0, b1, b2, b3, b4] = p.b as [number, number, number, number, number];
  const [w0, w1, w2, w3, w4] = p.w as [number, number, number, number, number];
  return b4 + w4 * Math.log(b3 + w3 * Math.cos(b2 + w2 * Math.exp(b1 + w1 * Math.sin(b0 + w0 * x))));
}

export const moreFigures: Record<string, () => Figure | Promise<Figure>> = {
  'coursework-i-activations': () => {
    // The activation functions a student may swap into the coursework MLP, from @gradkit/nn.
    const x = arange(-4, 4.001, 0.05);
    const t = tensor(x);
    return functionPlot({
      x,
      series: [
        { name: 'ReLU', y: arr(relu(t)) },
        { name: 'leaky ReLU (0.1)', y: arr(leakyRelu(t, 0.1)) },
        { name: 'GELU', y: arr(gelu(t)) },
        { name: 'softplus', y: arr(softplus(t)) },
        { name: 'tanh', y: arr(tanh(t)) },
        { name: 'sigmoid', y: arr(sigmoid(t)) },
      ],
      xLabel: 'pre-activation z',
      yLabel: 'a[z]',
      yDomain: [-1.5, 4],
      title: 'Activation functions',
    });
  },
  'convolution-iii-digit': () => {
    // Convolution III's first layer on a 28×28 stroke image (a drawn "7"; MNIST itself is not
    // downloaded here): a 5×5 vertical-edge kernel, valid padding (28 → 24), then 2×2 max pooling (24 → 12).
    const H = 28;
    const img = new Array<number>(H * H).fill(0);
    const ink = (r: number, c: number) => {
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = Math.round(r) + dr;
          const cc = Math.round(c) + dc;
          if (rr >= 0 && rr < H && cc >= 0 && cc < H) img[rr * H + cc] = 1;
        }
    };
    for (let c = 6; c <= 21; c++) ink(6, c); // the top bar
    for (let k = 0; k <= 40; k++) ink(6 + (k * 16) / 40, 21 - (k * 9) / 40); // the diagonal stroke
    const kernel = Array.from({ length: 25 }, (_, i) => [-1, -0.5, 0, 0.5, 1][i % 5] as number);
    const out = conv2d(tensor(img).reshape([1, 1, H, H]), tensor(kernel).reshape([1, 1, 5, 5]));
    const pooled = maxPool2d(relu(out), 2);
    return convolutionPlot({
      input: { data: img, height: H, width: H },
      kernel: { data: kernel, height: 5, width: 5 },
      output: { data: arr(pooled), height: 12, width: 12 },
      title: 'conv 5×5 (valid) → ReLU → 2×2 max pool',
    });
  },
  'deep2-matrix': () => {
    // The composition of the Deep notebook's two networks, once as compose(n1, n2) and once in
    // the matrix form of a network with two hidden layers (UDL eq. 4.15): the curves coincide.
    const x = arange(-1, 1.001, 0.01);
    const composed = compose(
      (v) => shallowNetwork(v, DEEP_N1),
      (v) => shallowNetwork(v, DEEP_N2),
    )(x);
    const m = composeShallowToMatrix(DEEP_N1, DEEP_N2);
    const matrix = deepNetwork(tensor([x]), m.betas, m.omegas).output;
    return functionPlot({
      x,
      series: [
        { name: 'compose(network 1, network 2)', y: arr(composed) },
        { name: 'matrix form, two hidden layers (offset by 0.05)', y: arr(matrix).map((v) => v + 0.05) },
      ],
      xLabel: 'input x',
      yLabel: 'output y',
      title: 'Two composed shallow networks = one deep network',
    });
  },
  'gradients-i-fd': () => {
    // ∂y/∂ω0 at the notebook's values: autograd against forward and central finite differences
    // for steps δ = 10^-1 … 10^-12 (log10 of the absolute error).
    const b = [1.0, 2.0, -3.0, 0.4, -0.3];
    const w = [0.1, -0.4, 2.0, 3.0, -0.5];
    const x = 2.3;
    const yOfW0 = (t: Tensor) => {
      const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
      const [, w1, w2, w3, w4] = w as [number, number, number, number, number];
      return t
        .mul(x)
        .add(b0)
        .sin()
        .mul(w1)
        .add(b1)
        .exp()
        .mul(w2)
        .add(b2)
        .cos()
        .mul(w3)
        .add(b3)
        .log()
        .mul(w4)
        .add(b4);
    };
    const exact = (grad(yOfW0)(tensor(w[0] as number)) as Tensor).item();
    const logDelta = arange(-12, -0.99, 0.25);
    const at = (w0: number) => chainY({ b, w: [w0, ...w.slice(1)] }, x);
    const fwd = logDelta.map((e) =>
      Math.log10(Math.abs((at(0.1 + 10 ** e) - at(0.1)) / 10 ** e - exact) + 1e-17),
    );
    const ctr = logDelta.map((e) =>
      Math.log10(Math.abs((at(0.1 + 10 ** e) - at(0.1 - 10 ** e)) / (2 * 10 ** e) - exact) + 1e-17),
    );
    return functionPlot({
      x: logDelta,
      series: [
        { name: 'forward difference', y: fwd },
        { name: 'central difference', y: ctr },
      ],
      xLabel: 'log10 step δ',
      yLabel: 'log10 |error| against autograd',
      title: `Finite differences of ∂y/∂ω0 = ${exact.toFixed(4)}`,
    });
  },
  'gradients-ii-check': () => {
    // Backpropagation (autograd) against finite differences for every weight of a small random
    // network (the notebook's K = 5 layers of width 6, least-squares loss).
    const rng = new RandomState(0);
    const K = 5;
    const D = 6;
    const Ws = Array.from({ length: K + 1 }, (_, k) => rng.normal(0, 1, [k === K ? 1 : D, k === 0 ? 1 : D]));
    const bs = Array.from({ length: K + 1 }, (_, k) => rng.normal(0, 1, [k === K ? 1 : D, 1]));
    const xIn = 1.2;
    const yTrue = 0.5;
    const lossOf = (W0: Tensor) => {
      let h = relu(W0.mul(xIn).add(bs[0] as Tensor));
      for (let k = 1; k < K; k++) h = relu((Ws[k] as Tensor).matmul(h).add(bs[k] as Tensor));
      return (Ws[K] as Tensor)
        .matmul(h)
        .add(bs[K] as Tensor)
        .sub(yTrue)
        .square()
        .sum();
    };
    const W0 = Ws[0] as Tensor;
    const backprop = arr(grad(lossOf)(W0) as Tensor);
    const base = arr(W0);
    const delta = 1e-6;
    const fd = base.map((_, i) => {
      const up = base.slice();
      up[i] = (up[i] as number) + delta;
      return (lossOf(tensor(up).reshape([D, 1])).item() - lossOf(W0).item()) / delta;
    });
    return functionPlot({
      x: base.map((_, i) => i),
      series: [
        { name: 'backpropagation', y: backprop },
        { name: 'finite differences (δ = 1e-6)', y: fd },
      ],
      points: fd.map((v, i) => ({ x: i, y: v })),
      xLabel: 'index of the weight in Ω0',
      yLabel: '∂L/∂ω',
      title: 'Gradient of the loss for each first-layer weight',
    });
  },
  'training-iii-gabor': () => {
    // Training III: the non-convex Gabor loss; full-batch gradient descent with line search and
    // the notebook's two runs: 21 steps of gradient descent with line search from (−1.5, 8.5) and
    // 41 steps of minibatch SGD (batch 5, α = 0.8, np.random.seed(1)) from (3.5, 6.5).
    const s = SURFACES.gabor;
    const gd = descend([-1.5, 8.5], 21, (phi) => gradientDescentStep(phi, gaborObjective));
    const rng = new RandomState(1);
    const sgd = descend([3.5, 6.5], 41, (phi) =>
      stochasticGradientDescentStep(phi, GABOR_DATA, gaborGradient, 0.8, 5, rng),
    );
    return lossContour({
      ...surfaceGrid(s, 70),
      trajectories: [
        { name: 'gradient descent + line search', points: gd },
        { name: 'SGD, batch 5, α = 0.8', points: sgd },
      ],
      xLabel: 'offset φ0',
      yLabel: 'frequency φ1',
      title: s.title,
    });
  },
  'weight-decay-lambda': () => {
    // D2L 3.7 exercise 1: high-dimensional linear regression (d = 200, 20 training examples,
    // y = 0.05 + Σ 0.01 x_i + ε, ε ~ N(0, 0.01²)); the ridge solution for each λ, then the
    // training and validation losses (mean squared error / 2).
    const d = 200;
    const nTrain = 20;
    const nVal = 100;
    const rng = new RandomState(3);
    const make = (n: number) => {
      const X = rng.normal(0, 1, [n, d]);
      const y = arr(X).reduce((acc, v, i) => {
        acc[Math.floor(i / d)] = (acc[Math.floor(i / d)] as number) + 0.01 * v;
        return acc;
      }, new Array<number>(n).fill(0.05));
      const noise = arr(rng.normal(0, 0.01, [n]));
      return { X: arr(X), y: y.map((v, i) => v + (noise[i] as number)), n };
    };
    const train = make(nTrain);
    const val = make(nVal);
    const meanY = train.y.reduce((a, v) => a + v, 0) / nTrain;
    const mse = (set: { X: number[]; y: number[]; n: number }, wv: number[], b: number) => {
      let s = 0;
      for (let i = 0; i < set.n; i++) {
        let f = b;
        for (let k = 0; k < d; k++) f += (set.X[i * d + k] as number) * (wv[k] as number);
        s += (f - (set.y[i] as number)) ** 2;
      }
      return s / (2 * set.n);
    };
    const logLam = arange(-4, 1.01, 0.25);
    const trainLoss: number[] = [];
    const valLoss: number[] = [];
    for (const e of logLam) {
      // w = Xᵀ (X Xᵀ + nλ I)⁻¹ (y − ȳ), the minimiser of (1/2n)‖Xw + b − y‖² + (λ/2)‖w‖² (b ≈ ȳ)
      const G = Array.from({ length: nTrain * nTrain }, (_, ij) => {
        const i = Math.floor(ij / nTrain);
        const j = ij % nTrain;
        let s = i === j ? nTrain * 10 ** e : 0;
        for (let k = 0; k < d; k++) s += (train.X[i * d + k] as number) * (train.X[j * d + k] as number);
        return s;
      });
      const alpha = arr(solve(tensor(G).reshape([nTrain, nTrain]), tensor(train.y.map((v) => v - meanY))));
      const wv = Array.from({ length: d }, (_, k) =>
        alpha.reduce((s, a, i) => s + a * (train.X[i * d + k] as number), 0),
      );
      trainLoss.push(Math.log10(mse(train, wv, meanY)));
      valLoss.push(Math.log10(mse(val, wv, meanY)));
    }
    return functionPlot({
      x: logLam,
      series: [
        { name: 'training loss', y: trainLoss },
        { name: 'validation loss', y: valLoss },
      ],
      xLabel: 'log10 λ',
      yLabel: 'log10 loss',
      title: 'Weight decay: 200 weights, 20 training examples',
    });
  },
  'coursework-ii-schedule': () => {
    // The coursework's learning-rate schedule: SGD lr 0.05 with StepLR(step 10, γ 0.5) over 50 epochs.
    const optimizer = new SGD([tensor([0.0], { requiresGrad: true })], { lr: 0.05, momentum: 0.9 });
    const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
    const lrs: number[] = [];
    for (let epoch = 0; epoch < 50; epoch++) {
      lrs.push(scheduler.getLastLr()[0] as number);
      scheduler.step();
    }
    return functionPlot({
      x: lrs.map((_, i) => i),
      series: [{ name: 'learning rate', y: lrs }],
      xLabel: 'epoch',
      yLabel: 'learning rate',
      title: 'StepLR(step 10, γ 0.5) from lr 0.05',
    });
  },
  'coursework-iv-volume': () => {
    // Volume of a hypersphere of radius 0.5 (diameter 1, inside the unit cube) and the share of
    // it in the outer 1% of the radius: V = π^{D/2} r^D / Γ(D/2 + 1), 1 − 0.99^D.
    const D = Array.from({ length: 30 }, (_, i) => i + 1);
    const logVol = D.map(
      (d) => (Math.log(Math.PI) * d) / 2 + d * Math.log(0.5) - lgammaScalar(d / 2 + 1),
    ).map((v) => v / Math.LN10);
    return functionPlot({
      x: D,
      series: [
        { name: 'log10 volume of the ball of diameter 1', y: logVol },
        { name: 'share of the volume in the outer 1%', y: D.map((d) => 1 - 0.99 ** d) },
      ],
      xLabel: 'dimension D',
      yLabel: 'value',
      title: 'Where the volume of a high-dimensional ball lives',
    });
  },
  'convolution-ii-mnist1d': () => {
    // A 1-D convolution over the MNIST-1D template of the digit 3: kernel [−1, 0, 1] (a slope
    // detector), zero padding 'same', as the first layer of the figure 10.7 network does with
    // learned kernels.
    const t = mnist1dTemplates();
    const L = t.t.shape[0] as number;
    const signal = Array.from((t.x.data as Float64Array).subarray(3 * L, 4 * L));
    const w = [-1, 0, 1];
    const out = conv1d(tensor([[signal]]), tensor([[w]]), { padding: 'same' });
    return convolutionPlot({
      input: signal,
      kernel: w,
      output: arr(out),
      title: 'Convolving the MNIST-1D template of “3” with [−1, 0, 1]',
    });
  },
};
Object.assign(figures, moreFigures);
