/** Notebook 5.2's figures: the classifier's output and λ = sig[f], and the likelihood sweep over β1. */
import { arange, sigmoid } from '@gradkit/core';
import { LOSS_II_Y, LOSS_X } from '@gradkit/datasets';
import { bernoulliLikelihood, bernoulliNll } from '@gradkit/losses';
import { classificationPlot, type Figure, likelihoodSweep } from '@gradkit/plot';
import { shallowNn } from '../5-1-least-squares-loss/notebook.js';
import { getParameters } from './notebook.js';

const rowsOf = (t: { toArray(): unknown }) => t.toArray() as number[][];

export const figures: Record<string, () => Figure> = {
  'loss-ii-classification': () => {
    const x = arange(0, 1, 0.01);
    const out = shallowNn(x, getParameters());
    return classificationPlot({
      xModel: x.toList() as number[],
      outputs: rowsOf(out),
      probabilities: rowsOf(sigmoid(out)),
      xData: LOSS_X,
      yData: LOSS_II_Y,
      title: 'Binary classification',
    });
  },
  'loss-ii-sweep': () => {
    // The notebook's sweep of the offset β1 over [-2, 6) in steps of 0.1: the likelihood and the
    // negative log-likelihood of the 20 labels under λ = sig[f[x]].
    const betas = arange(-2, 6, 0.1).toList() as number[];
    const lik: number[] = [];
    const nll: number[] = [];
    const y = [[...LOSS_II_Y]];
    const p = getParameters();
    for (const b of betas) {
      p.beta_1[0]![0] = b;
      const lambda = sigmoid(shallowNn(LOSS_X, p));
      lik.push(bernoulliLikelihood(y, lambda).item());
      nll.push(bernoulliNll(y, lambda).item());
    }
    return likelihoodSweep({
      param: betas,
      paramLabel: 'offset β1',
      curves: [
        // ×10³: the likelihood peaks at 0.00033, too small for legible tick labels
        { name: 'likelihood × 10³', y: lik.map((v) => v * 1e3) },
        { name: 'negative log likelihood', y: nll },
      ],
      markOptimum: true,
    });
  },
};
