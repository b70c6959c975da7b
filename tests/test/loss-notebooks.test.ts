// UDL CM20315 Loss I, II and III: the printed "Correct answer" numbers and the parameter sweeps
// locating the maximum likelihood. Sweep reference values come from
// tests/fixtures/gen_losses_notebooks.py (numpy, the notebooks' formulas).
import { readFileSync } from 'node:fs';
import { arange, argmax, argmin, sigmoid, tensor } from '@gradkit/core';
import {
  bernoulliLikelihood,
  bernoulliNll,
  bernoulliPmf,
  categoricalLikelihood,
  categoricalNll,
  categoricalPmf,
  normalLikelihood,
  normalNll,
  normalPdf,
  softmax,
  sumOfSquares,
} from '@gradkit/losses';
import { deepNetwork } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/losses_notebooks.json', import.meta.url), 'utf8'),
);

// The notebooks' training data (copied from the seeds).
const xTrain = [
  0.09291784, 0.46809093, 0.93089486, 0.67612654, 0.73441752, 0.86847339, 0.49873225, 0.51083168, 0.18343972,
  0.99380898, 0.27840809, 0.38028817, 0.12055708, 0.56715537, 0.92005746, 0.7707227, 0.85278176, 0.0531595,
  0.87168699, 0.58858043,
];
const yRegression = [
  -0.25934537, 0.18195445, 0.65127015, 0.13921448, 0.09366691, 0.30567674, 0.37229117, 0.20716968,
  -0.08131792, 0.51187806, 0.16943738, 0.3994327, 0.01906257, 0.5582041, 0.45256496, -0.1183121, 0.02957665,
  -1.24354444, 0.24803884, 0.2682497,
];
const yBinary = [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1];
const yClass = [2, 0, 1, 2, 1, 0, 0, 2, 2, 0, 2, 0, 2, 0, 1, 2, 1, 2, 1, 0];

// get_parameters(): the hidden layer is shared by all three notebooks
const beta0 = [[0.3], [-1.0], [-0.5]];
const omega0 = [[-1.0], [1.8], [0.65]];

/** The notebooks' shallow_nn: one input, three ReLU hidden units, examples in columns. */
function shallowNn(x: number[], beta1: number[][], omega1: number[][]) {
  return deepNetwork(tensor([x]), [beta0, beta1], [omega0, omega1]).output;
}

/** numpy-style %9.9f comparison: equal when printed to `digits` decimals. */
function expectPrinted(value: number, printed: number, digits: number) {
  expect(value.toFixed(digits)).toBe(printed.toFixed(digits));
}

describe('Loss I: univariate regression (normal distribution)', () => {
  const omega1 = [[-2.0, -1.0, 7.0]];
  it('normal pdf, eq. 5.7: normal_distribution(1, -1, 2.3) = 0.119', () => {
    expectPrinted(normalPdf(1, -1, 2.3).item(), 0.119, 3);
  });
  it('likelihood 0.000010624, NLL 11.452419564, sum of squares 2.020992572', () => {
    const mu = shallowNn(xTrain, [[0.1]], omega1);
    expectPrinted(normalLikelihood(yRegression, mu, 0.2).item(), 0.000010624, 9);
    expectPrinted(normalNll(yRegression, mu, 0.2).item(), 11.452419564, 9);
    expectPrinted(sumOfSquares(yRegression, mu).item(), 2.020992572, 9);
  });
  it('beta_1 sweep: max likelihood, min NLL and least squares at the same offset', () => {
    const ref = fixture.loss1_beta1;
    const vals = arange(0, 1.0, 0.01).toList();
    const L: number[] = [];
    const N: number[] = [];
    const S: number[] = [];
    for (const v of vals) {
      const mu = shallowNn(xTrain, [[v]], omega1);
      L.push(normalLikelihood(yRegression, mu, 0.2).item());
      N.push(normalNll(yRegression, mu, 0.2).item());
      S.push(sumOfSquares(yRegression, mu).item());
    }
    for (let i = 0; i < vals.length; i++) {
      expect(L[i]).toBeCloseTo(ref.likelihoods[i], 12);
      expect(N[i]! / ref.nlls[i]).toBeCloseTo(1, 11);
      expect(S[i]! / ref.sumSquares[i]).toBeCloseTo(1, 11);
    }
    const iL = argmax(tensor(L)).item();
    expect(iL).toBe(ref.argmaxLikelihood);
    expect(argmin(tensor(N)).item()).toBe(ref.argminNll);
    expect(argmin(tensor(S)).item()).toBe(ref.argminSumSquares);
    expect(vals[iL]!.toFixed(3)).toBe('0.270'); // the notebook then uses beta_1 = 0.27
  });
  it('sigma sweep: max likelihood and min NLL at the same sigma', () => {
    const ref = fixture.loss1_sigma;
    const sigmas = arange(0.1, 0.5, 0.005).toList();
    const mu = shallowNn(xTrain, [[0.27]], omega1);
    const L = sigmas.map((s) => normalLikelihood(yRegression, mu, s).item());
    const N = sigmas.map((s) => normalNll(yRegression, mu, s).item());
    for (let i = 0; i < sigmas.length; i++) {
      expect(L[i]! / ref.likelihoods[i]).toBeCloseTo(1, 10);
      expect(N[i]! / ref.nlls[i]).toBeCloseTo(1, 11);
    }
    expect(argmax(tensor(L)).item()).toBe(ref.argmaxLikelihood);
    expect(argmin(tensor(N)).item()).toBe(ref.argminNll);
  });
});

describe('Loss II: binary classification (Bernoulli distribution)', () => {
  const omega1 = [[-24.0, -8.0, 50.0]];
  it('bernoulli_distribution(0, 0.2) = 0.8 and (1, 0.2) = 0.2 (eq. 5.17)', () => {
    expectPrinted(bernoulliPmf(0, 0.2).item(), 0.8, 3);
    expectPrinted(bernoulliPmf(1, 0.2).item(), 0.2, 3);
  });
  it('likelihood 0.000070237 and NLL 9.563639387 with lambda = sigmoid(model output)', () => {
    const lambda = sigmoid(shallowNn(xTrain, [[2.6]], omega1));
    expectPrinted(bernoulliLikelihood(yBinary, lambda).item(), 0.000070237, 9);
    expectPrinted(bernoulliNll(yBinary, lambda).item(), 9.563639387, 9);
  });
  it('beta_1 sweep: argmax likelihood = argmin NLL', () => {
    const ref = fixture.loss2_beta1;
    const vals = arange(-2, 6.0, 0.1).toList();
    const L: number[] = [];
    const N: number[] = [];
    for (const v of vals) {
      const lambda = sigmoid(shallowNn(xTrain, [[v]], omega1));
      L.push(bernoulliLikelihood(yBinary, lambda).item());
      N.push(bernoulliNll(yBinary, lambda).item());
    }
    for (let i = 0; i < vals.length; i++) {
      expect(L[i]! / ref.likelihoods[i]).toBeCloseTo(1, 9);
      expect(N[i]! / ref.nlls[i]).toBeCloseTo(1, 10);
    }
    expect(argmax(tensor(L)).item()).toBe(ref.argmaxLikelihood);
    expect(argmin(tensor(N)).item()).toBe(ref.argminNll);
  });
});

describe('Loss III: multiclass classification (categorical distribution)', () => {
  const omega1 = [
    [-24.0, -8.0, 50.0],
    [-2.0, 8.0, -30.0],
    [16.0, -8.0, -8],
  ];
  const lambdaCol = [[0.2], [0.5], [0.3]];
  it('categorical_distribution picks row y: 0.2, 0.5, 0.3', () => {
    expectPrinted(categoricalPmf(tensor([[0]], { dtype: 'int32' }), lambdaCol).item(), 0.2, 3);
    expectPrinted(categoricalPmf(tensor([[1]], { dtype: 'int32' }), lambdaCol).item(), 0.5, 3);
    expectPrinted(categoricalPmf(tensor([[2]], { dtype: 'int32' }), lambdaCol).item(), 0.3, 3);
  });
  it('likelihood 0.000000041 and NLL 17.015457867 with lambda = softmax over rows', () => {
    const lambda = softmax(shallowNn(xTrain, [[2.0], [-2], [0.0]], omega1), { axis: 0 });
    expectPrinted(categoricalLikelihood(yClass, lambda).item(), 0.000000041, 9);
    expectPrinted(categoricalNll(yClass, lambda).item(), 17.015457867, 9);
  });
  it('beta_1[0,0] sweep: argmax likelihood = argmin NLL', () => {
    const ref = fixture.loss3_beta1;
    const vals = arange(-2, 6.0, 0.1).toList();
    const L: number[] = [];
    const N: number[] = [];
    for (const v of vals) {
      const lambda = softmax(shallowNn(xTrain, [[v], [-2], [0.0]], omega1), { axis: 0 });
      L.push(categoricalLikelihood(yClass, lambda).item());
      N.push(categoricalNll(yClass, lambda).item());
    }
    for (let i = 0; i < vals.length; i++) {
      expect(L[i]! / ref.likelihoods[i]).toBeCloseTo(1, 9);
      expect(N[i]! / ref.nlls[i]).toBeCloseTo(1, 10);
    }
    expect(argmax(tensor(L)).item()).toBe(ref.argmaxLikelihood);
    expect(argmin(tensor(N)).item()).toBe(ref.argminNll);
  });
});
