// Convolution II: `gradkit run convolution-ii` runs the notebook (udl-cm20315-convolution_ii.md):
// the coursework pipeline with the figure 10.7 network. The notebook's TODO states the layer sizes
// (input length 40, then 19 and 9, flatten 4x15 = 60, linear 60 -> 10); it prints no reference
// numbers. With the course files (../shared/data/udl-cm20315) the errors after 5 of the 50 epochs
// (scale 0.1) must lie in PyTorch's seed-to-seed spread after 5 epochs
// (tests/fixtures/coursework_seeds.json, PyTorch 1.13 running this loop with seeds 1..10: mean ± 3 sd).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mnist1dConvNet } from '@gradkit/conv';
import { RandomState, zeros } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';

const root = join(import.meta.dirname, '../../../..');
const hasData = existsSync(join(root, '../shared/data/udl-cm20315/train_data_x.npy'));
const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/coursework_seeds.json'), 'utf8')) as {
  cnn: { trainError: number[]; valError: number[] }[];
};

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: 'trainError' | 'valError', epoch: number): [number, number] {
  const v = fx.cnn.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

describe('convolution-ii notebook', async () => {
  const { values, report } = await runLesson('convolution-ii', { scale: 0.1 });

  it('the figure 10.7 network has the sizes of the notebook’s TODO: 40 → 19 → 9 → 4 (×15 = 60) → 10', () => {
    const net = mnist1dConvNet({ rng: new RandomState(0) });
    const lengths: number[] = [];
    let h = zeros([1, 1, 40], { dtype: 'float32' });
    for (const layer of net.children()) {
      h = layer.call(h);
      if (h.ndim === 3) lengths.push(h.shape[2]!);
      else lengths.push(h.shape[1]!);
    }
    expect([...new Set(lengths)]).toEqual([19, 9, 4, 60, 10]);
  });

  it('prints the data sizes and one line per epoch; records the histories and the quoted 37.45 % line', () => {
    expect(report.filter((l) => l.startsWith('Epoch'))).toHaveLength(5);
    expect(values.n_epoch).toBe(5);
    expect((values.errors_val as number[]).length).toBe(5);
    expect(values['[37.45, 37.45]']).toEqual([37.45, 37.45]);
    expect(values.D_1).toBeUndefined(); // the fully connected model is replaced
  });

  it.skipIf(!hasData)('on the course files: errors after 5 epochs inside PyTorch’s spread', () => {
    const [vlo, vhi] = band('valError', 5);
    const [tlo, thi] = band('trainError', 5);
    const val = values['errors_val[-1]'] as number;
    const train = (values.errors_train as number[])[4]!;
    expect(val).toBeGreaterThanOrEqual(vlo);
    expect(val).toBeLessThanOrEqual(vhi);
    expect(train).toBeGreaterThanOrEqual(tlo);
    expect(train).toBeLessThanOrEqual(thi);
  });
});
