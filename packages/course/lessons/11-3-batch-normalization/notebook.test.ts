// Notebook 11.3: `gradkit run 11-3-batch-normalization` (udlbook/11_3_Batch_Normalization.md).
// The notebook has no recorded outputs and its PyTorch run is unseeded; the numbers it prints are
// the variances of the hidden units over the first batch of 200 at He initialization. Two checks
// against PyTorch 1.13 (tests/fixtures/gen_udl_batch_normalization.py, the notebook's code on the
// frozen MNIST-1D):
// - exactly, given the weights: PyTorch's initial weights of seed 1 (the safetensors fixture) and its
//   first batch replayed through `ResidualNetwork` / `ResidualNetworkWithBatchNorm`: the printed
//   variances (to 2 float32 ulps; the %f lines agree up to their last digit), the loss, and every
//   parameter and batch-norm buffer after the SGD step (float32: |a − e| ≤ 1e-5 (1 + |e|));
// - statistically: gradkit's own run (RandomState(1)) prints variances inside PyTorch's
//   seed-to-seed spread over 30 seeds (mean ± 3 sd, widened to [min, max]).
// The notebook takes one step per network (no epochs to scale), so the file runs at full size.
import { readFileSync } from 'node:fs';
import { tensor } from '@gradkit/core';
import { decodeSafetensors, type Module } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import { mnist1dData } from '../coursework-ii/notebook.js';
import {
  N_HIDDEN,
  N_INPUT,
  N_OUTPUT,
  neuronVariance,
  ResidualNetwork,
  ResidualNetworkWithBatchNorm,
  SETTINGS,
  stepOnBatch,
  VARIANCE_NAMES,
} from './notebook.js';

type Key = 'plain' | 'bn';
interface Summary {
  sum: number;
  sumsq: number;
  head: number[];
}
interface Run {
  seed: number;
  plain: {
    variance: number[];
    loss: number;
    lines?: string[];
    batch?: number[];
    after_step?: Record<string, Summary>;
  };
  bn: Run['plain'];
}
const fixtures = new URL('../../../../tests/fixtures/', import.meta.url);
const fx = JSON.parse(readFileSync(new URL('udl_batch_normalization.json', fixtures), 'utf8')) as {
  lr: number;
  momentum: number;
  batch_size: number;
  runs: Run[];
};

/** PyTorch's spread of printed variance `i` of network `key`: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: Key, i: number): [number, number] {
  const v = fx.runs.map((r) => r[key].variance[i]!);
  return seedBand(v);
}

const close = (a: number, e: number, tol = 1e-5) => Math.abs(a - e) <= tol * (1 + Math.abs(e));
const VARIANCE_LINE = /^(.+) variance=\d+\.\d{6}$/;

describe('11-3-batch-normalization notebook', async () => {
  const { values, report } = await runLesson('11-3-batch-normalization');
  const printed = values['neuron_variance#all'] as number[];

  it('prints the data sizes of MNIST-1D (default arguments)', () => {
    expect(report.slice(0, 5)).toEqual([
      'Examples in training set: 4000',
      'Examples in test set: 1000',
      'Length of each example: 40',
      'Train data: 4000 examples (columns), each of which has 40 dimensions (rows)',
      'Validation data: 1000 examples (columns), each of which has 40 dimensions (rows)',
    ]);
    expect(values["len(data['y'])"]).toBe(4000);
    expect(values["len(data['y_test'])"]).toBe(1000);
    expect(values["data['x'].shape[-1]"]).toBe(40);
    expect([values.n_input, values.n_hidden, values.n_output]).toEqual([40, 100, 10]);
  });

  it('prints seven variances per network, in the notebook format and order', () => {
    const lines = report.slice(5);
    expect(lines).toHaveLength(14);
    expect(printed).toHaveLength(14);
    lines.forEach((l, i) => {
      expect(l).toMatch(VARIANCE_LINE);
      expect(l).toBe(pyFormat('%s variance=%f', VARIANCE_NAMES[i % 7]!, printed[i]!));
    });
  });

  it('prints variances inside PyTorch’s seed-to-seed spread, for both networks', () => {
    for (const [k, key] of (['plain', 'bn'] as const).entries())
      for (let i = 0; i < 7; i++) {
        const [lo, hi] = band(key, i);
        const v = printed[7 * k + i]!;
        expect(v, `${key} ${VARIANCE_NAMES[i]}`).toBeGreaterThanOrEqual(lo);
        expect(v, `${key} ${VARIANCE_NAMES[i]}`).toBeLessThanOrEqual(hi);
      }
  });

  it('shows the notebook’s point: exponential growth without batch norm, linear with it', () => {
    const plain = printed.slice(2, 7); // after residual connections 1..5
    const bn = printed.slice(9, 14);
    // "the variance roughly doubles at each step": ratios between 1.5 and 2.2
    for (let i = 1; i < 5; i++) {
      expect(plain[i]! / plain[i - 1]!).toBeGreaterThan(1.5);
      expect(plain[i]! / plain[i - 1]!).toBeLessThan(2.2);
    }
    // "now increases linearly": each residual branch adds about one unit of variance (the batch-
    // normalized ReLU → He linear branch has variance ≈ 1 at initialization)
    for (let i = 1; i < 5; i++) {
      expect(bn[i]! - bn[i - 1]!).toBeGreaterThan(0.5);
      expect(bn[i]! - bn[i - 1]!).toBeLessThan(1);
    }
    expect(printed[13]!).toBeLessThan(printed[6]! / 4);
  });

  describe('replaying PyTorch’s seed 1 exactly (its initial weights and first batch)', () => {
    const { tensors } = decodeSafetensors(
      new Uint8Array(readFileSync(new URL('udl_batch_normalization.safetensors', fixtures))),
    );
    const data = mnist1dData();
    const seed1 = fx.runs[0]!;
    expect(seed1.seed).toBe(1);
    expect([fx.lr, fx.momentum, fx.batch_size]).toEqual([SETTINGS.lr, SETTINGS.momentum, SETTINGS.batchSize]);

    for (const [key, Net] of [
      ['plain', ResidualNetwork],
      ['bn', ResidualNetworkWithBatchNorm],
    ] as const) {
      it(`${Net.name}: the printed lines, the loss and the state after one SGD step`, () => {
        const ref = seed1[key];
        const lines: string[] = [];
        const vars: number[] = [];
        const model = new Net(N_INPUT, N_OUTPUT, N_HIDDEN, {
          monitor: (name, h) => {
            const v = neuronVariance(h);
            vars.push(v);
            lines.push(pyFormat('%s variance=%f', name, v));
          },
        });
        const prefix = `${key}.`;
        const state = Object.fromEntries(
          Object.entries(tensors)
            .filter(([k]) => k.startsWith(prefix))
            .map(([k, t]) => [k.slice(prefix.length), t]),
        );
        (model as Module).loadStateDict(state); // strict: exactly PyTorch's state_dict keys
        const idx = ref.batch!;
        expect(idx).toHaveLength(200);
        const rows = data.x.toArray() as number[][];
        const labels = data.y.toList() as number[];
        const xBatch = tensor(
          idx.map((i) => rows[i]!),
          { dtype: 'float32' },
        );
        const yBatch = tensor(
          idx.map((i) => labels[i]!),
          { dtype: data.y.dtype },
        );
        const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
        const loss = stepOnBatch(model, xBatch, yBatch, optimizer);

        // the labels as printed; the values to within 3e-7 relative (2 float32 ulps: numpy's
        // float32 np.var and gradkit's reduction round differently, so a %f line can differ in its
        // last digit, and above 8 the 6th decimal is below float32's resolution)
        expect(lines.map((l) => l.replace(/=.*$/, ''))).toEqual(ref.lines!.map((l) => l.replace(/=.*$/, '')));
        vars.forEach((v, i) => {
          const e = ref.variance[i]!;
          expect(Math.abs(v - e), `${VARIANCE_NAMES[i]}: ${v} vs ${e}`).toBeLessThanOrEqual(3e-7 * e);
          // and the printed %f value, to its 6 decimals plus those 2 ulps
          const shown = Number(ref.lines![i]!.split('=')[1]);
          expect(Math.abs(v - shown)).toBeLessThanOrEqual(5e-7 + 3e-7 * e);
        });
        expect(close(loss, ref.loss), `loss ${loss} vs ${ref.loss}`).toBe(true);

        const after = model.stateDict();
        expect(Object.keys(after).sort()).toEqual(Object.keys(ref.after_step!).sort());
        for (const [name, s] of Object.entries(ref.after_step!)) {
          const a = after[name]!.toList() as number[] | number[][] | number;
          const flat = [a].flat(2) as number[];
          const sumsq = flat.reduce((acc, v) => acc + v * v, 0);
          const sum = flat.reduce((acc, v) => acc + v, 0);
          expect(close(sumsq, s.sumsq), `${name} sum of squares ${sumsq} vs ${s.sumsq}`).toBe(true);
          expect(Math.abs(sum - s.sum), `${name} sum ${sum} vs ${s.sum}`).toBeLessThanOrEqual(
            1e-5 * (1 + Math.sqrt(flat.length * s.sumsq)),
          );
          s.head.forEach((e, i) => expect(close(flat[i]!, e), `${name}[${i}]`).toBe(true));
        }
      });
    }
  });
});
