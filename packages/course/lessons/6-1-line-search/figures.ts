/**
 * Notebook 6.1's figures (`draw_function(loss_function, a, b, c, d)`): the 1-D loss with the
 * bracket [a, d] shaded and the four points, at the first iteration and at the last.
 */
import { arange } from '@gradkit/core';
import type { LineSearchIteration } from '@gradkit/optimizers';
import { type Figure, functionPlot } from '@gradkit/plot';
import { lineSearch, lossFunction } from './notebook.js';

/** The loss on `x` with the bracket of iteration `it` shaded and its four points labelled. */
function bracketPlot(it: LineSearchIteration, x: number[], title: string, zoom: boolean): Figure {
  const points = [it.a, it.b, it.c, it.d].map((p, i) => ({
    x: p,
    y: lossFunction(p),
    label: 'abcd'[i] as string,
  }));
  return functionPlot({
    x,
    series: [{ name: 'L[φ]', y: x.map(lossFunction), color: '#d62728' }],
    shade: [it.a, it.d],
    points,
    xLabel: 'φ',
    yLabel: 'L[φ]',
    xDomain: zoom ? [x[0]!, x.at(-1)!] : [0, 1],
    yDomain: zoom ? [0.325, 0.35] : [0, 1],
    title,
  });
}

export const figures: Record<string, () => Figure> = {
  'line-search-6-1-start': () => {
    const { history } = lineSearch(lossFunction, { threshold: 0.0001, maxIter: 10 });
    // draw_function(loss_function, a, b, c, d) on the notebook's np.arange(0, 1, 0.01)
    const x = arange(0, 1, 0.01).toList() as number[];
    return bracketPlot(history[0]!, x, 'Iteration 1: the bracket [a, d] = [0, 1]', false);
  },
  'line-search-6-1-end': () => {
    // The last drawn bracket, zoomed in on [0.35, 0.41) so that the four points stand apart.
    const { history } = lineSearch(lossFunction, { threshold: 0.0001, maxIter: 10 });
    const last = history.at(-1)!;
    const x = arange(0.35, 0.41, 0.0005).toList() as number[];
    return bracketPlot(last, x, `Iteration ${last.nIter}, zoomed in: the bracket around the minimum`, true);
  },
};
