/** Training I's figure: the notebook's 1-D loss with the initial bracket [a, d] and its four points. */
import { arange } from '@gradkit/core';
import { type Figure, functionPlot } from '@gradkit/plot';
import { lossFunction } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'training-i-function': () => {
    // draw_function(loss_function): the loss on np.arange(0,1,0.01), with the bracket of thirds.
    const x = arange(0, 1, 0.01).toList() as number[];
    const points = [0, 1 / 3, 2 / 3, 1].map((p, i) => ({
      x: p,
      y: lossFunction(p),
      label: 'abcd'[i] as string,
    }));
    return functionPlot({
      x,
      series: [{ name: 'L[φ]', y: x.map(lossFunction), color: '#d62728' }],
      shade: [0, 1],
      points,
      xLabel: 'φ',
      yLabel: 'L[φ]',
      xDomain: [0, 1],
      yDomain: [0, 1],
      title: 'The 1-D loss and the bracket [a, d]',
    });
  },
};
