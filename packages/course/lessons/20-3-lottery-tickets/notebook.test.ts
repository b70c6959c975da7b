// Notebook 20.3: `gradkit run 20-3-lottery-tickets` (udlbook/20_3_Lottery_Tickets.md). The notebook
// records no outputs; it prints the data sizes (4000, 1000, 40, 10) and one line per retrain. Its
// PyTorch training is seeded by torch.manual_seed(42), which gradkit cannot reproduce, so the
// numbers are checked three ways against tests/fixtures/udl_lottery_tickets.json (PyTorch 1.13
// running the notebook's code on the frozen MNIST-1D, gen_udl_lottery_tickets.py):
// - the TODO mask, bit for bit, on weights exported from a trained PyTorch network;
// - the whole prune → rewind → retrain cycle from PyTorch's exported initial weights (a hidden-20
//   network, three sparsities): every loss and accuracy to float32 tolerance, the masks exactly;
// - the notebook's own run at scale 0.01 (hidden 500, 16 steps per retrain, sparsities 0 and 1)
//   inside PyTorch's seed-to-seed spread (seeds 1..10: mean ± 3 sd, widened to [min, max]); the
//   fully pruned network is exact (every output 0: loss ln 10, accuracy = the share of class 0).
import { readFileSync } from 'node:fs';
import { RandomState, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import { mnist1dData } from '../coursework-ii/notebook.js';
import { findLotteryTicket, getMask, MODEL_ARGS, SparseMLP } from './notebook.js';

type Stats = {
  train_losses: number[][];
  test_losses: number[][];
  train_accs: number[][];
  test_accs: number[][];
};
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_lottery_tickets.json', import.meta.url), 'utf8'),
) as {
  masks: {
    weights: number[][];
    cases: { layer: number; percent_sparse: number; dropped: number[] }[];
    example: { absolute_weights: number[]; percent_sparse: number; mask: number[] };
  };
  trajectory: {
    hidden_size: number;
    total_steps: number;
    eval_every: number;
    checkpoint_every: number;
    sparsity_schedule: number[];
    init: number[][];
    stats: Stats;
    dropped: number[][][];
  };
  bands: { runs: Stats[] };
};

const dropped = (mask: ArrayLike<number>) => Array.from(mask).flatMap((m, i) => (m === 0 ? [i] : []));

/** PyTorch's spread of one statistic over the seeds: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(pick: (s: Stats) => number): [number, number] {
  const v = fx.bands.runs.map(pick);
  return seedBand(v);
}

const RETRAIN_LINE =
  /^\tretrain #\d+, sparsity \d\.\d{2}, final_train_loss \d\.\d{3}e[+-]\d{2}, max_acc \d+\.\d, last_acc \d+\.\d, mean_acc \d+\.\d$/;

describe('20-3-lottery-tickets notebook', async () => {
  const { values, report } = await runLesson('20-3-lottery-tickets', { scale: 0.01 });

  it('prints the data sizes of MNIST-1D (default arguments)', () => {
    expect(report.slice(0, 5)).toEqual([
      'Examples in training set: 4000',
      'Examples in test set: 1000',
      'Length of each input: 40',
      'Number of classes: 10',
      'Magnitude pruning',
    ]);
    expect(values["len(data['templates']['y'])"]).toBe(10);
  });

  it('runs the scaled schedule: 16 steps per retrain, sparsities linspace(0, 1, 2), one line each', () => {
    expect(values['model_args.total_steps']).toBe(15);
    expect(values['model_args.hidden_size']).toBe(500);
    expect(values['model_args.learning_rate']).toBe(0.02);
    expect(values.num_retrains).toBe(2);
    expect(values.sparsity_schedule).toEqual([0, 1]);
    const lines = report.slice(5);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(RETRAIN_LINE);
    expect(lines[0]).toMatch(/^\tretrain #1, sparsity 0\.00,/);
    expect(lines[1]).toMatch(/^\tretrain #2, sparsity 1\.00,/);
    expect(values['[1 - m.mean() for m in masks of lott_models]']).toEqual([0, 1]);
    expect(values["lott_stats['train_losses'].shape"]).toEqual([2, 16]);
    expect(values["lott_stats['test_accs'].shape"]).toEqual([2, 2]);
    expect(values['i+1']).toEqual([1, 2]);
    expect(values['percent_sparse#all']).toEqual([0, 1]);
  });

  it('the fully pruned network is exact: loss ln 10, accuracy the share of class 0 (as PyTorch)', () => {
    const [, pruned] = values.test_losses as number[];
    expect(pruned).toBeCloseTo(Math.log(10), 6);
    const acc0 = fx.bands.runs[0]!.test_accs[1]!.at(-1)!;
    for (const r of fx.bands.runs) expect(r.test_accs[1]!.at(-1)).toBe(acc0);
    expect((values.test_accs as number[])[1]).toBe(acc0);
    expect((values["results['train_losses'][-1]"] as number[])[1]).toBeCloseTo(Math.log(10), 6);
  });

  it('the dense retrain lies inside PyTorch’s seed-to-seed spread', () => {
    const checks: [string, number, (s: Stats) => number][] = [
      [
        'final train loss',
        (values["results['train_losses'][-1]"] as number[])[0]!,
        (s) => s.train_losses[0]!.at(-1)!,
      ],
      ['test loss', (values.test_losses as number[])[0]!, (s) => s.test_losses[0]!.at(-1)!],
      ['test accuracy', (values.test_accs as number[])[0]!, (s) => s.test_accs[0]!.at(-1)!],
      [
        'max test accuracy',
        (values["np.max(results['test_acc'])"] as number[])[0]!,
        (s) => Math.max(...s.test_accs[0]!),
      ],
    ];
    for (const [name, v, pick] of checks) {
      const [lo, hi] = band(pick);
      expect(v, name).toBeGreaterThanOrEqual(lo);
      expect(v, name).toBeLessThanOrEqual(hi);
    }
  });
});

describe('get_mask (the TODO) against PyTorch', () => {
  it("the notebook's example: [5, 6, 0, 1, 7] at 40 % → [1, 1, 0, 0, 1]", () => {
    const e = fx.masks.example;
    expect(Array.from(getMask(tensor(e.absolute_weights), e.percent_sparse).data)).toEqual(e.mask);
  });

  it('drops the same weights as PyTorch on exported trained weights, at nine sparsities per layer', () => {
    for (const c of fx.masks.cases) {
      const w = tensor(fx.masks.weights[c.layer]!.map(Math.abs), { dtype: 'float32' });
      expect(dropped(getMask(w, c.percent_sparse).data), `layer ${c.layer}, ${c.percent_sparse}`).toEqual(
        c.dropped,
      );
    }
  });
});

describe('find_lottery_ticket from PyTorch’s initial weights', () => {
  const t = fx.trajectory;
  const model = new SparseMLP(40, 10, t.hidden_size, new RandomState(0));
  model.setLayerVecs(t.init.map((v) => Float32Array.from(v)));
  const args = {
    ...MODEL_ARGS,
    hiddenSize: t.hidden_size,
    totalSteps: t.total_steps,
    evalEvery: t.eval_every,
    checkpointEvery: t.checkpoint_every,
  };
  const { models, stats } = findLotteryTicket(model, mnist1dData(), args, t.sparsity_schedule);

  it('prunes the same weights at each retrain (layer-wise masks, rewound to the initial weights)', () => {
    models.forEach((m, i) => {
      expect(m.getLayerMasks().map(dropped), `retrain ${i + 1}`).toEqual(t.dropped[i]);
    });
  });

  it('trains along PyTorch’s trajectory: every training and test loss (float32), every accuracy exactly', () => {
    const close = (got: number[][], want: number[][], what: string) =>
      got.forEach((h, i) => {
        expect(h.length).toBe(want[i]!.length);
        h.forEach((v, s) =>
          expect(Math.abs(v - want[i]![s]!), `${what}, retrain ${i + 1}, #${s}`).toBeLessThan(1e-5),
        );
      });
    close(stats.trainLosses, t.stats.train_losses, 'training loss');
    close(stats.testLosses, t.stats.test_losses, 'test loss');
    expect(stats.testAccs).toEqual(t.stats.test_accs);
    expect(stats.trainAccs).toEqual(t.stats.train_accs);
  });
});
