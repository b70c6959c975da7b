/**
 * Notebook 1.1's figures: the line y = β + ωx (the notebook's β = 0, ω = 1, and the line the
 * notebook asks for, through y = 10 on the y-axis and x = 5 on the x-axis), the plane
 * y = β + ω1 x1 + ω2 x2 over [0, 10)² (β = 0, ω1 = 1, ω2 = −0.5), exp on [−5, 5) and log on
 * [0.01, 5).
 */
import { arange, exp, log } from '@gradkit/core';
import { type Figure, functionPlot, lossContour } from '@gradkit/plot';
import { linearFunction1D, linearFunction2D, plotGrid2D } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'background-linear-1d': () => {
    const x = arange(0.0, 10.0, 0.01);
    return functionPlot({
      x: x.toList(),
      series: [
        { name: 'y = x', y: linearFunction1D(x, 0, 1).toList() },
        { name: 'y = 10−2x', y: linearFunction1D(x, 10, -2).toList() },
      ],
      xLabel: 'x',
      yLabel: 'y',
      xDomain: [0, 10],
    });
  },
  'background-linear-2d': () => {
    const [x1, x2] = plotGrid2D();
    const axis = arange(0.0, 10.0, 0.1).toList();
    return lossContour({
      x: axis,
      y: axis,
      values: linearFunction2D(x1, x2, 0, 1, -0.5).toList(),
      fillLevels: 64,
      lineLevels: 15,
      xLabel: 'x1',
      yLabel: 'x2',
      title: 'y = 0 + 1.0·x1 − 0.5·x2 (dark is low)',
    });
  },
  'background-exp': () => {
    const x = arange(-5.0, 5.0, 0.01);
    return functionPlot({
      x: x.toList(),
      series: [{ name: 'exp[x]', y: exp(x).toList() }],
      xLabel: 'x',
      yLabel: 'exp[x]',
      xDomain: [-5, 5],
    });
  },
  'background-log': () => {
    const x = arange(0.01, 5.0, 0.01);
    return functionPlot({
      x: x.toList(),
      series: [{ name: 'log[x]', y: log(x).toList() }],
      xLabel: 'x',
      yLabel: 'log[x]',
      xDomain: [0, 5],
      yDomain: [-5, 5],
    });
  },
};
