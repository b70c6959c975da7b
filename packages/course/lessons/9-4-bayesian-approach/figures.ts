/**
 * Notebook 9.4's figures (UDL figure 9.11): the true function with its ±2σ noise band and the 15
 * samples, the network at the posterior mean, two networks drawn from the posterior, and the
 * posterior predictive mean with its ±2 standard deviation band.
 */
import { type Figure, functionPlot, regressionPlot } from '@gradkit/plot';
import {
  computeParamMeanCovar,
  drawPosteriorSample,
  notebookData,
  predictive,
  toyNetwork,
  trueFunction,
  X_MODEL,
} from './notebook.js';

const x = [...X_MODEL];
const yFunc = x.map(trueFunction);
const N_HIDDEN = 5;

/** The network of the notebook's `phi_sample1` (k = 0) or `phi_sample2` (k = 1). */
function sampleFigure(k: 0 | 1): Figure {
  const { x_data, y_data, rng } = notebookData();
  const { phiMean, phiCovar } = computeParamMeanCovar(x_data, y_data, N_HIDDEN, 0.09, 1000);
  const draws = [drawPosteriorSample(rng, phiMean, phiCovar), drawPosteriorSample(rng, phiMean, phiCovar)];
  const s = draws[k]!;
  return functionPlot({
    x,
    series: [
      { name: 'true function', y: yFunc, color: '#222222' },
      { name: `sample ${k + 1}`, y: toyNetwork(x, s[N_HIDDEN]!, s.slice(0, N_HIDDEN)), color: '#1aa39a' },
    ],
    points: x_data.map((xi, i) => ({ x: xi, y: y_data[i]! })),
    xLabel: 'Input, x',
    yLabel: 'Output, y',
    xDomain: [0, 1],
    yDomain: [-0.5, 3.5],
    title: `Network ${k + 1} drawn from the posterior`,
  });
}

export const figures: Record<string, () => Figure> = {
  'bayesian-data': () => {
    const { x_data, y_data } = notebookData();
    return regressionPlot({
      xModel: x,
      yModel: yFunc,
      sigma: 0.3,
      xData: x_data,
      yData: y_data,
      yDomain: [-0.5, 3.5],
      title: 'True function, ±2σ noise (σ = 0.3) and 15 samples',
    });
  },
  'bayesian-mean': () => {
    const { x_data, y_data } = notebookData();
    const { phiMean } = computeParamMeanCovar(x_data, y_data, N_HIDDEN, 0.09, 1000);
    return functionPlot({
      x,
      series: [
        { name: 'true function', y: yFunc, color: '#222222' },
        {
          name: 'posterior mean',
          y: toyNetwork(x, phiMean[N_HIDDEN]!, phiMean.slice(0, N_HIDDEN)),
          color: '#1aa39a',
        },
      ],
      points: x_data.map((xi, i) => ({ x: xi, y: y_data[i]! })),
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      yDomain: [-0.5, 3.5],
      title: 'The network with the posterior mean weights (5 hidden units)',
    });
  },
  // the notebook draws each sample in a figure of its own (two labels at x = 1 would collide)
  'bayesian-sample-1': () => sampleFigure(0),
  'bayesian-sample-2': () => sampleFigure(1),
  'bayesian-predictive': () => {
    const { x_data, y_data } = notebookData();
    const { yModel, yModelStd } = predictive(x_data, y_data, 0.09, 1000, N_HIDDEN);
    return regressionPlot({
      xModel: x,
      yModel,
      sigma: yModelStd,
      xData: x_data,
      yData: y_data,
      yDomain: [-0.5, 3.5],
      title: 'Posterior predictive: mean and ±2 standard deviations',
    });
  },
};
