// Notebook 5.1: `gradkit run 5-1-least-squares-loss` prints the notebook's "Correct answer" numbers
// (5_1_Least_Squares_Loss.md; the CM20315 practical "Loss functions" part I runs the same code and
// prints the σ sweep's lines with "at beta_1=" where notebook 5.1 prints "at sigma="), and its two
// sweeps equal numpy's (tests/fixtures/losses_notebooks.json, tests/fixtures/gen_losses_notebooks.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

/** Equal as the notebook prints it (`%.<digits>f`). */
const printed = (value: unknown, digits: number) => (value as number).toFixed(digits);

interface Sweep {
  values: number[];
  likelihoods: number[];
  nlls: number[];
  sumSquares?: number[];
  argmaxLikelihood: number;
  argminNll: number;
  argminSumSquares?: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/losses_notebooks.json', import.meta.url), 'utf8'),
) as { loss1_beta1: Sweep; loss1_sigma: Sweep };

describe('5-1-least-squares-loss notebook', async () => {
  const { lesson, values, report } = await runLesson('5-1-least-squares-loss');
  it('is also the CM20315 practical "loss-i" (and its older alias "loss")', async () => {
    expect(lesson).toBe('5-1-least-squares-loss');
    expect((await runLesson('loss-i')).lesson).toBe(lesson);
    expect((await runLesson('loss')).lesson).toBe(lesson);
  });
  it("prints the notebook's correct answers", () => {
    expect(printed(values['normal_distribution(1,-1,2.3)'], 3)).toBe('0.119');
    expect(printed(values.likelihood, 9)).toBe('0.000010624');
    expect(printed(values.nll, 9)).toBe('11.452419564');
    expect(printed(values.sum_of_squares, 9)).toBe('2.020992572');
    expect(report.slice(0, 4)).toEqual([
      'Correct answer = 0.119, Your answer = 0.119',
      'Correct answer = 0.000010624, Your answer = 0.000010624',
      'Correct answer = 11.452419564, Your answer = 11.452419564',
      'Correct answer = 2.020992572, Your answer = 2.020992572',
    ]);
  });
  it('sweeps beta_1 as numpy does: maximum likelihood, minimum NLL and least squares at the same offset', () => {
    const f = fixture.loss1_beta1;
    f.values.forEach((v, i) => expect((values.beta_1_vals as number[])[i]).toBeCloseTo(v, 12));
    expect(f.argminNll).toBe(f.argmaxLikelihood);
    expect(f.argminSumSquares).toBe(f.argmaxLikelihood);
    const at = f.values[f.argmaxLikelihood]!;
    expect(at.toFixed(2)).toBe('0.27'); // the notebook then sets the best offset by hand: beta_1[0,0] = 0.27
    expect(values['beta_1_vals[np.argmax(likelihoods)]']).toBeCloseTo(at, 12);
    expect(values['beta_1_vals[np.argmin(nlls)]']).toBeCloseTo(at, 12);
    expect(values['beta_1_vals[np.argmin(sum_squares)]']).toBeCloseTo(at, 12);
    expect(report.slice(4, 7)).toEqual([
      pyFormat('Maximum likelihood = %3.3f, at beta_1=%3.3f', f.likelihoods[f.argmaxLikelihood], at),
      pyFormat('Minimum negative log likelihood = %3.3f, at beta_1=%3.3f', f.nlls[f.argminNll], at),
      pyFormat('Least squares = %3.3f, at beta_1=%3.3f', f.sumSquares![f.argminSumSquares!], at),
    ]);
    expect(report[4]).toBe('Maximum likelihood = 0.022, at beta_1=0.270');
  });
  it('sweeps sigma as numpy does and prints "at sigma=" as notebook 5.1 does', () => {
    const f = fixture.loss1_sigma;
    const likelihoods = values.likelihoods as number[]; // the last sweep's arrays
    const nlls = values.nlls as number[];
    f.likelihoods.forEach((l, i) => expect(likelihoods[i]! / l).toBeCloseTo(1, 10));
    f.nlls.forEach((n, i) => expect(nlls[i]! / n).toBeCloseTo(1, 10));
    expect(f.argminNll).toBe(f.argmaxLikelihood);
    const at = f.values[f.argminNll]!;
    expect(values['sigma_vals[np.argmax(likelihoods)]']).toBeCloseTo(at, 12);
    expect(values['sigma_vals[np.argmin(nlls)]']).toBeCloseTo(at, 12);
    expect(values.sigma).toBe(values['sigma_vals[np.argmin(nlls)]']);
    expect(report.slice(7)).toEqual([
      pyFormat('Maximum likelihood = %3.3f, at sigma=%3.3f', f.likelihoods[f.argmaxLikelihood], at),
      pyFormat('Minimum negative log likelihood = %3.3f, at sigma=%3.3f', f.nlls[f.argminNll], at),
    ]);
    expect(report[7]).toBe('Maximum likelihood = 0.155, at sigma=0.265');
    // the sum of squares does not depend on sigma: flat
    expect(new Set((values.sum_squares as number[]).map((v) => v.toFixed(12))).size).toBe(1);
  });
  it('keeps numpy shapes: (3,1) and (1,3) parameters, a (1,100) model curve', () => {
    expect(values.beta_0).toEqual([[0.3], [-1.0], [-0.5]]);
    expect(values.omega_1).toEqual([[-2.0, -1.0, 7.0]]);
    expect(values.beta_1).toEqual([[0.27]]);
    expect((values.y_model as number[][]).length).toBe(1);
    expect((values.y_model as number[][])[0]!.length).toBe(100);
    expect((values.x_model as number[]).length).toBe(100);
  });
});
