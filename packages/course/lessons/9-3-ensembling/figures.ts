/**
 * Notebook 9.3's figures: the true function with its ±2σ noise band and the 15 points, the
 * closed-form fit with 14 hidden units to all of them, the four models fitted to bootstrap
 * resamples, and the median and the mean of the four against the true function.
 */
import { type Figure, functionPlotWithLegend, regressionPlot } from '@gradkit/plot';
import { ensemble, meanSqError, X_MODEL, Y_FUNC } from './notebook.js';

const x = [...X_MODEL];
const yFunc = [...Y_FUNC];
const Y_DOMAIN: [number, number] = [-1, 4];
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'];

export const figures: Record<string, () => Figure> = {
  'ensembling-data': () => {
    const { x_data, y_data } = ensemble();
    return regressionPlot({
      xModel: x,
      yModel: yFunc,
      sigma: 0.3,
      xData: x_data,
      yData: y_data,
      xDomain: [0, 1],
      yDomain: Y_DOMAIN,
      title: 'True function, ±2σ noise (σ = 0.3) and 15 samples',
    });
  },
  'ensembling-single': () => {
    const { x_data, y_data, y_model } = ensemble();
    return functionPlotWithLegend({
      x,
      series: [
        { name: 'true function', y: yFunc, color: '#222222' },
        { name: 'fitted model', y: y_model, color: '#1aa39a' },
      ],
      points: x_data.map((xi, i) => ({ x: xi, y: y_data[i]! })),
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      yDomain: Y_DOMAIN,
      legend: 'top-right',
      title: `14 hidden units fitted to all 15 points (MSE ${meanSqError(y_model, yFunc).toFixed(3)})`,
    });
  },
  'ensembling-bootstrap': () => {
    const { all_y_model } = ensemble();
    return functionPlotWithLegend({
      x,
      series: [
        { name: 'true function', y: yFunc, color: '#222222' },
        ...all_y_model.map((y, m) => ({
          name: `model ${m + 1} (${meanSqError(y, yFunc).toFixed(3)})`,
          y,
          color: COLORS[m]!,
        })),
      ],
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      yDomain: Y_DOMAIN,
      legend: 'top-right',
      title: 'Four models, each fitted to a bootstrap resample (MSE in brackets)',
    });
  },
  'ensembling-combined': () => {
    const { y_model_median, y_model_mean } = ensemble();
    return functionPlotWithLegend({
      x,
      series: [
        { name: 'true function', y: yFunc, color: '#222222' },
        {
          name: `median (${meanSqError(y_model_median, yFunc).toFixed(3)})`,
          y: y_model_median,
          color: '#d62728',
        },
        { name: `mean (${meanSqError(y_model_mean, yFunc).toFixed(3)})`, y: y_model_mean, color: '#1aa39a' },
      ],
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      yDomain: Y_DOMAIN,
      legend: 'top-right',
      title: 'The median and the mean of the four models (MSE in brackets)',
    });
  },
};
