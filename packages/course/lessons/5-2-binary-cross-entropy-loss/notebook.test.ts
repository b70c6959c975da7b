// Notebook 5.2: `gradkit run 5-2-binary-cross-entropy-loss` prints the notebook's "Correct answer"
// numbers (5_2_Binary_Cross_Entropy_Loss.md; the CM20315 practical "Loss functions part II" runs
// the same code and prints the same lines), and its β1 sweep equals numpy's
// (tests/fixtures/losses_notebooks.json, written by tests/fixtures/gen_losses_notebooks.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

/** Equal as the notebook prints it (`%.<digits>f`). */
const printed = (value: unknown, digits: number) => (value as number).toFixed(digits);

const fixture = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/losses_notebooks.json', import.meta.url), 'utf8'),
).loss2_beta1 as {
  values: number[];
  likelihoods: number[];
  nlls: number[];
  argmaxLikelihood: number;
  argminNll: number;
};

describe('5-2-binary-cross-entropy-loss notebook', async () => {
  const { lesson, values, report } = await runLesson('5-2-binary-cross-entropy-loss');
  it('is also the CM20315 practical "loss-ii"', async () => {
    expect(lesson).toBe('5-2-binary-cross-entropy-loss');
    expect((await runLesson('loss-ii')).lesson).toBe(lesson);
  });
  it("prints the notebook's correct answers", () => {
    expect(printed(values['bernoulli_distribution(0,0.2)'], 3)).toBe('0.800');
    expect(printed(values['bernoulli_distribution(1,0.2)'], 3)).toBe('0.200');
    expect(printed(values.likelihood, 9)).toBe('0.000070237');
    expect(printed(values.nll, 9)).toBe('9.563639387');
    expect(report.slice(0, 4)).toEqual([
      'Correct answer = 0.800, Your answer = 0.800',
      'Correct answer = 0.200, Your answer = 0.200',
      'Correct answer = 0.000070237, Your answer = 0.000070237',
      'Correct answer = 9.563639387, Your answer = 9.563639387',
    ]);
  });
  it("sweeps beta_1 as numpy does: the likelihood's maximum and the NLL's minimum at the same offset", () => {
    const likelihoods = values.likelihoods as number[];
    const nlls = values.nlls as number[];
    fixture.values.forEach((v, i) => expect((values.beta_1_vals as number[])[i]).toBeCloseTo(v, 12));
    fixture.likelihoods.forEach((l, i) => expect(likelihoods[i]! / l).toBeCloseTo(1, 9));
    fixture.nlls.forEach((n, i) => expect(nlls[i]! / n).toBeCloseTo(1, 10));
    const at = fixture.values[fixture.argmaxLikelihood]!;
    expect(fixture.argminNll).toBe(fixture.argmaxLikelihood);
    expect(values['beta_1_vals[np.argmax(likelihoods)]']).toBeCloseTo(at, 12);
    expect(values['beta_1_vals[np.argmin(nlls)]']).toBeCloseTo(at, 12);
    expect(report[4]).toBe(
      pyFormat('Maximum likelihood = %f, at beta_1=%3.3f', fixture.likelihoods[fixture.argmaxLikelihood], at),
    );
    expect(report[5]).toBe(
      pyFormat('Minimum negative log likelihood = %f, at beta_1=%3.3f', fixture.nlls[fixture.argminNll], at),
    );
    expect(report).toHaveLength(6);
  });
  it('keeps numpy shapes: (3,1) and (1,3) parameters, (1,100) model curves, (1,20) training λ', () => {
    expect(values.beta_0).toEqual([[0.3], [-1.0], [-0.5]]);
    expect(values.omega_1).toEqual([[-24.0, -8.0, 50.0]]);
    expect((values.beta_1 as number[][])[0]![0]).toBeCloseTo(fixture.values[fixture.argminNll]!, 12);
    for (const k of ['model_out', 'lambda_model']) {
      expect((values[k] as number[][]).length).toBe(1);
      expect((values[k] as number[][])[0]!.length).toBe(100);
    }
    expect((values.lambda_train as number[][])[0]!.length).toBe(20);
    expect((values.x_model as number[]).length).toBe(100);
    expect((values.beta_1_vals as number[]).length).toBe(80);
  });
});
