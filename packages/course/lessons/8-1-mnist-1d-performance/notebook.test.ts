// Notebook 8.1: `gradkit run 8-1-mnist-1d-performance` (udlbook/8_1_MNIST_1D_Performance.md).
// The notebook states three numbers (the data sizes it prints: 4000, 1000, 40) and no recorded
// outputs; its training is unseeded in PyTorch. At a tenth of the epochs (scale 0.1: 5 of 50) the
// errors and losses must lie in PyTorch's seed-to-seed spread after the same epoch
// (tests/fixtures/udl_mnist1d_performance.json: PyTorch 1.13 running the notebook's loop on the
// frozen MNIST-1D with seeds 1..10; mean ± 3 sd, widened to [min, max]).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';

type Key = 'trainError' | 'testError' | 'trainLoss' | 'testLoss';
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_mnist1d_performance.json', import.meta.url), 'utf8'),
) as { runs: Record<Key, number[]>[] };

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: Key, epoch: number): [number, number] {
  const v = fx.runs.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

const EPOCH_LINE =
  /^Epoch {5}\d, train loss \d+\.\d{6}, train error \d+\.\d{2}, {2}test loss \d+\.\d{6}, test error \d+\.\d{2}$/;

describe('8-1-mnist-1d-performance notebook', async () => {
  const { values, report } = await runLesson('8-1-mnist-1d-performance', { scale: 0.1 });

  it('prints the data sizes of MNIST-1D (default arguments)', () => {
    expect(report.slice(0, 3)).toEqual([
      'Examples in training set: 4000',
      'Examples in test set: 1000',
      'Length of each example: 40',
    ]);
    expect(values["len(data['y'])"]).toBe(4000);
    expect(values["len(data['y_test'])"]).toBe(1000);
    expect(values["data['x'].shape[-1]"]).toBe(40);
    expect([values.D_i, values.D_k, values.D_o]).toEqual([40, 100, 10]);
  });

  it('prints one line per epoch in the notebook format and records the (n_epoch,) histories', () => {
    const lines = report.slice(3);
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(EPOCH_LINE);
    expect(values.n_epoch).toBe(5);
    expect(values['epoch#all']).toEqual([0, 1, 2, 3, 4]);
    const errorsTest = values.errors_test as number[];
    const lossesTrain = values.losses_train as number[];
    for (const k of ['losses_train', 'errors_train', 'losses_test', 'errors_test'])
      expect((values[k] as number[]).length).toBe(5);
    expect(lines[4]!.endsWith(pyFormat('test error %3.2f', errorsTest[4]))).toBe(true);
    expect(values['errors_test[-1]']).toBe(errorsTest[4]);
    expect(values['losses_train[-1]']).toBe(lossesTrain[4]);
    expect(lossesTrain[4]!).toBeLessThan(lossesTrain[0]!);
  });

  it('errors and losses after 5 epochs lie inside PyTorch’s seed-to-seed spread', () => {
    const last = {
      trainError: (values.errors_train as number[])[4]!,
      testError: (values.errors_test as number[])[4]!,
      trainLoss: (values.losses_train as number[])[4]!,
      testLoss: (values.losses_test as number[])[4]!,
    };
    for (const k of Object.keys(last) as Key[]) {
      const [lo, hi] = band(k, 5);
      expect(last[k], k).toBeGreaterThanOrEqual(lo);
      expect(last[k], k).toBeLessThanOrEqual(hi);
    }
  });
});
