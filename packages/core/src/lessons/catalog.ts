/**
 * The lessons `@gradkit/core` serves (autograd introduction, Gradients I–III, implicit
 * regularization, Coursework IV), as data: goals, figures and graded exercises whose reference
 * values come from this package's own lesson code. See `./types.ts` for the shapes.
 */
import { distanceRatio, hypersphereVolume, outerShellVolumeFraction } from '../geometry.js';
import { transpose } from '../ops/shape.js';
import { RandomState } from '../random/index.js';
import { type Tensor, tensor } from '../tensor.js';
import { calcNegLikelihoodLinreg } from './autograd-intro.js';
import { backwardPass, forwardPass, PARAMS, type Params, X } from './gradients-i.js';
import { computeNetworkOutput, indicatorFunction } from './gradients-ii.js';
import { initParams } from './gradients-iii.js';
import { getLossGradient as getLossGradientRef, getRegTerm, START } from './implicit-regularization.js';
import { type Exercise, type Lesson, starterFile } from './types.js';

export * from './types.js';

function randomParams(rng: RandomState): Params {
  // Keep f3 = β3 + ω3·cos(f2) positive so log(f3) is defined: β3 in [2, 3], |ω3| < 1.
  const u = (lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
  return {
    beta0: u(-1, 1),
    beta1: u(-1, 1),
    beta2: u(-1, 1),
    beta3: u(2, 3),
    beta4: u(-1, 1),
    omega0: u(-1.5, 1.5),
    omega1: u(-1, 1),
    omega2: u(-1, 1),
    omega3: u(-0.9, 0.9),
    omega4: u(-1.5, 1.5),
  };
}

const gradientsIBackward: Exercise = {
  id: 'backward-pass',
  title: 'The backward pass',
  prompt:
    'Given the parameters and the stored forward pass `f0, h1, …, y` of the function `y = β4 + ω4·log(β3 + ω3·cos(β2 + ω2·exp(β1 + ω1·sin(β0 + ω0·x))))`, compute every derivative of the output with respect to the intermediate quantities, from `dydh4 = ω4` back to `dydf0`, each by one application of the chain rule (UDL section 7.3).',
  starter: starterFile(
    'gradients-i',
    `export interface Params { beta0: number; beta1: number; beta2: number; beta3: number; beta4: number; omega0: number; omega1: number; omega2: number; omega3: number; omega4: number }
export interface Forward { f0: number; h1: number; f1: number; h2: number; f2: number; h3: number; f3: number; h4: number; y: number }
export interface Backward { dydh4: number; dydf3: number; dydh3: number; dydf2: number; dydh2: number; dydf1: number; dydh1: number; dydf0: number }

/** dy/dh4 = ω4, then one chain-rule factor per step back to dy/df0. */
export function backwardPass(p: Params, fwd: Forward): Backward {
  throw new Error('TODO: compute dydh4, dydf3, ..., dydf0');
}`,
  ),
  check: {
    export: 'backwardPass',
    cases: () => [
      {
        name: 'the notebook parameters at x = 2.3',
        args: [PARAMS, forwardPass(X, PARAMS)],
        expected: backwardPass(PARAMS, forwardPass(X, PARAMS)),
      },
    ],
    property: {
      trials: 8,
      seed: 20315,
      generate: (rng, t) => {
        const p = randomParams(rng);
        const x = -2 + 4 * rng.randomSample();
        const fwd = forwardPass(x, p);
        return { name: `random parameters #${t + 1}`, args: [p, fwd], expected: backwardPass(p, fwd) };
      },
    },
    rtol: 1e-8,
    hint: 'Work backwards: dydf3 = dydh4 · (1/f3), dydh3 = dydf3 · ω3, dydf2 = dydh3 · (−sin f2), … The local derivative of exp is exp, of sin is cos.',
  },
};

const gradientsIIIndicator: Exercise = {
  id: 'indicator',
  title: "ReLU's derivative (the indicator function)",
  prompt:
    'The backward pass through a ReLU multiplies by its derivative, the indicator `I[f >= 0]` (UDL eq. 7.13). Write `indicatorFunction(f)` returning 1 where `f >= 0` and 0 elsewhere, for a list of pre-activations.',
  starter: starterFile(
    'gradients-ii',
    `/** I[f >= 0] elementwise, as 0/1 numbers. */
export function indicatorFunction(f: number[]): number[] {
  throw new Error('TODO: 1 where f >= 0, else 0');
}`,
  ),
  check: {
    export: 'indicatorFunction',
    cases: () => {
      const f = [-1.5, -0.0, 0, 1e-12, 2];
      return [{ name: 'signs and zeros', args: [f], expected: indicatorFunction(tensor(f)).toList() }];
    },
    property: {
      trials: 6,
      seed: 7,
      generate: (rng, t) => {
        const f = rng.randn(10 + t).toList() as number[];
        return {
          name: `random pre-activations #${t + 1}`,
          args: [f],
          expected: indicatorFunction(tensor(f)).toList(),
        };
      },
    },
    hint: 'Zero counts as active: the notebook uses `x >= 0`.',
  },
};

const autogradLinreg: Exercise = {
  id: 'neg-likelihood-linreg',
  title: 'Negative log-likelihood of linear regression',
  prompt:
    'Write `negLikelihoodLinreg(w, x, y, sigma)` = `0.5/σ² · Σ_n (x_n · w − y_n)²` (the notebook’s `calc_neg_likelihood_linreg`, up to a constant) for weights `w` `[D]`, inputs `x` `[N, D]` and targets `y` `[N]`.',
  starter: starterFile(
    'autograd-intro',
    `/** 0.5 / sigma² · Σ_n (x_n · w − y_n)². */
export function negLikelihoodLinreg(w: number[], x: number[][], y: number[], sigma: number): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'negLikelihoodLinreg',
    cases: () => {
      const w = [1.5, -0.5];
      const x = [
        [1, 2],
        [0.5, -1],
        [-2, 0.25],
      ];
      const y = [0.3, 1.1, -2.5];
      return [
        {
          name: 'a 3-point example',
          args: [w, x, y, 0.1],
          expected: calcNegLikelihoodLinreg(tensor(w), tensor(x), tensor(y), 0.1).item(),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 11,
      generate: (rng, t) => {
        const n = 5 + t;
        const d = 1 + (t % 3);
        const x = rng.randn(n, d).toArray() as number[][];
        const w = rng.randn(d).toList() as number[];
        const y = rng.randn(n).toList() as number[];
        const sigma = 0.1 + rng.randomSample();
        return {
          name: `random data N=${n} D=${d}`,
          args: [w, x, y, sigma],
          expected: calcNegLikelihoodLinreg(tensor(w), tensor(x), tensor(y), sigma).item(),
        };
      },
    },
    rtol: 1e-9,
    hint: 'Predict with a dot product per row, subtract y, square, sum, then multiply by 0.5 / sigma² (not 1 / sigma²).',
  },
};

/** std of h_0..h_{K-1} (population std, as numpy's np.std) of the network's forward pass. */
function hiddenStdsRef(x: Tensor, weights: Tensor[], biases: Tensor[]): number[] {
  const { allH } = computeNetworkOutput(x, weights, biases);
  return allH.slice(0, weights.length - 1).map((h) => h.std().item());
}

function initializationCase(
  name: string,
  K: number,
  D: number,
  sigmaSqOmega: number,
  nData: number,
  rng: RandomState,
) {
  const { allWeights, allBiases } = initParams(K, D, sigmaSqOmega, rng);
  const x = rng.normal(0, 1, [1, nData]);
  return {
    name,
    args: [x.toArray(), allWeights.map((w) => w.toArray()), allBiases.map((b) => b.toArray())],
    expected: hiddenStdsRef(x, allWeights, allBiases),
  };
}

const gradientsIIIStds: Exercise = {
  id: 'hidden-stds',
  title: 'The spread of the activations through depth',
  prompt:
    'Run the network forward (UDL eq. 7.5, examples in columns: `f_k = β_k + Ω_k h_k`, `h_{k+1} = ReLU(f_k)`, `h_0 = x`) and return the standard deviation of the hidden units at each layer, `std(h_0), …, std(h_{K−1})` over all units and examples (numpy’s `np.std`, dividing by the count), as the notebook prints them. `x` is `[1][N]`, `weights[k]` `[D_{k+1}][D_k]`, `biases[k]` `[D_{k+1}][1]`, K = `weights.length − 1`. With σ²_Ω = 1 the spread grows layer by layer; with He’s σ²_Ω = 2/D it stays put.',
  starter: starterFile(
    'gradients-iii',
    `/** [std(h_0), ..., std(h_{K-1})] of the forward pass; x is [1][N], weights[k] is [D_k+1][D_k], biases[k] is [D_k+1][1]. */
export function hiddenStds(x: number[][], weights: number[][][], biases: number[][][]): number[] {
  throw new Error('TODO: forward pass, then the standard deviation of each h_k');
}`,
  ),
  check: {
    export: 'hiddenStds',
    cases: () => [
      initializationCase(
        'the notebook: K = 5, D = 8, sigma² = 1, 1000 inputs',
        5,
        8,
        1,
        1000,
        new RandomState(),
      ),
      initializationCase(
        'He initialization: K = 5, D = 8, sigma² = 2/8',
        5,
        8,
        2 / 8,
        1000,
        new RandomState(),
      ),
    ],
    property: {
      trials: 5,
      seed: 75,
      generate: (rng, t) => {
        const K = 2 + (t % 4);
        const D = 3 + rng.randint(0, 6);
        const s2 = 0.1 + 1.9 * rng.randomSample();
        const c = initializationCase(
          `K = ${K}, D = ${D}, sigma² = ${s2.toFixed(3)}`,
          K,
          D,
          s2,
          50,
          new RandomState(),
        );
        return c;
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'h_0 is the input itself; the standard deviation pools every unit and every example of a layer, dividing by the count (not count − 1).',
  },
};

const implicitRegTerm: Exercise = {
  id: 'reg-term',
  title: 'The implicit regularization term',
  prompt:
    'Gradient descent with step α follows the gradient flow of the modified loss `L + (α/4)‖∂L/∂φ‖²` (UDL eq. 9.8). Write `regTerm(phi0, phi1, alpha, lossGradient)` that returns `(α/4)(g0² + g1²)` where `[g0, g1] = lossGradient(phi0, phi1)`.',
  starter: starterFile(
    'implicit-regularization',
    `/** (alpha / 4) · ‖∂L/∂φ‖², with the gradient from \`lossGradient\`. */
export function regTerm(phi0: number, phi1: number, alpha: number, lossGradient: (phi0: number, phi1: number) => [number, number]): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'regTerm',
    cases: () => [
      {
        name: 'the notebook start (-0.7, -0.75), alpha 0.1',
        args: [START[0], START[1], 0.1, fdGradient],
        expected: getRegTerm(START[0], START[1], 0.1),
      },
    ],
    property: {
      trials: 6,
      seed: 92,
      generate: (rng, t) => {
        const p0 = -1 + 2 * rng.randomSample();
        const p1 = -1 + 2 * rng.randomSample();
        const a = 0.01 + 0.2 * rng.randomSample();
        return {
          name: `random point #${t + 1}`,
          args: [p0, p1, a, fdGradient],
          expected: getRegTerm(p0, p1, a),
        };
      },
    },
    rtol: 1e-9,
    hint: 'Square and add the two gradient components, then multiply by alpha / 4.',
  },
};

/** The finite-difference gradient the regTerm exercise hands to the student (a plain function). */
function fdGradient(phi0: number, phi1: number): [number, number] {
  return getLossGradientRef(phi0, phi1);
}

const distanceRatioExercise: Exercise = {
  id: 'distance-ratio',
  title: 'The ratio of the largest to the smallest distance',
  prompt:
    'Write `distanceRatio(x)` for points `x` `[N, D]`: the largest Euclidean distance between two distinct points divided by the smallest (Coursework IV, part a). In high dimensions the ratio tends to 1.',
  starter: starterFile(
    'coursework-iv',
    `/** max_{i<j} ‖x_i − x_j‖ / min_{i<j} ‖x_i − x_j‖ for rows x_i of x. */
export function distanceRatio(x: number[][]): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'distanceRatio',
    cases: () => {
      const x = [
        [0, 0],
        [3, 4],
        [1, 0],
      ];
      return [
        { name: 'three points in the plane', args: [x], expected: distanceRatio(transpose(tensor(x))) },
      ];
    },
    property: {
      trials: 5,
      seed: 0,
      generate: (rng, t) => {
        const d = [2, 10, 100, 5, 50][t]!;
        const x = rng.normal(0, 1, [20, d]).toArray() as number[][];
        return {
          name: `20 normal points in ${d}-D`,
          args: [x],
          expected: distanceRatio(transpose(tensor(x))),
        };
      },
    },
    rtol: 1e-8,
    hint: 'Loop over pairs i < j only (the distance of a point to itself is 0).',
  },
};

const hypersphereExercise: Exercise = {
  id: 'hypersphere-volume',
  title: 'The volume of a hypersphere',
  prompt:
    'Write `volumeOfHypersphere(diameter, dimensions)` = `π^{D/2} / Γ(D/2 + 1) · r^D` with `r = diameter / 2` (Coursework IV, part b). `gammaScalar` and `lgammaScalar` from `@gradkit/core` give Γ.',
  starter: starterFile(
    'coursework-iv',
    `import { gammaScalar, lgammaScalar } from '@gradkit/core';

/** π^{D/2} / Γ(D/2 + 1) · (diameter/2)^D. */
export function volumeOfHypersphere(diameter: number, dimensions: number): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'volumeOfHypersphere',
    cases: () =>
      [1, 2, 3, 5, 10, 20].map((d) => ({
        name: `diameter 1, ${d}-D`,
        args: [1, d],
        expected: hypersphereVolume(1, d),
      })),
    property: {
      trials: 6,
      seed: 3,
      generate: (rng, t) => {
        const diameter = 0.2 + 2 * rng.randomSample();
        const d = 1 + rng.randint(0, 30);
        return {
          name: `random sphere #${t + 1}`,
          args: [diameter, d],
          expected: hypersphereVolume(diameter, d),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-300,
    hint: 'Use the radius, not the diameter: r = diameter / 2. Γ(D/2 + 1) is gammaScalar(dimensions / 2 + 1).',
  },
};

const outerShellExercise: Exercise = {
  id: 'outer-shell',
  title: 'The proportion of volume in the outer 1%',
  prompt:
    'Write `propOfVolumeInOuter1Percent(dimension)`: the fraction of a hypersphere’s volume that lies between 0.99 r and r (Coursework IV, part c).',
  starter: starterFile(
    'coursework-iv',
    `/** 1 − V(0.99 r) / V(r) in D dimensions. */
export function propOfVolumeInOuter1Percent(dimension: number): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'propOfVolumeInOuter1Percent',
    cases: () =>
      [1, 2, 10, 100, 300].map((d) => ({ name: `${d}-D`, args: [d], expected: outerShellVolumeFraction(d) })),
    rtol: 1e-9,
    hint: 'The volume scales as r^D, so the ratio V(0.99 r)/V(r) is 0.99^D.',
  },
};

/** The lessons served by `@gradkit/core`, in course order. */
export const coreLessons: Lesson[] = [
  {
    id: 'autograd-intro',
    title: 'Introduction to autograd and neural network training',
    package: '@gradkit/core',
    seed: 'tufts-intro-autograd-nn-training.md',
    summary:
      'Automatic differentiation computes exact gradients of any composition of differentiable operations. We use `grad` to fit linear regression and a small neural network by gradient descent.',
    goals: [
      'Differentiate a function with `grad`',
      'Write a loss as a function of a parameter vector',
      'Run gradient descent with autograd gradients',
    ],
    figures: ['functionPlot', 'regressionPlot', 'errorCurves'],
    exercises: [autogradLinreg],
  },
  {
    id: 'gradients-i',
    title: 'Gradients I: backpropagation in a toy model',
    package: '@gradkit/core',
    seed: 'udl-cm20315-gradients_i.md',
    summary:
      'A scalar function built from sin, exp, cos and log, differentiated by hand with the forward pass, the backward pass and the parameter derivatives, and checked against finite differences (UDL 7.3).',
    goals: [
      'Store the intermediate quantities in a forward pass',
      'Apply the chain rule backwards',
      'Check derivatives with finite differences',
    ],
    figures: ['functionPlot'],
    exercises: [gradientsIBackward],
  },
  {
    id: 'gradients-ii',
    title: 'Gradients II: backpropagation in a deep network',
    package: '@gradkit/core',
    seed: 'udl-cm20315-gradients_ii.md',
    summary:
      'The backward pass of a deep ReLU network in matrix form (UDL eq. 7.13), checked against finite differences.',
    goals: ['Backpropagate through matrix layers', 'Use the indicator function as the ReLU derivative'],
    figures: [],
    exercises: [gradientsIIIndicator],
  },
  {
    id: 'gradients-iii',
    title: 'Gradients III: initialization',
    package: '@gradkit/core',
    seed: 'udl-cm20315-gradients_iii.md',
    summary:
      'How the variance of the weights controls exploding and vanishing activations and gradients (He initialization, UDL 7.5).',
    goals: [
      'Measure the spread of activations through depth',
      'Relate it to the weight variance σ²_Ω = 2 / D_h',
    ],
    figures: ['functionPlot'],
    exercises: [gradientsIIIStds],
  },
  {
    id: 'implicit-regularization',
    title: 'Implicit regularization (UDL 9.2)',
    package: '@gradkit/core',
    seed: 'udl-9.2-implicit-regularization.md',
    summary:
      'Finite-step gradient descent behaves like gradient flow on a modified loss with an extra gradient-norm penalty (UDL eq. 9.8).',
    goals: [
      'Compute the implicit regularization term',
      'Compare descent paths on the original and modified losses',
    ],
    figures: ['lossContour'],
    exercises: [implicitRegTerm],
  },
  {
    id: 'coursework-iv',
    title: 'Coursework IV: high-dimensional spaces',
    package: '@gradkit/core',
    seed: 'udl-cm20315-coursework_iv.md',
    summary:
      'In high dimensions random points are almost equidistant and a hypersphere’s volume vanishes and concentrates in a thin outer shell.',
    goals: [
      'Compute pairwise distance ratios',
      'Compute hypersphere volumes with the gamma function',
      'See where the volume of a ball lives',
    ],
    figures: ['distanceHistogram', 'functionPlot'],
    exercises: [distanceRatioExercise, hypersphereExercise, outerShellExercise],
  },
];
