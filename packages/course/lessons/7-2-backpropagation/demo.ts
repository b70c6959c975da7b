/**
 * `gradkit demo` section of Notebook 7.2, Backpropagation (the CM20315 practical Gradients II):
 * backpropagation through the notebook's seeded 5-layer ReLU network. The forward pass (UDL eq.
 * 7.17) prints 1.907 as the notebook says; the manual backward pass (UDL eqs. 7.22–7.25, written
 * as the notebook) is compared with reverse-mode autograd (`grad` over the parameter pytree) and
 * with the notebook's forward finite differences.
 */
import type { Tensor } from '@gradkit/core';
import { defineSection } from '../../src/types.js';
import * as g2 from './notebook.js';

/** Numbers of the Backpropagation (Gradients II) section. */
export interface GradientsResult {
  /** The network output for x = 1.2 (the notebook prints 1.907). */
  netOutput: number;
  expectedNetOutput: number;
  loss: number;
  /** How many weights and biases were differentiated. */
  parameters: number;
  /** max |manual − autograd| over every weight and bias. */
  maxDiffManualAutograd: number;
  /** max |manual − finite differences| (forward differences, δ = 1e-6, as the notebook). */
  maxDiffManualFiniteDiff: number;
  /** The three largest derivatives (by |manual|), each by the three methods. */
  largest: { name: string; manual: number; autograd: number; finiteDiff: number }[];
}

function maxAbsDiff(a: readonly Tensor[], b: readonly Tensor[]): number {
  let m = 0;
  a.forEach((t, k) => {
    for (let i = 0; i < t.size; i++) m = Math.max(m, Math.abs(t.data[i]! - b[k]!.data[i]!));
  });
  return m;
}

/** The section (`gradkit demo --only 7-2-backpropagation`; also `gradients-ii` and `gradients`). */
export const section = defineSection<GradientsResult>({
  title: 'Backpropagation (Notebook 7.2, Gradients II): backprop = autograd = finite differences',
  aliases: ['gradients'],
  run(ctx) {
    const params = g2.initParams(); // np.random.seed(0) draws, K = 5 layers of D = 6
    const x = g2.netInput();
    const y = g2.target();
    const fwd = g2.computeNetworkOutput(x, params.allWeights, params.allBiases);
    const loss = g2.leastSquaresLoss(fwd.netOutput, y).item();
    ctx.log(`network output ${fwd.netOutput.item().toFixed(3)}, loss ${loss.toFixed(3)}`);
    const manual = g2.backwardPass(params.allWeights, params.allBiases, fwd.allF, fwd.allH, y);
    const auto = g2.autogradGradients(x, params, y);
    const fd = g2.finiteDifferenceGradients(x, params, y);
    const entries: GradientsResult['largest'] = [];
    for (const [kind, symbol] of [
      ['allDlDweights', 'Omega'],
      ['allDlDbiases', 'beta'],
    ] as const)
      manual[kind].forEach((t, layer) => {
        const cols = t.shape[1]!;
        for (let i = 0; i < t.size; i++)
          entries.push({
            name: `dl/d${symbol}_${layer}[${Math.floor(i / cols)}, ${i % cols}]`,
            manual: t.data[i]!,
            autograd: auto[kind][layer]!.data[i]!,
            finiteDiff: fd[kind][layer]!.data[i]!,
          });
      });
    entries.sort((a, b) => Math.abs(b.manual) - Math.abs(a.manual));
    return {
      netOutput: fwd.netOutput.item(),
      expectedNetOutput: 1.907,
      loss,
      parameters: [...params.allWeights, ...params.allBiases].reduce((n, t) => n + t.size, 0),
      maxDiffManualAutograd: Math.max(
        maxAbsDiff(manual.allDlDweights, auto.allDlDweights),
        maxAbsDiff(manual.allDlDbiases, auto.allDlDbiases),
      ),
      maxDiffManualFiniteDiff: Math.max(
        maxAbsDiff(manual.allDlDweights, fd.allDlDweights),
        maxAbsDiff(manual.allDlDbiases, fd.allDlDbiases),
      ),
      largest: entries.slice(0, 3),
    };
  },
  render(r) {
    const v = (x: number) => x.toFixed(6).padStart(12);
    return [
      `True output = ${r.expectedNetOutput.toFixed(3)}, Your answer = ${r.netOutput.toFixed(3)}  ${
        r.netOutput.toFixed(3) === r.expectedNetOutput.toFixed(3) ? '[ok]' : '[MISMATCH]'
      }`,
      `Loss ${r.loss.toFixed(3)}; ${r.parameters} weights and biases differentiated three ways:`,
      `  ${'largest derivatives'.padEnd(22)} ${'manual (7.25)'.padStart(12)} ${'autograd'.padStart(12)} ${'finite diff.'.padStart(12)}`,
      ...r.largest.map((e) => `  ${e.name.padEnd(22)} ${v(e.manual)} ${v(e.autograd)} ${v(e.finiteDiff)}`),
      `  max |manual - autograd|     = ${r.maxDiffManualAutograd.toExponential(2)}`,
      `  max |manual - finite diff.| = ${r.maxDiffManualFiniteDiff.toExponential(2)}`,
    ];
  },
});
