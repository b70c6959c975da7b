/** Notebook 3.2's figures: the network outputs over the input square, as filled contours. */
import { arange } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { type Figure, lossContour } from '@gradkit/plot';
import { SHALLOW_2D_HIDDEN, shallow2_2_3 } from '../shallow/notebook.js';
import { notebookGrid, PHI_1, PHI_2 } from './notebook.js';

const axis = arange(0.0, 10.0, 0.1).toList() as number[];

/** y (= y1: the same weights) and y2 on the notebook's grid. */
function outputs() {
  const [x1, x2] = notebookGrid();
  const r = shallow2_2_3(x1, x2, relu, PHI_1, PHI_2, SHALLOW_2D_HIDDEN);
  return r.outputs.map((t) => Array.from(t.data as Float64Array));
}

function heatmap(values: number[], what: string): Figure {
  return lossContour({
    x: axis,
    y: axis,
    values,
    fillLevels: 64,
    lineLevels: 20,
    xLabel: 'x1',
    yLabel: 'x2',
    ariaLabel: `Filled contour plot of ${what} over the inputs x1 and x2 from 0 to 10, dark where it is low, with grey contour lines`,
  });
}

export const figures: Record<string, () => Figure> = {
  'shallow-ii-y': () => heatmap(outputs()[0]!, 'the network output y'),
  'shallow-ii-y1': () => heatmap(outputs()[0]!, 'the first output y1'),
  'shallow-ii-y2': () => heatmap(outputs()[1]!, 'the second output y2'),
};
