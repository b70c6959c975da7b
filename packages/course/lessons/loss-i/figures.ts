/** Loss I's figures: the regression model with its ±2σ band, and the three losses as β1 varies. */
import { arange } from '@gradkit/core';
import { LOSS_I_Y, LOSS_X } from '@gradkit/datasets';
import { normalLikelihood, normalNll, sumOfSquares } from '@gradkit/losses';
import { type Figure, likelihoodSweep, regressionPlot } from '@gradkit/plot';
import { getParameters, shallowNn } from './notebook.js';

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
    // Sweep the offset β1 of the regression network (σ = 0.2 fixed) and evaluate the likelihood,
    // the negative log-likelihood and the sum of squares of the 20 training points.
    const betas = arange(-1, 1, 0.01).toList() as number[];
    const sigma = 0.2;
    const lik: number[] = [];
    const nll: number[] = [];
    const ss: number[] = [];
    const p = getParameters();
    for (const b of betas) {
      p.beta_1[0]![0] = b;
      const mu = shallowNn(LOSS_X, p);
      lik.push(normalLikelihood([[...LOSS_I_Y]], mu, sigma).item());
      nll.push(normalNll([[...LOSS_I_Y]], mu, sigma).item());
      ss.push(sumOfSquares([[...LOSS_I_Y]], mu).item());
    }
    return likelihoodSweep({
      param: betas,
      paramLabel: 'offset β1',
      curves: [
        { name: 'likelihood', y: lik },
        { name: 'negative log likelihood', y: nll },
        { name: 'sum of squares', y: ss },
      ],
      markOptimum: true,
    });
  },
};
