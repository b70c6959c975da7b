// Notebook 7.2: `gradkit run 7-2-backpropagation` prints the notebook's output check (True output
// = 1.907), its loss, and every layer's backprop derivatives next to their finite-difference
// estimates with np.allclose's verdict (7_2_Backpropagation.md; the CM20315 practical Gradients II
// is the same code, checking layers 0..K-1 without verdicts). Reference values:
// tests/fixtures/gradients_ii.json (numpy, the notebook's code with the TODOs completed:
// tests/fixtures/gen_gradients_ii.py; its "book" section is the book notebook's printed report).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/gradients_ii.json', import.meta.url), 'utf8'),
) as {
  loss: number;
  net_output: number;
  dl_dweights: number[][][];
  dl_dbiases: number[][][];
  book: {
    report: string[];
    dl_dbiases_fd: number[][][];
    dl_dweights_fd: number[][][];
    biases_match: boolean[];
    weights_match: boolean[];
    same_derivatives_as_cm20315: boolean;
  };
};

const maxDiff = (a: unknown, b: unknown) => {
  const x = (a as number[][]).flat();
  const y = (b as number[][]).flat();
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
};

describe('7-2-backpropagation notebook', async () => {
  const { values, report } = await runLesson('7-2-backpropagation');

  it('prints the output the notebook says is true, and the loss', () => {
    expect(report[0]).toBe('True output = 1.907, Your answer = 1.907');
    expect(report[1]).toBe(`y = 20.000 Loss = ${fx.loss.toFixed(3)}`);
    expect((values.loss as number).toFixed(3)).toBe('327.371');
    expect(values.net_output).toEqual([[expect.closeTo(fx.net_output, 12)]]);
  });

  it('backprop (eqs. 7.22-7.25) equals numpy, and finite differences agree with it, for layers 0..K', () => {
    const w = values.all_dl_dweights as number[][][];
    const b = values.all_dl_dbiases as number[][][];
    const wFd = values.all_dl_dweights_fd as number[][][];
    const bFd = values.all_dl_dbiases_fd as number[][][];
    // the book's I[x > 0] gives the CM20315 derivatives bit for bit (no pre-activation is 0)
    expect(fx.book.same_derivatives_as_cm20315).toBe(true);
    for (let k = 0; k <= 5; k++) {
      expect(maxDiff(w[k], fx.dl_dweights[k]), `weights ${k}`).toBeLessThan(1e-9);
      expect(maxDiff(b[k], fx.dl_dbiases[k]), `biases ${k}`).toBeLessThan(1e-9);
      // numpy's own finite differences: the same forward differences, rounded alike
      expect(maxDiff(wFd[k], fx.book.dl_dweights_fd[k]), `weights fd ${k}`).toBeLessThan(1e-6);
      expect(maxDiff(bFd[k], fx.book.dl_dbiases_fd[k]), `biases fd ${k}`).toBeLessThan(1e-6);
      // forward differences with δ = 1e-6 on a loss of ~327: error ~1e-4
      expect(maxDiff(wFd[k], w[k]), `weights ${k}`).toBeLessThan(1e-3);
      expect(maxDiff(bFd[k], b[k]), `biases ${k}`).toBeLessThan(1e-3);
    }
  });

  it('prints "Success!  Derivatives match." for every layer, as np.allclose does', () => {
    expect(values['np.allclose(all_dl_dbiases_fd[layer],all_dl_dbiases[layer])']).toEqual(
      fx.book.biases_match,
    );
    expect(values['np.allclose(all_dl_dweights_fd[layer],all_dl_dweights[layer])']).toEqual(
      fx.book.weights_match,
    );
    expect(fx.book.biases_match).toEqual([true, true, true, true, true, true]);
    expect(report.filter((l) => l === 'Success!  Derivatives match.')).toHaveLength(12);
    expect(report).not.toContain('Failure!  Derivatives different.');
  });

  it("prints the book notebook's report line for line, as numpy prints it", () => {
    expect(report).toEqual(fx.book.report);
  });

  it('prints each gradient as numpy does with precision 3 (a (6,1) column per bias)', () => {
    const at = report.indexOf('Bias 0, derivatives from backprop:');
    expect(at).toBe(3);
    expect(report[2]).toBe('-----------------------------------------------');
    const column = report.slice(at + 1, at + 7);
    expect(column[0]!.startsWith('[[')).toBe(true);
    expect(column[5]!.endsWith(']]')).toBe(true);
    const printed = column.map((l) => Number(l.replace(/[[\]]/g, '')));
    (values.all_dl_dbiases as number[][][])[0]!.forEach((row, i) =>
      expect(printed[i]).toBeCloseTo(row[0]!, 3),
    );
    for (let k = 0; k <= 5; k++) {
      expect(report).toContain(`Bias ${k}, derivatives from finite differences`);
      expect(report).toContain(`Weight ${k}, derivatives from backprop:`);
    }
  });

  it('keeps numpy shapes: (6,1), (6,6) and (1,6) weights, (6,1) and (1,1) biases', () => {
    const shapes = (values.all_weights as number[][][]).map((t) => [t.length, t[0]!.length]);
    expect(shapes).toEqual([
      [6, 1],
      [6, 6],
      [6, 6],
      [6, 6],
      [6, 6],
      [1, 6],
    ]);
    expect((values.all_biases as number[][][]).map((t) => [t.length, t[0]!.length])).toEqual([
      [6, 1],
      [6, 1],
      [6, 1],
      [6, 1],
      [6, 1],
      [1, 1],
    ]);
    expect(values.net_input).toEqual([[1.2]]);
    expect(values.y).toEqual([[20]]);
    expect(values.K).toBe(5);
  });
});
