/**
 * Notebook 5.1's figures: the regression model with its ±2σ band, and the likelihood, negative
 * log-likelihood and sum of squares as the offset β1 varies (σ = 0.2), then as σ varies (β1 = 0.27).
 */
import { arange } from '@gradkit/core';
import { LOSS_I_Y, LOSS_X } from '@gradkit/datasets';
import { normalLikelihood, normalNll, sumOfSquares } from '@gradkit/losses';
import { type Figure, likelihoodSweep, regressionPlot } from '@gradkit/plot';
import { getParameters, type ShallowParameters, shallowNn, sweep } from './notebook.js';

/** The three losses of the 20 training points under the model `p` with noise `sigma`. */
function losses(p: ShallowParameters, sigma: number) {
  const y = [[...LOSS_I_Y]];
  const mu = shallowNn(LOSS_X, p);
  return {
    likelihood: normalLikelihood(y, mu, sigma).item(),
    nll: normalNll(y, mu, sigma).item(),
    sumSquares: sumOfSquares(y, mu).item(),
  };
}

const curves = (r: Record<'likelihood' | 'nll' | 'sumSquares', number[]>) => [
  { name: 'likelihood', y: r.likelihood },
  { name: 'negative log likelihood', y: r.nll },
  { name: 'sum of squares', y: r.sumSquares },
];

export const figures: Record<string, () => Figure> = {
  'loss-regression': () => {
    const x = arange(0, 1, 0.01).toList() as number[];
    const y = (shallowNn(x, getParameters()).toArray() as number[][])[0]!;
    return regressionPlot({
      xModel: x,
      yModel: y,
      sigma: 0.2,
      xData: LOSS_X,
      yData: LOSS_I_Y,
      title: 'Univariate regression, σ = 0.2',
    });
  },
  'loss-sweep': () => {
    // The notebook's sweep: beta_1_vals = np.arange(0, 1.0, 0.01), sigma = 0.2.
    const betas = arange(0, 1.0, 0.01).toList() as number[];
    const p = getParameters();
    const r = sweep(
      betas,
      (b) => {
        p.beta_1[0]![0] = b;
      },
      () => losses(p, 0.2),
    );
    return likelihoodSweep({ param: betas, paramLabel: 'offset β1', curves: curves(r), markOptimum: true });
  },
  'loss-sigma-sweep': () => {
    // The notebook's second sweep: sigma_vals = np.arange(0.1, 0.5, 0.005) with beta_1 = 0.27.
    const sigmas = arange(0.1, 0.5, 0.005).toList() as number[];
    const p = getParameters();
    p.beta_1[0]![0] = 0.27;
    let sigma = 0;
    const r = sweep(
      sigmas,
      (s) => {
        sigma = s;
      },
      () => losses(p, sigma),
    );
    // The sum of squares does not depend on σ (a flat line in the notebook): not drawn here.
    return likelihoodSweep({
      param: sigmas,
      paramLabel: 'σ',
      curves: curves(r).slice(0, 2),
      markOptimum: true,
    });
  },
};
