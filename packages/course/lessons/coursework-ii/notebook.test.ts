// Coursework II: `gradkit run coursework-ii` runs the notebook (udl-cm20315-coursework_ii.md) on
// the course's files when ../shared/data/udl-cm20315 holds them (else on generated MNIST-1D). The
// notebook prints no reference numbers of its own: it quotes the original run's 37.45 % validation
// error (the plot's dotted line). At a tenth of the epochs (scale 0.2: 10 of 50) the errors must lie
// in PyTorch's seed-to-seed spread after the same epoch (tests/fixtures/coursework_seeds.json,
// PyTorch 1.13 running the notebook's loop with seeds 1..10: mean ± 3 sd, as
// tests/test/coursework-course.test.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCourseworkData } from '@gradkit/datasets/node';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';

const root = join(import.meta.dirname, '../../../..');
const courseDir = join(root, '../shared/data/udl-cm20315');
const hasData = existsSync(join(courseDir, 'train_data_x.npy'));
const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/coursework_seeds.json'), 'utf8')) as {
  mlp: { trainError: number[]; valError: number[] }[];
};

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: 'trainError' | 'valError', epoch: number): [number, number] {
  const v = fx.mlp.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

const EPOCH_LINE =
  /^Epoch {5}\d, train loss \d+\.\d{6}, train error \d+\.\d{2}, val loss \d+\.\d{6}, percent error \d+\.\d{2}$/;

describe('coursework-ii notebook', async () => {
  const { values, report } = await runLesson('coursework-ii', { scale: 0.2 });
  const errorsVal = values.errors_val as number[];

  it('prints the data sizes, then one line per epoch in the notebook format', () => {
    const epochs = report.filter((l) => l.startsWith('Epoch'));
    expect(epochs).toHaveLength(10);
    for (const l of epochs) expect(l).toMatch(EPOCH_LINE);
    expect(epochs[9]!.endsWith(pyFormat('percent error %3.2f', errorsVal[9]))).toBe(true);
    // "There are 40 input dimensions and 10 output dimensions for this data"
    expect([values.D_i, values.D_o, values.D_1, values.D_2]).toEqual([40, 10, 100, 100]);
  });

  it('records the four (n_epoch,) histories, the title value and the quoted 37.45 % line', () => {
    expect(values.n_epoch).toBe(10);
    for (const k of ['losses_train', 'errors_train', 'losses_val', 'errors_val'])
      expect((values[k] as number[]).length).toBe(10);
    expect(values['epoch#all']).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(values['errors_val[epoch]']).toEqual(errorsVal);
    expect(values['errors_val[-1]']).toBe(errorsVal[9]);
    expect(values['[37.45, 37.45]']).toEqual([37.45, 37.45]);
    const losses = values.losses_train as number[];
    expect(losses[9]!).toBeLessThan(losses[0]!);
    expect(losses[0]!).toBeLessThan(Math.log(10)); // chance level after one epoch already beaten
  });

  it.skipIf(!hasData)(
    'reads the course files: sizes as stored, errors inside PyTorch’s spread after 10 epochs',
    () => {
      const d = loadCourseworkData(courseDir);
      const [D, N] = d.train.x.shape as [number, number];
      const M = d.val.x.shape[1]!;
      expect(report[0]).toBe(`Train data: ${N} examples (columns), each of which has ${D} dimensions (rows)`);
      expect(report[1]).toBe(
        `Validation data: ${M} examples (columns), each of which has ${D} dimensions (rows)`,
      );
      expect(values['(train_data_x.shape[1],train_data_x.shape[0])']).toEqual([N, D]);
      const [vlo, vhi] = band('valError', 10);
      const [tlo, thi] = band('trainError', 10);
      expect(errorsVal[9]!).toBeGreaterThanOrEqual(vlo);
      expect(errorsVal[9]!).toBeLessThanOrEqual(vhi);
      const trainErr = (values.errors_train as number[])[9]!;
      expect(trainErr).toBeGreaterThanOrEqual(tlo);
      expect(trainErr).toBeLessThanOrEqual(thi);
    },
  );

  it.skipIf(hasData)(
    'without the course files: says so and trains on generated MNIST-1D (4000 / 1000)',
    () => {
      expect(report[0]).toMatch(/^\(train_data_x\.npy .* MNIST-1D generated/);
      expect(report[1]).toBe('Train data: 4000 examples (columns), each of which has 40 dimensions (rows)');
      expect(report[2]).toBe(
        'Validation data: 1000 examples (columns), each of which has 40 dimensions (rows)',
      );
    },
  );
});
