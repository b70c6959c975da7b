// Notebook 20.2: `gradkit run 20-2-full-batch-gradient-descent` (udlbook/20_2_Full_Batch_Gradient_Descent.md).
// The notebook prints the data sizes (4000, 40) and records no outputs; it trains 200 000 and
// 500 000 epochs, unseeded in PyTorch. tests/fixtures/udl_full_batch_gd.json (gen_udl_full_batch_gd.py,
// PyTorch 1.13) holds (1) the errors of the notebook's four trainings for PyTorch seeds 1..10 over
// their first 20 / 50 epochs: at scale 5e-5 (10 epochs of the deeper networks, 25 of the one-layer
// network) gradkit's errors must lie in that seed-to-seed spread (mean ± 3 sd widened to
// [min, max]); (2) PyTorch's starting weights of the four-layer network and its loss and error
// along 100 full-batch steps (the test follows the first 50): full-batch gradient descent draws nothing at random, so gradkit
// started from those weights must follow the same path.
import { readFileSync } from 'node:fs';
import { RandomState, tensor } from '@gradkit/core';
import { Linear } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import {
  countParameters,
  type Depth,
  errorPercent,
  fullBatchData,
  HIDDEN_UNITS,
  makeNetwork,
  matchingWidth,
  notebookModels,
  trainModel,
} from './notebook.js';

interface Fixture {
  epochs: Record<string, number>;
  runs: Record<string, number[]>[];
  trajectory: {
    layers: number;
    epochs: number;
    start: { weight: number[]; shape: [number, number]; bias: number[] }[];
    losses: number[];
    errors: number[];
  };
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_full_batch_gd.json', import.meta.url), 'utf8'),
) as Fixture;

/** PyTorch's spread after `epoch` epochs (1-based) of the `layers` network: mean ± 3 sd, widened to [min, max]. */
function band(layers: Depth, epoch: number): [number, number] {
  const v = fx.runs.map((r) => r[String(layers)]![epoch - 1]!);
  return seedBand(v);
}

const NAMES = {
  1: 'errors_one_layer',
  2: 'errors_two_layers',
  3: 'errors_three_layers',
  4: 'errors_four_layers',
};

describe('20-2-full-batch-gradient-descent notebook', async () => {
  const { values, report } = await runLesson('20-2-full-batch-gradient-descent', { scale: 5e-5 });

  it('prints the data sizes and, for each training cell in order, its warning and last progress line', () => {
    expect(report).toEqual([
      'Examples in training set: 4000',
      'Length of each example: 40',
      'Train data: 4000 examples (columns), each of which has 40 dimensions (rows)',
      'This is going to take a long time!',
      expect.stringMatching(/^Epoch 0, errors_train \d+\.\d{3}$/),
      'This is going to take a long time!',
      expect.stringMatching(/^Epoch 0, errors_train \d+\.\d{3}$/),
      'This is going to take a long time!',
      expect.stringMatching(/^Epoch 0, errors_train \d+\.\d{3}$/),
      'This is going to take a long time!',
      expect.stringMatching(/^Epoch 20, errors_train \d+\.\d{3}$/),
    ]);
    expect(values['epoch#all']).toEqual([0, 0, 0, 20]);
  });

  it('the four networks have about 15 000 parameters each (the TODO widths 100, 75, 63)', () => {
    expect([1, 2, 3, 4].map((d) => values[`count_parameters(model_${d}_layer)`])).toEqual([
      15208, 15210, 15235, 15319,
    ]);
    for (const d of [1, 2, 3, 4] as const) {
      const m = makeNetwork(d, HIDDEN_UNITS[d], new RandomState(0));
      expect(m.parameters().reduce((n, p) => n + p.size, 0)).toBe(countParameters(d, HIDDEN_UNITS[d]));
      expect(matchingWidth(d, 15208)).toBe(HIDDEN_UNITS[d]);
    }
    expect(() => matchingWidth(0, 100)).toThrow(/matchingWidth.*layers/);
  });

  it('records errors_train of every epoch, in float32 as PyTorch computes them', () => {
    for (const d of [1, 2, 3, 4] as const) {
      const e = values[NAMES[d]] as number[];
      expect(e).toHaveLength(fx.epochs[String(d)]! / 2);
      for (const v of e) expect(v).toBe(Math.fround(v));
      expect(values[`${NAMES[d]}[-1]`]).toBe(e.at(-1));
    }
    // every error PyTorch recorded is 100 - 100 * correct / 4000 in float32, bit for bit
    for (const e of fx.runs.flatMap((r) => Object.values(r).filter(Array.isArray).flat()))
      expect(errorPercent(Math.round(((100 - e) * 4000) / 100), 4000)).toBe(e);
  });

  it('the errors lie inside PyTorch’s seed-to-seed spread along the first epochs', () => {
    for (const d of [1, 2, 3, 4] as const) {
      const e = values[NAMES[d]] as number[];
      for (const epoch of [1, Math.round(e.length / 2), e.length]) {
        const [lo, hi] = band(d, epoch);
        expect(e[epoch - 1], `${d} layers, epoch ${epoch}`).toBeGreaterThanOrEqual(lo);
        expect(e[epoch - 1], `${d} layers, epoch ${epoch}`).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('from PyTorch’s starting weights, 50 full-batch steps follow PyTorch’s path', () => {
    const t = fx.trajectory;
    const model = notebookModels()[t.layers as Depth];
    const linears = [...model.modules()].filter((m): m is Linear => m instanceof Linear);
    expect(linears).toHaveLength(t.start.length);
    linears.forEach((l, i) => {
      const s = t.start[i]!;
      expect(l.weight.shape).toEqual(s.shape);
      l.weight.data.set(tensor(s.weight, { dtype: 'float32' }).data);
      l.bias!.data.set(tensor(s.bias, { dtype: 'float32' }).data);
    });
    const losses: number[] = [];
    const errors = trainModel(model, fullBatchData(), 50, (_e, loss) => losses.push(loss));
    losses.forEach((l, i) =>
      expect(Math.abs(l - t.losses[i]!), `loss at epoch ${i}`).toBeLessThan(1e-4 * t.losses[i]!),
    );
    errors.forEach((e, i) =>
      expect(Math.abs(e - t.errors[i]!), `error at epoch ${i}`).toBeLessThanOrEqual(0.05 + 1e-6),
    );
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
  });
});
