// Loss I: `gradkit run loss-i` prints the notebook's "Correct answer" numbers (udl-cm20315-loss.md).
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

/** Equal as the notebook prints it (`%.<digits>f`). */
const printed = (value: unknown, digits: number) => (value as number).toFixed(digits);

describe('loss-i notebook', async () => {
  const { values, report } = await runLesson('loss-i');
  it("prints the notebook's correct answers", () => {
    expect(printed(values['normal_distribution(1,-1,2.3)'], 3)).toBe('0.119');
    expect(printed(values.likelihood, 9)).toBe('0.000010624');
    expect(printed(values.nll, 9)).toBe('11.452419564');
    expect(printed(values.sum_of_squares, 9)).toBe('2.020992572');
    expect(report[0]).toBe('Correct answer = 0.119, Your answer = 0.119');
  });
  it('finds the maximum likelihood, minimum NLL and least squares at the same offset and sigma', () => {
    const at = values['beta_1_vals[np.argmax(likelihoods)]'] as number;
    expect(values['beta_1_vals[np.argmin(nlls)]']).toBe(at);
    expect(values['beta_1_vals[np.argmin(sum_squares)]']).toBe(at);
    // The notebook then sets the best offset by hand: beta_1[0,0] = 0.27.
    expect(at.toFixed(2)).toBe('0.27');
    expect(values['sigma_vals[np.argmax(likelihoods)]']).toBe(values['sigma_vals[np.argmin(nlls)]']);
    expect(values.sigma).toBe(values['sigma_vals[np.argmin(nlls)]']);
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
