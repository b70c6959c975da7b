// Gradients II: `gradkit run gradients-ii` prints the notebook's output check (True output =
// 1.907), its loss, and every backprop gradient next to its finite-difference estimate
// (udl-cm20315-gradients_ii.md). Reference values: tests/fixtures/gradients_ii.json (numpy, the
// notebook's code with the TODOs completed: tests/fixtures/gen_gradients_ii.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/gradients_ii.json', import.meta.url), 'utf8'),
) as { loss: number; net_output: number; dl_dweights: number[][][]; dl_dbiases: number[][][] };

const maxDiff = (a: unknown, b: unknown) => {
  const x = (a as number[][]).flat();
  const y = (b as number[][]).flat();
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
};

describe('gradients-ii notebook', async () => {
  const { values, report } = await runLesson('gradients-ii');

  it('prints the output the notebook says is true, and the loss', () => {
    expect(report[0]).toBe('True output = 1.907, Your answer = 1.907');
    expect(report[1]).toBe(`y = 20.000 Loss = ${fx.loss.toFixed(3)}`);
    expect((values.loss as number).toFixed(3)).toBe('327.371');
    expect(values.net_output).toEqual([[expect.closeTo(fx.net_output, 12)]]);
  });

  it('backprop (eq. 7.13) equals numpy, and finite differences agree with it, for layers 0..K-1', () => {
    const w = values.all_dl_dweights as number[][][];
    const b = values.all_dl_dbiases as number[][][];
    const wFd = values.all_dl_dweights_fd as (number[][] | null)[];
    const bFd = values.all_dl_dbiases_fd as (number[][] | null)[];
    for (let k = 0; k <= 5; k++) {
      expect(maxDiff(w[k], fx.dl_dweights[k]), `weights ${k}`).toBeLessThan(1e-9);
      expect(maxDiff(b[k], fx.dl_dbiases[k]), `biases ${k}`).toBeLessThan(1e-9);
    }
    // the notebook checks layers 0..K-1 only: the last entries stay None
    expect(wFd[5]).toBeNull();
    expect(bFd[5]).toBeNull();
    for (let k = 0; k < 5; k++) {
      // forward differences with δ = 1e-6 on a loss of ~327: error ~1e-4
      expect(maxDiff(wFd[k], w[k]), `weights ${k}`).toBeLessThan(1e-3);
      expect(maxDiff(bFd[k], b[k]), `biases ${k}`).toBeLessThan(1e-3);
    }
  });

  it('prints each gradient as numpy does with precision 3 (a (6,1) column per bias)', () => {
    const at = report.indexOf('Bias 0, derivatives from backprop:');
    expect(at).toBe(2);
    const column = report.slice(at + 1, at + 7);
    expect(column[0]!.startsWith('[[')).toBe(true);
    expect(column[5]!.endsWith(']]')).toBe(true);
    const printed = column.map((l) => Number(l.replace(/[[\]]/g, '')));
    (values.all_dl_dbiases as number[][][])[0]!.forEach((row, i) =>
      expect(printed[i]).toBeCloseTo(row[0]!, 3),
    );
    for (let k = 0; k < 5; k++) {
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
