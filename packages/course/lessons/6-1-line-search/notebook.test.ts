// Notebook 6.1: `gradkit run 6-1-line-search` prints each bracket and the solution of the
// notebook's line search (udlbook/6_1_Line_Search.md), against tests/fixtures/udl_training.json
// (numpy, the notebook with its TODOs completed: tests/fixtures/gen_udl_training.py). The
// notebook prints no "correct" value; its numbers are the ten brackets and `Soln = 0.383, loss = 0.329`.
import { readFileSync } from 'node:fs';
import { lineSearch as trainingILineSearch } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { dips } from './harness.js';
import { lineSearch, lossFunction } from './notebook.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).line_search as { soln: number; loss: number; iters: number[][]; phi_plot: number[]; loss_plot: number[] };

describe('6-1-line-search notebook', async () => {
  const { values, report } = await runLesson('6-1-line-search');

  it("prints every iteration's bracket and the solution as the numpy notebook does", () => {
    expect(report).toEqual([
      ...fx.iters.map(([a, b, c, d], i) =>
        pyFormat('Iter %d, a=%3.3f, b=%3.3f, c=%3.3f, d=%3.3f', i + 1, a, b, c, d),
      ),
      'Soln = 0.383, loss = 0.329',
    ]);
    expect(report[0]).toBe('Iter 1, a=0.000, b=0.330, c=0.660, d=1.000');
  });

  it('records soln, its loss and the brackets to the last digit', () => {
    expect(values.soln).toBe(fx.soln);
    expect(Math.abs((values['loss_function(soln)'] as number) - fx.loss)).toBeLessThanOrEqual(1e-16);
    const brackets = values['(n_iter, a,b,c,d)'] as number[][];
    expect(brackets).toHaveLength(10);
    brackets.forEach((r, i) => expect(r).toEqual([i + 1, ...fx.iters[i]!]));
  });

  it('records the plotted loss on np.arange(0, 1, 0.01) (numpy to 2 ulps)', () => {
    const plot = values['draw_function(loss_function)'] as Record<string, number[]>;
    expect(plot.phi_plot).toEqual(fx.phi_plot);
    plot['loss_function(phi_plot)']!.forEach((l, i) =>
      expect(Math.abs(l - fx.loss_plot[i]!)).toBeLessThanOrEqual(4.5e-16 * fx.loss_plot[i]!),
    );
  });

  it('ends near the minimum at about 0.380, below the shoulder that the wide dip at 0.65 makes', () => {
    expect(fx.soln).toBeGreaterThan(0.37);
    expect(fx.soln).toBeLessThan(0.39);
    expect(lossFunction(0.65)).toBeGreaterThan(lossFunction(fx.soln) + 0.15);
    // Twenty iterations close in on the minimum (central differences vanish there).
    const { soln } = lineSearch(lossFunction, { maxIter: 20 });
    expect(soln).toBeCloseTo(0.3803, 4);
    const h = 1e-6;
    expect(Math.abs((lossFunction(soln + h) - lossFunction(soln - h)) / (2 * h))).toBeLessThan(1e-3);
  });

  it("the book's rule 1 (half as far from a) and Training I's (halve b, c, d) agree here, not in general", () => {
    // In this run rule 1 never fires (a = 0 only at the start), so Training I's numbers are the same.
    const book = lineSearch(lossFunction);
    expect(book.history.some((h) => h.rule === 1)).toBe(false);
    expect(trainingILineSearch(lossFunction).soln).toBe(book.soln);
    // With a narrow dip where c starts, a moves to 0.33 and then stays lowest: the rules part ways.
    const trap = dips(0.66, 0.6, 0.0005, 0.3, 0.3, 0.05);
    const r = lineSearch(trap, { maxIter: 12 });
    expect(r.history.filter((h) => h.rule === 1 && h.a === 0.33).length).toBeGreaterThan(5);
    expect(r.soln).toBeCloseTo(0.33, 3);
    expect(trainingILineSearch(trap, { maxIter: 12 }).soln).toBeLessThan(0.01);
  });

  it('rejects a loss that is not a function and bad options, naming them', () => {
    expect(() => lineSearch(3 as never)).toThrow(/lineSearch: loss must be a function/);
    expect(() => lineSearch(lossFunction, { maxIter: 1.5 })).toThrow(
      /options.maxIter must be an integer >= 0, received 1.5/,
    );
    expect(() => lineSearch(() => Number.NaN)).toThrow(/loss returned NaN \(lossA\) at iteration 1/);
  });
});
