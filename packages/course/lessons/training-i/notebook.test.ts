// Training I: `gradkit run training-i` prints each bracket and the solution of the notebook's line
// search (udl-training_i.md), against tests/fixtures/optim_training.json (numpy, the notebook with its
// TODOs completed: tests/fixtures/gen_optim_training.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/optim_training.json', import.meta.url), 'utf8'),
).trainingI as { soln: number; loss: number; iters: number[][] };

describe('training-i notebook', async () => {
  const { values, report } = await runLesson('training-i');

  it("prints every iteration's bracket and the solution as the numpy notebook does", () => {
    expect(report).toEqual([
      ...fx.iters.map(([a, b, c, d], i) =>
        pyFormat('Iter %d, a=%3.3f, b=%3.3f, c=%3.3f, d=%3.3f', i + 1, a, b, c, d),
      ),
      pyFormat('Soln = %3.3f, loss = %3.3f', fx.soln, fx.loss),
    ]);
    // The search ends in the left valley (the narrow dip at 0.35 on the wide one at 0.65).
    expect(report.at(-1)).toMatch(/^Soln = 0\.3\d\d, loss = /);
  });

  it('records soln, its loss and the brackets to the last digit', () => {
    expect(values.soln).toBeCloseTo(fx.soln, 14);
    expect(values['loss_function(soln)']).toBeCloseTo(fx.loss, 14);
    const brackets = values['(n_iter, a,b,c,d)'] as number[][];
    expect(brackets.map((r) => r[0])).toEqual(fx.iters.map((_, i) => i + 1));
    brackets.forEach((r, i) => {
      r.slice(1).forEach((v, k) => {
        expect(Math.abs(v - fx.iters[i]![k]!)).toBeLessThan(1e-15);
      });
    });
  });

  it('records the plotted loss on np.arange(0, 1, 0.01)', () => {
    const plot = values['draw_function(loss_function)'] as Record<string, number[]>;
    expect(plot.phi_plot!.length).toBe(100);
    expect(plot['loss_function(phi_plot)']!.length).toBe(100);
    expect(plot.phi_plot![99]).toBeCloseTo(0.99, 12);
  });
});
