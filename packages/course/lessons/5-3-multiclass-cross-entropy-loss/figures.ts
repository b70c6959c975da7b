/**
 * Notebook 5.3's figures: the likelihood and the negative log-likelihood as the first class's
 * offset β1[0,0] varies over [−2, 6), and the model at the best offset (the notebook's last plot).
 */
import { arange } from '@gradkit/core';
import { LOSS_III_Y, LOSS_X } from '@gradkit/datasets';
import { categoricalLikelihood, categoricalNll, softmax } from '@gradkit/losses';
import { classificationPlot, type Figure, likelihoodSweep } from '@gradkit/plot';
import { shallowNn, sweep } from '../5-1-least-squares-loss/notebook.js';
import { getParameters } from './notebook.js';

/** The notebook's sweep: beta_1_vals = np.arange(-2, 6.0, 0.1). */
function betaSweep() {
  const betas = arange(-2, 6.0, 0.1).toList() as number[];
  const p = getParameters();
  const r = sweep(
    betas,
    (b) => {
      p.beta_1[0]![0] = b;
    },
    () => {
      const lambda = softmax(shallowNn(LOSS_X, p), { axis: 0 });
      return {
        likelihood: categoricalLikelihood([...LOSS_III_Y], lambda).item(),
        nll: categoricalNll([...LOSS_III_Y], lambda).item(),
      };
    },
  );
  return { betas, ...r };
}

export const figures: Record<string, () => Figure> = {
  'multiclass-sweep': () => {
    const { betas, likelihood, nll } = betaSweep();
    return likelihoodSweep({
      param: betas,
      paramLabel: 'β1[0,0] (offset of class 0)',
      curves: [
        // ×10⁶: the likelihood is about 1e-6 at best, too small for legible tick labels
        { name: 'likelihood × 10⁶', y: likelihood.map((v) => v * 1e6) },
        { name: 'negative log likelihood', y: nll },
      ],
      markOptimum: true,
    });
  },
  'multiclass-best': () => {
    const { betas, nll } = betaSweep();
    const p = getParameters();
    p.beta_1[0]![0] = betas[nll.indexOf(Math.min(...nll))]!;
    const x = arange(0, 1, 0.01);
    const out = shallowNn(x, p);
    return classificationPlot({
      xModel: x.toList() as number[],
      outputs: out.toArray() as number[][],
      probabilities: softmax(out, { axis: 0 }).toArray() as number[][],
      xData: LOSS_X,
      yData: LOSS_III_Y,
      title: `The best offset, β1[0,0] = ${p.beta_1[0]![0]!.toFixed(3)}`,
    });
  },
};
