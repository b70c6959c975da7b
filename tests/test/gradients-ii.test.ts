// CM20315 Gradients II (../shared/seeds/udl-cm20315-gradients_ii.md): the np.random.seed(0)
// network prints output 1.907; the backward pass of UDL eq. 7.13 equals autograd equals finite
// differences for every weight and bias. Reference: tests/fixtures/gen_gradients_ii.py (numpy).
import { readFileSync } from 'node:fs';
import type { Tensor } from '@gradkit/core';
import * as g2 from '@gradkit/course/lessons/7-2-backpropagation/notebook';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(readFileSync(new URL('../fixtures/gradients_ii.json', import.meta.url), 'utf8'));

function maxDiff(a: Tensor, b: number[][] | Tensor): number {
  const bd = Array.isArray(b) ? b.flat() : Array.from(b.data);
  expect(a.size).toBe(bd.length);
  let m = 0;
  a.data.forEach((v, i) => {
    m = Math.max(m, Math.abs(v - bd[i]!));
  });
  return m;
}

describe('Gradients II: backpropagation', () => {
  const params = g2.initParams();
  const x = g2.netInput();
  const y = g2.target();
  const fwd = g2.computeNetworkOutput(x, params.allWeights, params.allBiases);

  it('draws the weights as np.random.seed(0) does, in the notebook order (to the last bit)', () => {
    params.allWeights.forEach((w, k) => expect(w.toArray()).toEqual(fx.weights[k]));
    params.allBiases.forEach((b, k) => expect(b.toArray()).toEqual(fx.biases[k]));
  });

  it('gives the printed output 1.907 and loss', () => {
    expect(fwd.netOutput.shape).toEqual([1, 1]);
    expect(fwd.netOutput.item()).toBeCloseTo(1.907, 3);
    expect(fwd.netOutput.item()).toBeCloseTo(fx.net_output, 12);
    expect(g2.leastSquaresLoss(fwd.netOutput, y).item()).toBeCloseTo(fx.loss, 10);
  });

  it('backward pass (eq. 7.13) = numpy = autograd = finite differences, every weight and bias', () => {
    const manual = g2.backwardPass(params.allWeights, params.allBiases, fwd.allF, fwd.allH, y);
    const auto = g2.autogradGradients(x, params, y);
    const fd = g2.finiteDifferenceGradients(x, params, y);
    for (let k = 0; k <= 5; k++) {
      expect(maxDiff(manual.allDlDweights[k]!, fx.dl_dweights[k]), `weights ${k}`).toBeLessThan(1e-9);
      expect(maxDiff(manual.allDlDbiases[k]!, fx.dl_dbiases[k]), `biases ${k}`).toBeLessThan(1e-9);
      expect(maxDiff(auto.allDlDweights[k]!, manual.allDlDweights[k]!), `weights ${k}`).toBeLessThan(1e-10);
      expect(maxDiff(auto.allDlDbiases[k]!, manual.allDlDbiases[k]!), `biases ${k}`).toBeLessThan(1e-10);
      // forward differences with δ = 1e-6 (as the notebook) on a loss of ~327: error ~1e-4
      expect(maxDiff(fd.allDlDweights[k]!, manual.allDlDweights[k]!), `weights ${k}`).toBeLessThan(1e-3);
      expect(maxDiff(fd.allDlDbiases[k]!, manual.allDlDbiases[k]!), `biases ${k}`).toBeLessThan(1e-3);
    }
  });

  it('rejects an input of the wrong shape', () => {
    expect(() => g2.computeNetworkOutput(g2.netInput(2), params.allWeights, params.allBiases)).toThrow(
      /netInput must have shape \[1, N\]/,
    );
  });
});
