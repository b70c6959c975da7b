// Convolution III (no seed text; the seeds' README summarises it): `gradkit run convolution-iii`
// trains the README's 28×28 digit classifier (mnistConvNet) with notebook 10.5's loop and prints
// the train and test loss and error per epoch. Offline (no MNIST IDX files on disk) it trains on
// the real digits of loadMnistDigits; at scale 0.125 on the first 1000 training and 250 test
// digits for the 3 epochs. The numbers must lie in PyTorch's seed-to-seed spread of the same run
// (tests/fixtures/udl_convolution_for_mnist.json, "conv3": PyTorch 1.13, 12 seeds, the same
// subset and settings; mean ± 3 sd widened to [min, max]). With real MNIST on disk this file
// skips (tests/test/conv-mnist.test.ts checks the files then).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import { mnistDataDir } from './notebook.js';

type Key = 'trainLoss' | 'trainError' | 'testLoss' | 'testError';
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_convolution_for_mnist.json', import.meta.url), 'utf8'),
).conv3 as { n_train: number; n_test: number; epochs: number; runs: Record<Key, number[]>[] };

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: Key, epoch: number): [number, number] {
  const v = fx.runs.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

const EPOCH_LINE =
  /^Epoch {5}\d, train loss \d+\.\d{6}, train error \d+\.\d{2}, test loss \d+\.\d{6}, test error \d+\.\d{2}$/;

describe.skipIf(await mnistDataDir())('convolution-iii notebook (offline digits, scale 0.125)', async () => {
  const { values, report } = await runLesson('convolution-iii', { scale: 0.125 });

  it('says it trains on the real digits of loadMnistDigits, scaled to 1000 and 250, and draws six', () => {
    expect(report[0]).toMatch(
      /^\(MNIST is not on disk .* training on 8000 and testing on 2000 real MNIST digits/,
    );
    expect(report[1]).toBe(
      `(scaled: training on the first ${fx.n_train} and testing on the first ${fx.n_test})`,
    );
    const images = values.example_data as number[][][][];
    expect([images.length, images[0]!.length, images[0]![0]!.length, images[0]![0]![0]!.length]).toEqual([
      6, 1, 28, 28,
    ]);
    expect(values.example_targets).toEqual([0, 1, 2, 3, 4, 5]); // the digits alternate by class
    expect((values.predictions as number[]).length).toBe(6);
  });

  it('prints one line per epoch; losses and errors lie in PyTorch’s seed-to-seed spread', () => {
    const lines = report.filter((l) => l.startsWith('Epoch'));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(EPOCH_LINE);
    expect([values.n_epoch, values.batch_size_train]).toEqual([3, 64]);
    const ours: Record<Key, number[]> = {
      trainLoss: values.losses_train as number[],
      trainError: values.errors_train as number[],
      testLoss: values.losses_test as number[],
      testError: values.errors_test as number[],
    };
    for (let epoch = 1; epoch <= fx.epochs; epoch++)
      for (const k of Object.keys(ours) as Key[]) {
        const [lo, hi] = band(k, epoch);
        expect(ours[k][epoch - 1], `${k} after epoch ${epoch}`).toBeGreaterThanOrEqual(lo);
        expect(ours[k][epoch - 1], `${k} after epoch ${epoch}`).toBeLessThanOrEqual(hi);
      }
    // learning: the test error ends far below chance (90 %) and below where it started
    expect(ours.testError[2]!).toBeLessThan(ours.testError[0]!);
    expect(ours.testError[2]!).toBeLessThan(70);
  });
});
