/**
 * Notebook 8.2's figures: the true function with its ±2σ noise band and 15 samples, the closed-form
 * fit with 3 hidden units, the mean of 100 fits with 5 hidden units and its ±2 standard deviation
 * spread, and the bias, variance and their sum against capacity (UDL figure 8.9).
 */
import { RandomState } from '@gradkit/core';
import { type Figure, functionPlot, functionPlotWithLegend, regressionPlot } from '@gradkit/plot';
import {
  biasVarianceCurves,
  firstFit,
  getModelMeanVariance,
  toyNetwork,
  trueFunction,
  X_MODEL,
} from './notebook.js';

const x = [...X_MODEL];
const yFunc = x.map(trueFunction);

export const figures: Record<string, () => Figure> = {
  'bias-variance-data': () => {
    const { x_data, y_data } = firstFit();
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
  'bias-variance-fit': () => {
    const { x_data, y_data, fit } = firstFit();
    return functionPlot({
      x,
      series: [
        { name: 'true function', y: yFunc, color: '#222222' },
        { name: 'fitted model', y: toyNetwork(x, fit.beta, fit.omega), color: '#1aa39a' },
      ],
      points: x_data.map((xi, i) => ({ x: xi, y: y_data[i]! })),
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      title: 'Closed-form fit with 3 hidden units',
    });
  },
  'bias-variance-spread': () => {
    const [mean, std] = getModelMeanVariance(new RandomState(1), 15, 100, 5, 0.3);
    return functionPlotWithLegend({
      x,
      series: [
        { name: 'true function', y: yFunc, color: '#222222' },
        { name: 'mean model', y: mean, color: '#1aa39a' },
        { name: 'mean + 2 std', y: mean.map((m, i) => m + 2 * std[i]!), color: '#aaaaaa' },
        { name: 'mean − 2 std', y: mean.map((m, i) => m - 2 * std[i]!), color: '#aaaaaa' },
      ],
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      title: '100 fits with 5 hidden units: mean and spread',
    });
  },
  'bias-variance-curves': () => {
    const { hidden, bias, variance } = biasVarianceCurves();
    // the sum as dots (its end label would sit on the variance's), its minimum labelled
    const sum = bias.map((b, i) => b + variance[i]!);
    const best = sum.indexOf(Math.min(...sum)); // 4 hidden units
    return functionPlot({
      x: hidden,
      series: [
        { name: 'variance', y: variance, color: '#222222' },
        { name: 'bias', y: bias, color: '#d62728' },
      ],
      points: hidden.map((h, i) => ({
        x: h,
        y: sum[i]!,
        ...(i === best ? { label: 'least sum' } : {}),
      })),
      xLabel: 'Model capacity (hidden units)',
      yLabel: 'Error',
      yDomain: [0, 0.5],
      title: 'Bias, variance and their sum (dots) against capacity',
    });
  },
};
