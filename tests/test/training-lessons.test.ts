// Training I–III (udl-training_i, udl-cm20315-training_ii/iii): the line-search minimum, the
// printed losses 12.367 / 16.419, and every descent, against tests/fixtures/gen_optim_training.py
// (numpy, the notebooks with their TODOs completed as the notebooks describe).
import { readFileSync } from 'node:fs';
import { RandomState, ValueError } from '@gradkit/core';
import { lossFunction } from '@gradkit/course/lessons/training-i/harness';
import {
  computeLoss,
  descend,
  GABOR_DATA,
  gaborGradient,
  gaborModel,
  gaborObjective,
  gradientDescentStep,
  gradientDescentStepFixedLearningRate,
  LINE_DATA,
  lineGradient,
  lineModel,
  lineObjective,
  lineSearch,
  npSum,
  stochasticGradientDescentStep,
} from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';

// Training I's loss is the lesson's own (the notebook's `loss_function`).
const trainingILoss = lossFunction;

const fx = JSON.parse(readFileSync(new URL('../fixtures/optim_training.json', import.meta.url), 'utf8'));

function maxDiff(a: number[][], b: number[][]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  a.forEach((row, i) => {
    row.forEach((v, k) => {
      m = Math.max(m, Math.abs(v - b[i]![k]!));
    });
  });
  return m;
}

describe('Training I: line search by bracketing', () => {
  it('finds the notebook minimum with thresh 1e-4, max_iter 10', () => {
    const r = lineSearch(trainingILoss, { threshold: 0.0001, maxIter: 10 });
    expect(r.soln).toBeCloseTo(fx.trainingI.soln, 14);
    expect(trainingILoss(r.soln)).toBeCloseTo(fx.trainingI.loss, 14);
    // The printed line: 'Soln = %3.3f, loss = %3.3f'
    expect(r.soln.toFixed(3)).toBe(fx.trainingI.soln.toFixed(3));
    // Each iteration's bracket ('Iter %d, a=.., b=.., c=.., d=..').
    expect(
      maxDiff(
        r.history.map((h) => [h.a, h.b, h.c, h.d]),
        fx.trainingI.iters,
      ),
    ).toBeLessThan(1e-15);
  });

  it('rejects a bracket out of order, a negative threshold and NaN losses', () => {
    expect(() => lineSearch(trainingILoss, { a: 0, b: 0.7, c: 0.5, d: 1 })).toThrow(/a < b < c < d/);
    expect(() => lineSearch(trainingILoss, { threshold: -1 })).toThrow(ValueError);
    expect(() => lineSearch(() => Number.NaN)).toThrow(/lossA/);
  });
});

describe('Training II: fitting a line', () => {
  it('the loss at φ = [0.6, −0.2] is 12.367 and the gradient matches finite differences', () => {
    const loss = computeLoss(LINE_DATA, lineModel, [0.6, -0.2]);
    expect(loss.toFixed(3)).toBe('12.367');
    expect(loss).toBe(fx.trainingII.lossCheck);
    const g = lineGradient(LINE_DATA, [0.6, -0.2]);
    expect(Math.abs(g[0] - fx.trainingII.gradCheck[0])).toBeLessThan(1e-12);
    expect(Math.abs(g[1] - fx.trainingII.gradCheck[1])).toBeLessThan(1e-12);
    const delta = 1e-6;
    const fd0 =
      (computeLoss(LINE_DATA, lineModel, [0.6 + delta, -0.2]) -
        computeLoss(LINE_DATA, lineModel, [0.6 - delta, -0.2])) /
      (2 * delta);
    const fd1 =
      (computeLoss(LINE_DATA, lineModel, [0.6, -0.2 + delta]) -
        computeLoss(LINE_DATA, lineModel, [0.6, -0.2 - delta])) /
      (2 * delta);
    expect(g[0]).toBeCloseTo(fd0, 6);
    expect(g[1]).toBeCloseTo(fd1, 6);
  });

  it('ten steps of gradient descent with line search follow the notebook from [1.6, −0.5]', () => {
    const traj = descend([1.6, -0.5], 10, (phi) => gradientDescentStep(phi, lineObjective));
    expect(maxDiff(traj, fx.trainingII.trajectory)).toBeLessThan(1e-12);
    const losses = traj.map((phi) => lineObjective.loss(phi));
    losses.forEach((l, i) => expect(Math.abs(l - fx.trainingII.losses[i])).toBeLessThan(1e-12));
    // The descent goes downhill at every step.
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThanOrEqual(losses[i - 1]!);
  });
});

describe('Training III: the Gabor model', () => {
  it('the loss at φ = [0.6, −0.2] is 16.419; the notebook gradient matches finite differences', () => {
    const loss = computeLoss(GABOR_DATA, gaborModel, [0.6, -0.2]);
    expect(loss.toFixed(3)).toBe('16.419');
    expect(Math.abs(loss - fx.trainingIII.lossCheck)).toBeLessThan(1e-12);
    const phi = [-5, 25];
    const g = gaborGradient(GABOR_DATA, phi);
    const d = 1e-6;
    const fd = [0, 1].map((k) => {
      const up = [...phi];
      const dn = [...phi];
      up[k]! += d;
      dn[k]! -= d;
      return (computeLoss(GABOR_DATA, gaborModel, up) - computeLoss(GABOR_DATA, gaborModel, dn)) / (2 * d);
    });
    expect(Math.abs(g[0] - fd[0]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd[0]!)));
    expect(Math.abs(g[1] - fd[1]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd[1]!)));
  });

  it('descent 1: 21 steps with line search from [−1.5, 8.5]', () => {
    const traj = descend([-1.5, 8.5], 21, (phi) =>
      gradientDescentStep(phi, gaborObjective, { maxDist: 2.0 }),
    );
    expect(maxDiff(traj, fx.trainingIII.lineSearch.trajectory)).toBeLessThan(1e-10);
  });

  it('descent 2: 21 fixed steps with alpha 0.2', () => {
    const traj = descend([-1.5, 8.5], 21, (phi) =>
      gradientDescentStepFixedLearningRate(phi, gaborObjective, 0.2),
    );
    expect(maxDiff(traj, fx.trainingIII.fixed.trajectory)).toBeLessThan(1e-10);
  });

  it('descent 3: 41 minibatch SGD steps (alpha 0.8, batch 5) with np.random.seed(1)', () => {
    const rng = new RandomState(1);
    const traj = descend([3.5, 6.5], 41, (phi) =>
      stochasticGradientDescentStep(phi, GABOR_DATA, gaborGradient, 0.8, 5, rng),
    );
    expect(maxDiff(traj, fx.trainingIII.sgd.trajectory)).toBeLessThan(1e-10);
    traj.forEach((phi, i) =>
      expect(Math.abs(gaborObjective.loss(phi) - fx.trainingIII.sgd.losses[i])).toBeLessThan(1e-10),
    );
  });

  it('rejects a batch larger than the data', () => {
    expect(() =>
      stochasticGradientDescentStep([0, 1], GABOR_DATA, gaborGradient, 0.8, 31, new RandomState(1)),
    ).toThrow(/batchSize/);
  });
});

describe('npSum is numpy pairwise summation', () => {
  it('differs from a left-to-right loop where numpy does', () => {
    // 1 + 8 × 1e-16: left to right every tiny term is lost; numpy's 8 accumulators keep some.
    const a: number[] = fx.npSum.input.slice(0, 9);
    let loop = 0;
    for (const v of a) loop += v;
    expect(loop).toBe(1);
    expect(npSum(a)).toBe(fx.npSum.sum9);
    // 169 values: the recursive split above 128 elements.
    expect(npSum(fx.npSum.input)).toBe(fx.npSum.sumAll);
  });
});
