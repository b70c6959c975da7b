// Loss III: `gradkit run loss-iii` prints the notebook's "Correct answer" numbers
// (udl-cm20315-loss_iii.md), and its β1[0,0] sweep equals numpy's
// (tests/fixtures/losses_notebooks.json, written by tests/fixtures/gen_losses_notebooks.py).
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

describe('loss-iii notebook', async () => {
  const { values, report } = await runLesson('loss-iii');
  it("prints the notebook's correct answers", () => {
    const pmf = (k: number) =>
      (
        values[`categorical_distribution(np.array([[${k}]]),np.array([[0.2],[0.5],[0.3]]))`] as number[][]
      )[0]![0];
    expect(printed(pmf(0), 3)).toBe('0.200');
    expect(printed(pmf(1), 3)).toBe('0.500');
    expect(printed(pmf(2), 3)).toBe('0.300');
    expect(printed(values.likelihood, 9)).toBe('0.000000041');
    expect(printed(values.nll, 9)).toBe('17.015457867');
    expect(report.slice(0, 5)).toEqual([
      'Correct answer = 0.200, Your answer = 0.200',
      'Correct answer = 0.500, Your answer = 0.500',
      'Correct answer = 0.300, Your answer = 0.300',
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
    expect(values['beta_1_vals[np.argmax(likelihoods)]']).toBeCloseTo(at, 12);
    expect(values['beta_1_vals[np.argmin(nlls)]']).toBeCloseTo(at, 12);
    expect(report[5]).toBe(
      pyFormat('Maximum likelihood = %f, at beta_1=%3.3f', fixture.likelihoods[fixture.argmaxLikelihood], at),
    );
    expect(report[6]).toBe(
      pyFormat('Minimum negative log likelihood = %f, at beta_1=%3.3f', fixture.nlls[fixture.argminNll], at),
    );
    expect(report).toHaveLength(7);
  });
  it('keeps numpy shapes: (3,3) output weights, (3,100) model curves, (3,20) training λ', () => {
    const beta_1 = values.beta_1 as number[][];
    expect(beta_1[0]![0]).toBeCloseTo(fixture.values[fixture.argminNll]!, 12);
    expect(beta_1.slice(1)).toEqual([[-2], [0]]);
    expect((values.omega_1 as number[][]).map((r) => r.length)).toEqual([3, 3, 3]);
    for (const k of ['model_out', 'lambda_model']) {
      expect((values[k] as number[][]).length).toBe(3);
      expect((values[k] as number[][])[0]!.length).toBe(100);
    }
    const lambda = values.lambda_model as number[][];
    for (let j = 0; j < 100; j++) expect(lambda[0]![j]! + lambda[1]![j]! + lambda[2]![j]!).toBeCloseTo(1, 12);
    expect((values.lambda_train as number[][]).map((r) => r.length)).toEqual([20, 20, 20]);
  });
});
