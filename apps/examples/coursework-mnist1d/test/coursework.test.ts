// The example app trains the coursework MLP (the coursework-ii lesson's pipeline) on generated
// MNIST-1D for a few epochs: the error must fall, and each improvement recipe must do what it says
// (L2 shrinks the weights, dropout is active in training only, augmentation adds translated noisy
// copies, an ensemble averages softmax).
import { argmax, noGrad, RandomState } from '@gradkit/core';
import { buildModel, percentError, trainModel } from '@gradkit/course/lessons/coursework-ii/notebook';
import { augmentMnist1d } from '@gradkit/datasets';
import type { Module } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { loadData, NOTEBOOK_RECIPE, runRecipe } from '../src/coursework.js';

const data = loadData();
const mlp = (hidden: number[], dropout: number, rng: RandomState) =>
  buildModel({ model: 'mlp', hidden, dropout, init: 'notebook' }, 40, rng).model;

function sumOfSquares(model: Module): number {
  let s = 0;
  for (const p of model.parameters()) for (const v of p.data) s += v * v;
  return s;
}

describe('coursework-mnist1d example', () => {
  it('uses the frozen MNIST-1D split (4000 / 1000 examples of 40 points)', () => {
    expect(data.x.shape).toEqual([4000, 40]);
    expect(data.xVal.shape).toEqual([1000, 40]);
    expect(data.x.dtype).toBe('float32');
  });

  it('the notebook recipe: training and validation error fall over 5 epochs', async () => {
    const { name, history, valError } = await runRecipe('baseline', data, { ...NOTEBOOK_RECIPE, epochs: 5 });
    expect(name).toBe('baseline');
    expect(history).toHaveLength(5);
    const first = history[0]!;
    const last = history[4]!;
    expect(last.trainError).toBeLessThan(first.trainError);
    expect(last.valError).toBeLessThan(first.valError);
    expect(last.trainLoss).toBeLessThan(first.trainLoss);
    // chance is 90 % error on ten classes; a few epochs already do much better
    expect(last.valError).toBeLessThan(60);
    expect(valError).toBe(last.valError);
    // StepLR(10, 0.5) keeps lr 0.05 for the first ten epochs
    expect(history.map((h) => h.lr)).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it('L2 (weight decay) shrinks the weights compared with the same run without it', async () => {
    const small = {
      x: data.x.index('0:500'),
      y: data.y.index('0:500'),
      xVal: data.xVal.index('0:100'),
      yVal: data.yVal.index('0:100'),
      source: 'the first 500 / 100 examples',
    };
    const plain = await trainModel(small, { ...NOTEBOOK_RECIPE, epochs: 3 }, 7);
    const l2 = await trainModel(small, { ...NOTEBOOK_RECIPE, epochs: 3, weightDecay: 0.05 }, 7);
    expect(sumOfSquares(l2.model)).toBeLessThan(0.9 * sumOfSquares(plain.model));
  });

  it('dropout changes outputs in training mode only', () => {
    const model = mlp([100, 100], 0.5, new RandomState(0));
    const x = data.x.index('0:8');
    model.train();
    const a = noGrad(() => model.call(x)).toArray();
    const b = noGrad(() => model.call(x)).toArray();
    expect(a).not.toEqual(b);
    model.eval();
    expect(noGrad(() => model.call(x)).toArray()).toEqual(noGrad(() => model.call(x)).toArray());
  });

  it('augmentation appends circularly translated, noisy copies with the same labels', () => {
    const n = 50;
    const x = data.x.index(`0:${n}`);
    const y = data.y.index(`0:${n}`);
    const out = augmentMnist1d(x, y, 2, new RandomState(3));
    expect(out.x.shape).toEqual([3 * n, 40]);
    expect(Array.from(out.x.data.subarray(0, n * 40))).toEqual(Array.from(x.data));
    for (let c = 1; c <= 2; c++)
      for (let i = 0; i < n; i++) {
        expect(out.y.data[c * n + i]).toBe(y.data[i]);
        const row = x.data.subarray(i * 40, (i + 1) * 40);
        const aug = out.x.data.subarray((c * n + i) * 40, (c * n + i + 1) * 40);
        // some circular shift k explains the copy up to noise of std 0.05 (|noise| < 0.3 = 6 sigma)
        let best = Number.POSITIVE_INFINITY;
        for (let k = 0; k < 40; k++) {
          let worst = 0;
          for (let j = 0; j < 40; j++) worst = Math.max(worst, Math.abs(aug[(j + k) % 40]! - row[j]!));
          best = Math.min(best, worst);
        }
        expect(best).toBeLessThan(0.3);
      }
  });

  it('the error is the argmax error; an ensemble of two trained networks trains', async () => {
    const model = mlp([30], 0, new RandomState(1));
    const logits = noGrad(() => model.call(data.xVal));
    const pred = argmax(logits, { axis: 1 }).data;
    let wrong = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] !== data.yVal.data[i]) wrong++;
    expect(percentError(logits, data.yVal)).toBeCloseTo((100 * wrong) / pred.length, 10);
    const trained = await runRecipe('ensemble', data, { ...NOTEBOOK_RECIPE, epochs: 2, ensemble: 2 });
    expect(trained.valError).toBeLessThan(trained.history[0]!.valError + 10);
    expect(trained.valError).toBeLessThan(70);
  });
});
