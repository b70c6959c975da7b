// Gradient-descent variants: `gradkit run gd-variants` records the seed's six train_curve runs on
// its two surfaces (dl4cv-gradient-descent-variants.md), against PyTorch
// (tests/fixtures/optim_variants.json, tests/fixtures/gen_optim_variants.py, float64).
import { readFileSync } from 'node:fs';
import { pathological } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

interface Run {
  surface: 'pathological' | 'steep';
  optimizer: string;
  dtype: 'float64' | 'float32';
  points: number[][];
  grads: number[][];
}
const fx: { runs: Run[] } = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/optim_variants.json', import.meta.url), 'utf8'),
);
const VARIABLES: [string, string][] = [
  ['SGD_points', 'sgd'],
  ['SGDMom_points', 'momentum'],
  ['Nest_points', 'nesterov'],
  ['Adagrad_points', 'adagrad'],
  ['RMSprop_points', 'rmsprop'],
  ['Adam_points', 'adam'],
];
const ref = (surface: string, optimizer: string) =>
  fx.runs.find((r) => r.surface === surface && r.optimizer === optimizer && r.dtype === 'float64')!;
const worst = (a: number[][], b: number[][]) =>
  Math.max(
    ...a.flatMap((row, i) => row.map((v, k) => Math.abs(v - b[i]![k]!) / Math.max(1, Math.abs(b[i]![k]!)))),
  );

describe('gd-variants notebook', async () => {
  const { values, report } = await runLesson('gd-variants');

  it('prints what the seed prints (its video link)', () => {
    expect(report).toEqual(['Video available at https://youtube.com/watch?v=g_bV6bo5dL0']);
  });

  it('steep optima: the six [100, 3] train_curve arrays equal PyTorch (1e-10)', () => {
    for (const [name, optimizer] of VARIABLES) {
      const points = values[name] as number[][];
      expect(points.map((p) => p.length)).toEqual(Array(100).fill(3));
      expect(worst(points, ref('steep', optimizer).points), name).toBeLessThan(1e-10);
    }
  });

  it('pathological curvature: equal to PyTorch until the first gradient PyTorch computes differently', () => {
    // At lr 10 the run is chaotic: PyTorch's tanh/exp and libm differ in the last bit at some
    // positions (see tests/test/gd-variants.test.ts); up to there the positions are the same.
    for (const [name, optimizer] of VARIABLES) {
      const r = ref('pathological', optimizer);
      const points = (values[`${name}#all`] as number[][][])[0]!;
      expect(points).toHaveLength(100);
      let k = 0;
      while (k < 100 && pathological.grad(r.points[k]!.slice(0, 2)).every((g, j) => g === r.grads[k]![j]))
        k++;
      expect(k, name).toBeGreaterThan(0);
      expect(worst(points.slice(0, k + 1), r.points.slice(0, k + 1)), name).toBeLessThan(1e-10);
      expect(points[0]!.slice(0, 2)).toEqual([5, 5]);
    }
  });

  it('all_points stacks the six runs; the second experiment rebinds every variable', () => {
    const all = values['all_points#all'] as number[][][];
    expect(all.map((a) => a.length)).toEqual([600, 600]);
    expect(values.all_points).toEqual(all[1]);
    expect(all[1]!.slice(500)).toEqual(values.Adam_points);
    for (const [name] of VARIABLES) expect((values[`${name}#all`] as unknown[]).length).toBe(2);
  });

  it('--scale 0.1 runs 10 updates', async () => {
    const tenth = await runLesson('gd-variants', { scale: 0.1 });
    expect((tenth.values.SGD_points as number[][]).length).toBe(10);
    expect((tenth.values.all_points as number[][]).length).toBe(60);
  });
});
