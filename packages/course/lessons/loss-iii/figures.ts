/** Loss III's figure: the three network outputs and their softmax probabilities over x. */
import { arange } from '@gradkit/core';
import { LOSS_III_Y, LOSS_X } from '@gradkit/datasets';
import { softmax } from '@gradkit/losses';
import { classificationPlot, type Figure } from '@gradkit/plot';
import { shallowNn } from '../5-1-least-squares-loss/notebook.js';
import { getParameters } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'loss-iii-classification': () => {
    const x = arange(0, 1, 0.01);
    const out = shallowNn(x, getParameters());
    return classificationPlot({
      xModel: x.toList() as number[],
      outputs: out.toArray() as number[][],
      probabilities: softmax(out, { axis: 0 }).toArray() as number[][],
      xData: LOSS_X,
      yData: LOSS_III_Y,
      title: 'Three classes: softmax probabilities',
    });
  },
};
