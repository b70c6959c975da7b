// Notebook 11.2: `gradkit run 11-2-residual-networks` (udlbook/11_2_Residual_Networks.md). The
// notebook states its data sizes (4000, 1000, 40), the parameter count of its network
// (40·100 + 100 + 2·(100·100 + 100) + 100·10 + 10 = 25310) and no recorded outputs; its training is
// unseeded in PyTorch. At a twentieth of the epochs (scale 0.05: 5 of 100) the errors and losses
// of the residual network (the TODO) must lie in PyTorch's seed-to-seed spread after the same
// epoch (tests/fixtures/udl_residual_networks.json: PyTorch 1.13 running the notebook's loop on
// the frozen MNIST-1D with seeds 1..10, 10 epochs; mean ± 3 sd, widened to [min, max]); the same
// for the network without residual connections (the last TODO), trained here for 3 epochs.
import { readFileSync } from 'node:fs';
import { RandomState, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import { makeTrainer, mnist1dData, ResidualNetwork } from './notebook.js';

type Key = 'trainError' | 'valError' | 'trainLoss' | 'valLoss';
type Run = Record<Key, number[]> & { params: number };
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_residual_networks.json', import.meta.url), 'utf8'),
) as { residual: Run[]; plain: Run[] };

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(runs: Run[], key: Key, epoch: number): [number, number] {
  const v = runs.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

function expectInBand(runs: Run[], epoch: number, got: Record<Key, number>) {
  for (const k of Object.keys(got) as Key[]) {
    const [lo, hi] = band(runs, k, epoch);
    expect(got[k], `${k} after epoch ${epoch}`).toBeGreaterThanOrEqual(lo);
    expect(got[k], `${k} after epoch ${epoch}`).toBeLessThanOrEqual(hi);
  }
}

const EPOCH_LINE =
  /^Epoch {5}\d, train loss \d+\.\d{6}, train error \d+\.\d{2}, {2}val loss \d+\.\d{6}, percent error \d+\.\d{2}$/;

describe('11-2-residual-networks notebook', async () => {
  const { values, report } = await runLesson('11-2-residual-networks', { scale: 0.05 });

  it('prints the data sizes and the parameter count of the network', () => {
    expect(report.slice(0, 6)).toEqual([
      'Examples in training set: 4000',
      'Examples in test set: 1000',
      'Length of each example: 40',
      'Train data: 4000 examples (columns), each of which has 40 dimensions (rows)',
      'Validation data: 1000 examples (columns), each of which has 40 dimensions (rows)',
      `Initialized MLPBase model with ${fx.residual[0]!.params} parameters`,
    ]);
    expect(values['self.count_params()']).toBe(25310);
    expect([values.D_i, values.D_o]).toEqual([40, 10]);
  });

  it('prints one line per epoch in the notebook format and records the (n_epoch,) histories', () => {
    const lines = report.slice(6);
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(EPOCH_LINE);
    expect(values.n_epoch).toBe(5);
    expect(values['epoch#all']).toEqual([0, 1, 2, 3, 4]);
    for (const k of ['losses_train', 'errors_train', 'losses_val', 'errors_val'])
      expect((values[k] as number[]).length).toBe(5);
    const errorsVal = values.errors_val as number[];
    expect(lines[4]!.endsWith(pyFormat('percent error %3.2f', errorsVal[4]))).toBe(true);
    expect(values['errors_val[-1]']).toBe(errorsVal[4]);
  });

  it('the residual network’s errors and losses after 5 epochs lie inside PyTorch’s seed-to-seed spread', () => {
    expectInBand(fx.residual, 5, {
      trainError: (values.errors_train as number[])[4]!,
      valError: (values.errors_val as number[])[4]!,
      trainLoss: (values.losses_train as number[])[4]!,
      valLoss: (values.losses_val as number[])[4]!,
    });
  });

  it('without the residual connections (the last TODO): inside PyTorch’s spread after 3 epochs', async () => {
    const history = await makeTrainer(mnist1dData(), 3, { residual: false }).fit();
    const r = history[2]!;
    expectInBand(fx.plain, 3, {
      trainError: r.trainError,
      valError: r.valError,
      trainLoss: r.trainLoss,
      valLoss: r.valLoss,
    });
  });

  it('computes figure 11.5b: h1 = linear1(x), h2 = h1 + linear2(relu(h1)), h3 = h2 + linear3(relu(h2)), linear4(h3)', () => {
    const net = new ResidualNetwork(3, 2, 4, { rng: new RandomState(5) });
    expect(Object.keys(net.stateDict())).toEqual([
      'linear1.weight',
      'linear1.bias',
      'linear2.weight',
      'linear2.bias',
      'linear3.weight',
      'linear3.bias',
      'linear4.weight',
      'linear4.bias',
    ]);
    const p = net.stateDict();
    const W = (n: string) => p[`${n}.weight`]!.toArray() as number[][];
    const b = (n: string) => p[`${n}.bias`]!.toArray() as number[];
    const lin = (n: string, v: number[]) =>
      W(n).map((row, i) => row.reduce((s, w, j) => s + w * v[j]!, b(n)[i]!));
    const relu = (v: number[]) => v.map((x) => Math.max(0, x));
    const x = [0.3, -1.2, 0.8];
    const h1 = lin('linear1', x);
    const h2 = h1.map((v, i) => v + lin('linear2', relu(h1))[i]!);
    const h3 = h2.map((v, i) => v + lin('linear3', relu(h2))[i]!);
    const y = lin('linear4', h3);
    const got = net.call(tensor([x])).toArray() as number[][];
    got[0]!.forEach((g, i) => expect(g).toBeCloseTo(y[i]!, 12));
    expect(net.countParams()).toBe(3 * 4 + 4 + 2 * (4 * 4 + 4) + 4 * 2 + 2);
  });
});
