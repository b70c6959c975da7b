// Notebook 10.2: `gradkit run 10-2-convolution-for-mnist-1d` (udlbook/10_2_Convolution_for_MNIST_1D.md).
// The notebook states the data sizes it prints (4000, 1000, 40) and, in its TODO, the layer sizes
// (input length 40, then 19 and 9, flatten 4x15 = 60, linear 60 -> 10); it has no recorded outputs
// and its training is unseeded in PyTorch. At a twentieth of the epochs (scale 0.05: 5 of 100) the
// errors and losses must lie in PyTorch's seed-to-seed spread after the same epoch
// (tests/fixtures/udl_convolution_mnist1d.json: PyTorch 1.13 running the notebook's loop on the
// frozen MNIST-1D with seeds 1..10; mean ± 3 sd, widened to [min, max]).
import { readFileSync } from 'node:fs';
import { mnist1dConvNet } from '@gradkit/conv';
import { RandomState, zeros } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';

type Key = 'trainError' | 'valError' | 'trainLoss' | 'valLoss';
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_convolution_mnist1d.json', import.meta.url), 'utf8'),
) as { epochs: number; runs: Record<Key, number[]>[] };

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: Key, epoch: number): [number, number] {
  const v = fx.runs.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

const EPOCH_LINE =
  /^Epoch {5}\d, train loss \d+\.\d{6}, train error \d+\.\d{2}, {2}val loss \d+\.\d{6}, percent error \d+\.\d{2}$/;

describe('10-2-convolution-for-mnist-1d notebook', async () => {
  const { values, report } = await runLesson('10-2-convolution-for-mnist-1d', { scale: 0.05 });

  it('prints the data sizes of MNIST-1D (default arguments), then of the transposed arrays', () => {
    expect(report.slice(0, 5)).toEqual([
      'Examples in training set: 4000',
      'Examples in test set: 1000',
      'Length of each example: 40',
      'Train data: 4000 examples (columns), each of which has 40 dimensions (rows)',
      'Validation data: 1000 examples (columns), each of which has 40 dimensions (rows)',
    ]);
    expect([values.D_i, values.D_o]).toEqual([40, 10]);
  });

  it('the figure 10.7 network has the sizes of the notebook’s TODO: 40 → 19 → 9 → 4 (×15 = 60) → 10', () => {
    const net = mnist1dConvNet({ rng: new RandomState(0) });
    const lengths: number[] = [];
    let h = zeros([1, 1, 40], { dtype: 'float32' });
    for (const layer of net.children()) {
      h = layer.call(h);
      lengths.push(h.shape[h.ndim - 1]!);
    }
    expect([...new Set(lengths)]).toEqual([19, 9, 4, 60, 10]);
  });

  it('prints one line per epoch in the notebook format and records the (n_epoch,) histories', () => {
    const lines = report.slice(5);
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(EPOCH_LINE);
    expect(values.n_epoch).toBe(5);
    expect(values['epoch#all']).toEqual([0, 1, 2, 3, 4]);
    const errorsVal = values.errors_val as number[];
    const lossesTrain = values.losses_train as number[];
    for (const k of ['losses_train', 'errors_train', 'losses_val', 'errors_val'])
      expect((values[k] as number[]).length).toBe(5);
    expect(lines[4]!.endsWith(pyFormat('percent error %3.2f', errorsVal[4]))).toBe(true);
    expect(values['errors_val[-1]']).toBe(errorsVal[4]);
    expect(lossesTrain[4]!).toBeLessThan(lossesTrain[0]!);
  });

  it('errors and losses after 5 epochs lie inside PyTorch’s seed-to-seed spread', () => {
    expect(fx.epochs).toBe(100);
    const last = {
      trainError: (values.errors_train as number[])[4]!,
      valError: (values.errors_val as number[])[4]!,
      trainLoss: (values.losses_train as number[])[4]!,
      valLoss: (values.losses_val as number[])[4]!,
    };
    for (const k of Object.keys(last) as Key[]) {
      const [lo, hi] = band(k, 5);
      expect(last[k], k).toBeGreaterThanOrEqual(lo);
      expect(last[k], k).toBeLessThanOrEqual(hi);
    }
  });
});
