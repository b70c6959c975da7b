// Notebook 7.3: `gradkit run 7-3-initialization` prints the std of the hidden units h_1..h_K and of
// the gradients per layer (K-1 down to 1) (7_3_Initialization.md; the CM20315 practical Gradients
// III is the same code printing h_0..h_{K-1} and the gradients upwards) for the notebook's K = 5,
// D = 8, σ²_Ω = 1 and for its TODO: K = 50 layers of D = 80 units with σ²_Ω = 1 (exploding) and
// He's σ²_Ω = 2/D.
// Reference: tests/fixtures/gradients_iii.json (numpy, the notebook's code with np.random.seed(0):
// tests/fixtures/gen_gradients_iii.py). The exploding values reach 1e78 and carry ~17 printed
// digits, beyond what float64 sums in another order reproduce: those are compared at 1e-9 relative.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

interface Study {
  K: number;
  D: number;
  sigma_sq_omega: number[];
  forward_std: number[][];
  forward_std_book: number[][];
  gradient_std: number[][];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/gradients_iii.json', import.meta.url), 'utf8'),
) as {
  notebook: { forward_std: number[]; forward_std_book: number[]; gradient_std: number[] };
  study: Study;
};

const pick = (sigma: number) => {
  const i = fx.study.sigma_sq_omega.indexOf(sigma);
  expect(i).not.toBe(-1);
  return { forward: fx.study.forward_std_book[i]!, gradient: fx.study.gradient_std[i]! };
};
const expectRel = (actual: number[], expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]!), `entry ${i}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]!)),
  );
};

// The notebook prints the gradients from layer K-1 down to 1; the fixture lists layers 1..K-1.
const downwards = <T>(v: readonly T[]): T[] => [...v].reverse();

describe('7-3-initialization notebook', async () => {
  const { values, report } = await runLesson('7-3-initialization');
  const forward = values['np.std(all_h[layer])'] as number[];
  const backward = values['np.std(aggregate_dl_df[layer].ravel())'] as number[];

  it("prints the notebook's K = 5, D = 8, σ² = 1 forward and backward spreads", () => {
    const f = fx.notebook.forward_std_book.map((v, l) =>
      pyFormat('Layer %d, std of hidden units = %3.3f', l + 1, v),
    );
    expect(report.slice(0, 5)).toEqual(f);
    expect(report.slice(0, 5)).toEqual([
      'Layer 1, std of hidden units = 0.811',
      'Layer 2, std of hidden units = 1.472',
      'Layer 3, std of hidden units = 4.547',
      'Layer 4, std of hidden units = 8.896',
      'Layer 5, std of hidden units = 10.106',
    ]);
    // the CM20315 numbers still hold: its layers 1..4 are the book's first four
    expectRel(forward.slice(0, 4), fx.notebook.forward_std.slice(1));
    expect(report.slice(105, 109)).toEqual([
      'Layer 4, std of dl_dh = 56.472',
      'Layer 3, std of dl_dh = 109.132',
      'Layer 2, std of dl_dh = 340.657',
      'Layer 1, std of dl_dh = 446.654',
    ]);
    expectRel(forward.slice(0, 5), fx.notebook.forward_std_book);
    expectRel(backward.slice(0, 4), downwards(fx.notebook.gradient_std));
  });

  it('the TODO: 50 layers of 80 units explode with σ² = 1 and stay O(1) with He (2/D)', () => {
    const exploding = pick(1.0);
    const he = pick(2 / 80);
    expectRel(forward.slice(5, 55), exploding.forward);
    expectRel(forward.slice(55, 105), he.forward);
    expectRel(backward.slice(4, 53), downwards(exploding.gradient));
    expectRel(backward.slice(53, 102), downwards(he.gradient));
    // He initialization prints exactly the numpy values
    expect(report.slice(55, 105)).toEqual(
      he.forward.map((v, l) => pyFormat('Layer %d, std of hidden units = %3.3f', l + 1, v)),
    );
    expect(report.slice(158)).toEqual(
      downwards(he.gradient.map((v, l) => pyFormat('Layer %d, std of dl_dh = %3.3f', l + 1, v))),
    );
    expect(forward[54]!).toBeGreaterThan(1e30);
    expect(forward[104]!).toBeGreaterThan(1e-3);
    expect(forward[104]!).toBeLessThan(1e3);
    expect(report.length).toBe(5 + 50 + 50 + 4 + 49 + 49);
  });

  it('keeps numpy shapes: (80,1), (80,80), (1,80) weights; (80,100) aggregated gradients', () => {
    const w = values.all_weights as number[][][];
    expect(w.length).toBe(51);
    expect([w[0]!.length, w[0]![0]!.length]).toEqual([80, 1]);
    expect([w[1]!.length, w[1]![0]!.length]).toEqual([80, 80]);
    expect([w[50]!.length, w[50]![0]!.length]).toEqual([1, 80]);
    const agg = values.aggregate_dl_df as (number[][] | null)[];
    expect(agg.length).toBe(51);
    expect(agg[0]).toBeNull();
    expect(agg[50]).toBeNull();
    expect([agg[1]!.length, agg[1]![0]!.length]).toEqual([80, 100]);
    expect(values.sigma_sq_omega).toBe(2 / 80);
    expect(values.data_in).toEqual([[expect.any(Number)]]);
  });
});
