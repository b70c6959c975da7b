/**
 * `gradkit train`'s recipe on the course data (../shared/data/udl-cm20315, skipped when absent)
 * lands inside PyTorch's seed-to-seed spread. The spread comes from PyTorch 1.13 running the
 * notebooks' loops with seeds 1..10 (tests/fixtures/gen_coursework_seeds.py →
 * coursework_seeds.json: errors after every epoch). Full 50-epoch runs take too long for the
 * suite, so one gradkit seed (1, chosen before looking) is trained for the first epochs and its
 * train and validation errors after that epoch must lie within PyTorch's [min, max] over the ten
 * seeds after the same epoch (the 50-epoch comparison over 5 seeds is in docs/coursework.md).
 * PyTorch's range after epoch 10 (MLP): validation 39.05–41.95 %, train 14.70–18.50 %; after
 * epoch 5 (CNN): validation 47.70–54.20 %, train 43.00–50.73 %.
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

function range(model: 'mlp' | 'cnn', key: 'trainError' | 'valError', epoch: number): [number, number] {
  const v = fx[model].map((r) => r[key][epoch - 1]!);
  return [Math.min(...v), Math.max(...v)];
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

    it('MLP (40-100-100-10, SGD 0.05/0.9, StepLR(10, 0.5), batch 100), seed 1, 10 epochs: errors within PyTorch range', async () => {
      const r = await train('mlp', 10);
      expect(r.epochs).toBe(10);
      expect(r.history.map((h) => h.lr)).toEqual([...Array(10).fill(0.05)]);
      const [vlo, vhi] = range('mlp', 'valError', 10);
      const [tlo, thi] = range('mlp', 'trainError', 10);
      expect(r.valError).toBeGreaterThanOrEqual(vlo);
      expect(r.valError).toBeLessThanOrEqual(vhi);
      expect(r.trainError).toBeGreaterThanOrEqual(tlo);
      expect(r.trainError).toBeLessThanOrEqual(thi);
    }, 60_000);

    it('CNN (figure 10.7), seed 1, 5 epochs: errors within PyTorch range', async () => {
      const r = await train('cnn', 5);
      const [vlo, vhi] = range('cnn', 'valError', 5);
      const [tlo, thi] = range('cnn', 'trainError', 5);
      expect(r.valError).toBeGreaterThanOrEqual(vlo);
      expect(r.valError).toBeLessThanOrEqual(vhi);
      expect(r.trainError).toBeGreaterThanOrEqual(tlo);
      expect(r.trainError).toBeLessThanOrEqual(thi);
    }, 60_000);
  },
);
