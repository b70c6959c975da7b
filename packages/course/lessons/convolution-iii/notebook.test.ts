// Convolution III (no seed text; the seeds' README summarises it): `gradkit run convolution-iii`
// trains the README's 28×28 digit classifier with SGD and prints the train and test error per
// epoch. Offline (no MNIST IDX files on disk) it trains on the generated seven-segment stand-in;
// the numbers asserted are those tests/test/conv-mnist.test.ts asserts for this stand-in and
// network: the first epoch starts on the log(10) = 2.30 plateau of an untrained classifier, and
// after 3 epochs the test error is far below chance (under 60 %, chance 90 %). With real MNIST
// on disk the run takes minutes (60000 images per epoch): real MNIST is checked by
// conv-mnist.test.ts instead, and this file skips.
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { mnistDataDir } from './notebook.js';

const EPOCH_LINE =
  /^Epoch {5}\d, train loss \d+\.\d{6}, train error \d+\.\d{2}, test loss \d+\.\d{6}, test error \d+\.\d{2}$/;

describe.skipIf(await mnistDataDir())('convolution-iii notebook (generated stand-in)', async () => {
  const { values, report } = await runLesson('convolution-iii');

  it('says it trains on the stand-in (600 training, 200 test digits) and draws six of them', () => {
    expect(report[0]).toMatch(
      /^\(MNIST is not on disk .* 600 generated seven-segment digits, testing on 200\)$/,
    );
    const images = values.example_data as number[][][][];
    expect([images.length, images[0]!.length, images[0]![0]!.length, images[0]![0]![0]!.length]).toEqual([
      6, 1, 28, 28,
    ]);
    expect((values.example_targets as number[]).length).toBe(6);
    expect((values.predictions as number[]).length).toBe(6);
  });

  it('prints one line per epoch; the loss falls and the test error ends far below chance', () => {
    const lines = report.filter((l) => l.startsWith('Epoch'));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(EPOCH_LINE);
    expect([values.n_epoch, values.batch_size_train]).toEqual([3, 30]);
    const losses = values.losses_train as number[];
    const errors = values.errors_test as number[];
    expect(Math.abs(losses[0]! - Math.log(10))).toBeLessThan(0.1);
    expect(losses[2]!).toBeLessThan(0.7 * losses[0]!);
    expect(errors[2]!).toBeLessThan(60);
  });
});
