/**
 * `gradkit train`'s recipe on the course data (../shared/data/udl-cm20315, skipped when absent)
 * lands inside PyTorch's seed-to-seed spread. The spread comes from PyTorch 1.13 running the
 * notebooks' loops with seeds 1..10 (tests/fixtures/gen_coursework_seeds.py →
 * coursework_seeds.json: errors after every epoch). Full 50-epoch runs take too long for the
 * suite, so one gradkit seed (1, chosen before looking) is trained for the first epochs and its
 * train and validation errors after that epoch must lie within PyTorch's spread over the ten seeds
 * after the same epoch: mean ± 3 standard deviations (ddof 1) — a ~99.7 % band for a normal
 * spread, so that a change in float rounding (a new kernel) cannot push a correct run out by
 * chance, while a wrong loop lands far outside (measured: without momentum 58.0 % validation error
 * after 10 epochs, with the learning rate halved every 2 epochs instead of 10: 46.95 %). The band
 * always contains PyTorch's own [min, max]. The 50-epoch comparison over 5 seeds is in
 * docs/coursework.md. PyTorch after epoch 10 (MLP): validation 40.67 ± 1.01 % (39.05–41.95),
 * train 16.42 ± 1.01 %; after epoch 5 (CNN): validation 50.73 ± 1.80 % (47.70–54.20), train
 * 47.75 ± 2.19 %.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const courseDir = join(root, '../shared/data/udl-cm20315');
const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/coursework_seeds.json'), 'utf8')) as {
  epochs: number;
  mlp: { seed: number; trainError: number[]; valError: number[] }[];
  cnn: { seed: number; trainError: number[]; valError: number[] }[];
};

interface Result {
  trainError: number;
  valError: number;
  epochs: number;
  history: { epoch: number; trainError: number; valError: number; lr: number }[];
}

async function train(model: 'mlp' | 'cnn', epochs: number): Promise<Result> {
  // the CLI's own module (a path import keeps the tests package's typecheck to its rootDir)
  const mod = join(root, 'apps/cli/src/coursework.ts');
  const { runTrain, RECIPE } = (await import(/* @vite-ignore */ mod)) as {
    runTrain: (o: Record<string, unknown>) => Promise<Result>;
    RECIPE: Record<string, unknown>;
  };
  return runTrain({ ...RECIPE, dataset: 'course', data: courseDir, model, epochs, seed: 1, quiet: true });
}

function values(model: 'mlp' | 'cnn', key: 'trainError' | 'valError', epoch: number): number[] {
  return fx[model].map((r) => r[key][epoch - 1]!);
}

function range(model: 'mlp' | 'cnn', key: 'trainError' | 'valError', epoch: number): [number, number] {
  const v = values(model, key, epoch);
  return [Math.min(...v), Math.max(...v)];
}

/** PyTorch's seed spread: mean ± 3 sd (ddof 1), widened to [min, max] if that were wider. */
function band(model: 'mlp' | 'cnn', key: 'trainError' | 'valError', epoch: number): [number, number] {
  const v = values(model, key, epoch);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  const [lo, hi] = range(model, key, epoch);
  return [Math.min(lo, mean - 3 * sd), Math.max(hi, mean + 3 * sd)];
}

describe.skipIf(!existsSync(courseDir))(
  'the coursework recipe on the course data vs PyTorch seeds 1..10',
  () => {
    it('fixture: ten PyTorch seeds per model, 50 epochs each; final spread around the course figures', () => {
      expect(fx.mlp).toHaveLength(10);
      expect(fx.cnn).toHaveLength(10);
      for (const r of [...fx.mlp, ...fx.cnn]) expect(r.valError).toHaveLength(fx.epochs);
      // the notebook's 37.45 % (MLP) and "about 11 %" (CNN) are single draws of these spreads
      const [lo, hi] = range('mlp', 'valError', 50);
      expect(lo < 37.45 && 37.45 < hi).toBe(true);
      expect(range('cnn', 'valError', 50)[0]).toBeLessThan(12);
    });

    it('MLP (40-100-100-10, SGD 0.05/0.9, StepLR(10, 0.5), batch 100), seed 1, 10 epochs: errors within the PyTorch seed spread', async () => {
      const r = await train('mlp', 10);
      expect(r.epochs).toBe(10);
      expect(r.history.map((h) => h.lr)).toEqual([...Array(10).fill(0.05)]);
      const [vlo, vhi] = band('mlp', 'valError', 10);
      const [tlo, thi] = band('mlp', 'trainError', 10);
      expect(r.valError).toBeGreaterThanOrEqual(vlo);
      expect(r.valError).toBeLessThanOrEqual(vhi);
      expect(r.trainError).toBeGreaterThanOrEqual(tlo);
      expect(r.trainError).toBeLessThanOrEqual(thi);
    }, 60_000);

    it('CNN (figure 10.7), seed 1, 5 epochs: errors within the PyTorch seed spread', async () => {
      const r = await train('cnn', 5);
      const [vlo, vhi] = band('cnn', 'valError', 5);
      const [tlo, thi] = band('cnn', 'trainError', 5);
      expect(r.valError).toBeGreaterThanOrEqual(vlo);
      expect(r.valError).toBeLessThanOrEqual(vhi);
      expect(r.trainError).toBeGreaterThanOrEqual(tlo);
      expect(r.trainError).toBeLessThanOrEqual(thi);
    }, 60_000);
  },
);
