// Notebook 20.1: `gradkit run 20-1-random-data` (udlbook/20_1_Random_Data.md). The notebook prints
// the data sizes (4000, 1000, 40) and records no outputs; its training is unseeded in PyTorch, its
// two TODOs draw from numpy seeded with 1 (by the DataLoader's `worker_init_fn=np.random.seed(1)`).
// tests/fixtures/udl_random_data.json (gen_udl_random_data.py, numpy 1.24 / PyTorch 1.13) holds
// numpy's draws for the TODOs — asserted exactly — and PyTorch's losses of the notebook's three
// trainings for seeds 1..10: at 1 of the 60 epochs (scale 1/60) the losses must lie in PyTorch's
// seed-to-seed spread after the same epoch (mean ± 3 sd, widened to [min, max]).
import { readFileSync } from 'node:fs';
import { RandomState, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import { permuteLabels, randomizeData } from './notebook.js';

type Key = 'trueLabels' | 'randomizedData' | 'permutedLabels';
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_random_data.json', import.meta.url), 'utf8'),
) as {
  numpy: {
    mean: number;
    std: number;
    randomized_row0_first8: number[];
    randomized_mean: number;
    randomized_std: number;
    randomized_sum: number;
    randomized_shape: number[];
    permuted_labels: number[];
  };
  epochs: number;
  runs: Record<Key, number[]>[];
};

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: Key, epoch: number): [number, number] {
  const v = fx.runs.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

const close = (a: number, b: number, rtol = 1e-12) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rtol * Math.abs(b));

describe('20-1-random-data notebook', async () => {
  const { values, report } = await runLesson('20-1-random-data', { scale: 1 / 60 });

  it('prints the data sizes of MNIST-1D (default arguments) and the training layout', () => {
    expect(report.slice(0, 4)).toEqual([
      'Examples in training set: 4000',
      'Examples in test set: 1000',
      'Length of each example: 40',
      'Train data: 4000 examples (columns), each of which has 40 dimensions (rows)',
    ]);
    expect([values.D_i, values.D_k, values.D_o]).toEqual([40, 300, 10]);
  });

  it('prints the progress line every 5 epochs of each of the three trainings', () => {
    expect(values.n_epoch).toBe(1);
    const lines = report.slice(4);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^Epoch 0, train loss \d\.\d{3}$/);
    expect(values['epoch#all']).toEqual([0, 0, 0]);
  });

  it('randomizes the inputs as numpy does: np.random.normal(np.mean(x), np.std(x), x.shape) after seed 1', () => {
    const np = fx.numpy;
    close(values['np.mean(train_data_x)'] as number, np.mean);
    close(values['np.std(train_data_x)'] as number, np.std);
    expect(values['train_data_x_randomized.shape']).toEqual(np.randomized_shape);
    const first = values['train_data_x_randomized[0, :8]'] as number[];
    first.forEach((v, i) => close(v, np.randomized_row0_first8[i]!));
    close(values['np.mean(train_data_x_randomized)'] as number, np.randomized_mean, 1e-10);
    close(values['np.std(train_data_x_randomized)'] as number, np.randomized_std);
  });

  it('permutes the labels as np.random.permutation after seed 1, exactly', () => {
    expect(values.train_data_y_permuted).toEqual(fx.numpy.permuted_labels);
    // the same counts per class as the true labels
    const y = permuteLabels(tensor(fx.numpy.permuted_labels, { dtype: 'int32' }), new RandomState(3));
    expect(Array.from(y.data).sort()).toEqual([...fx.numpy.permuted_labels].sort());
  });

  it('the TODO helpers reject bad input with a typed error', () => {
    expect(() => randomizeData(tensor([]), new RandomState(1))).toThrow(/randomizeData.*non-empty/);
    expect(() => permuteLabels(tensor([[1, 2]]), new RandomState(1))).toThrow(/permuteLabels.*1-D/);
  });

  it('the three loss curves lie inside PyTorch’s seed-to-seed spread after the first epoch', () => {
    const ours: Record<Key, number[]> = {
      trueLabels: values.loss_true_labels as number[],
      randomizedData: values.loss_randomized_data as number[],
      permutedLabels: values.loss_permuted_labels as number[],
    };
    for (const k of Object.keys(ours) as Key[]) {
      expect(ours[k]).toHaveLength(1);
      for (const epoch of [1]) {
        const [lo, hi] = band(k, epoch);
        expect(ours[k][epoch - 1], `${k} epoch ${epoch}`).toBeGreaterThanOrEqual(lo);
        expect(ours[k][epoch - 1], `${k} epoch ${epoch}`).toBeLessThanOrEqual(hi);
      }
    }
    // the true data is learned fastest (in every PyTorch run as well)
    expect(ours.trueLabels[0]!).toBeLessThan(ours.randomizedData[0]! - 0.3);
    expect(ours.trueLabels[0]!).toBeLessThan(ours.permutedLabels[0]! - 0.3);
    expect(values['loss_permuted_labels[-1]']).toBe(ours.permutedLabels[0]);
  });
});
