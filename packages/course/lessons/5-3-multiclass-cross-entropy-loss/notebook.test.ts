// Notebook 5.3: `gradkit run 5-3-multiclass-cross-entropy-loss` prints what the notebook prints
// (5_3_Multiclass_Cross_entropy_Loss.md): the three categorical examples as numpy arrays, the two
// "Correct answer" checks and the β1[0,0] sweep's optima, which equal numpy's
// (tests/fixtures/losses_notebooks.json, written by tests/fixtures/gen_losses_notebooks.py for the
// CM20315 practical loss-iii, whose cells these are).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

/** Equal as the notebook prints it (`%.<digits>f`). */
const printed = (value: unknown, digits: number) => (value as number).toFixed(digits);

const fixture = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/losses_notebooks.json', import.meta.url), 'utf8'),
).loss3_beta1 as {
  values: number[];
  likelihoods: number[];
  nlls: number[];
  argmaxLikelihood: number;
  argminNll: number;
};

describe('5-3-multiclass-cross-entropy-loss notebook', async () => {
  const { values, report } = await runLesson('5-3-multiclass-cross-entropy-loss');
  it('prints the three categorical examples as numpy prints the (1, 1) arrays', () => {
    expect(report.slice(0, 3)).toEqual(['[[0.2]]', '[[0.5]]', '[[0.3]]']);
    for (const [k, p] of [
      [0, 0.2],
      [1, 0.5],
      [2, 0.3],
    ] as const)
      expect(values[`categorical_distribution(np.array([[${k}]]),np.array([[0.2],[0.5],[0.3]]))`]).toEqual([
        [p],
      ]);
  });
  it("prints the notebook's correct answers", () => {
    expect(printed(values.likelihood, 9)).toBe('0.000000041');
    expect(printed(values.nll, 9)).toBe('17.015457867');
    expect(report.slice(3, 5)).toEqual([
      'Correct answer = 0.000000041, Your answer = 0.000000041',
      'Correct answer = 17.015457867, Your answer = 17.015457867',
    ]);
  });
  it("sweeps beta_1[0,0] as numpy does: the likelihood's maximum and the NLL's minimum at the same offset", () => {
    const likelihoods = values.likelihoods as number[];
    const nlls = values.nlls as number[];
    fixture.values.forEach((v, i) => expect((values.beta_1_vals as number[])[i]).toBeCloseTo(v, 12));
    fixture.likelihoods.forEach((l, i) => expect(likelihoods[i]! / l).toBeCloseTo(1, 9));
    fixture.nlls.forEach((n, i) => expect(nlls[i]! / n).toBeCloseTo(1, 10));
    const at = fixture.values[fixture.argmaxLikelihood]!;
    expect(fixture.argminNll).toBe(fixture.argmaxLikelihood);
    expect(values['beta_1_vals[np.argmin(nlls)]']).toBeCloseTo(at, 12);
    expect(report.slice(5)).toEqual([
      pyFormat('Maximum likelihood = %f, at beta_1=%3.3f', fixture.likelihoods[fixture.argmaxLikelihood], at),
      pyFormat('Minimum negative log likelihood = %f, at beta_1=%3.3f', fixture.nlls[fixture.argminNll], at),
    ]);
    expect(report.slice(5)).toEqual([
      'Maximum likelihood = 0.000001, at beta_1=0.600',
      'Minimum negative log likelihood = 14.166574, at beta_1=0.600',
    ]);
  });
  it('keeps numpy shapes: (3,3) output weights, (3,100) model curves, (3,20) training λ', () => {
    const beta_1 = values.beta_1 as number[][];
    expect(beta_1[0]![0]).toBeCloseTo(0.6, 12);
    expect(beta_1.slice(1)).toEqual([[-2], [0]]);
    expect((values.omega_1 as number[][]).map((r) => r.length)).toEqual([3, 3, 3]);
    const lambda = values.lambda_model as number[][];
    expect(lambda.map((r) => r.length)).toEqual([100, 100, 100]);
    for (let j = 0; j < 100; j++) expect(lambda[0]![j]! + lambda[1]![j]! + lambda[2]![j]!).toBeCloseTo(1, 12);
    expect((values.lambda_train as number[][]).map((r) => r.length)).toEqual([20, 20, 20]);
  });
  it('differs from the CM20315 practical loss-iii only in the three categorical prints', async () => {
    const cm = await runLesson('loss-iii');
    expect(cm.report.slice(0, 3)).toEqual([
      'Correct answer = 0.200, Your answer = 0.200',
      'Correct answer = 0.500, Your answer = 0.500',
      'Correct answer = 0.300, Your answer = 0.300',
    ]);
    expect(cm.report.slice(3)).toEqual(report.slice(3));
    expect(cm.values).toEqual(values);
  });
});
