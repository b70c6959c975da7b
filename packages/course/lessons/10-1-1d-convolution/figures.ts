/**
 * Notebook 10.1's plots: the signal before (black) and after (red) each convolution — smoothing
 * with three weights of 0.33, the derivative-like kernel [−0.5, 0, 0.5], five weights of 0.2 and
 * the dilated kernel — on the notebook's axes (x from 0 to 11, y from 0 to 12 except for the
 * derivative, whose output goes negative).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { conv3_1_1Zp, conv3_1_2Zp, conv5_1_1Zp, x } from './notebook.js';

const positions = x.map((_, i) => i);

/** The notebook's before/after plot of one convolution. */
function beforeAfter(after: number[], title: string, yDomain?: [number, number]): Figure {
  return functionPlotWithLegend({
    x: positions,
    series: [
      { name: 'before', y: x, color: '#000000' },
      { name: 'after', y: after, color: '#d62728' },
    ],
    xLabel: 'position i',
    yLabel: 'value',
    xDomain: [0, 11],
    ...(yDomain ? { yDomain } : {}),
    legend: yDomain ? 'top-right' : 'bottom-left',
    title,
  });
}

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  '1d-convolution-smoothing': () =>
    beforeAfter(conv3_1_1Zp(x, [0.33, 0.33, 0.33]), 'Kernel [0.33, 0.33, 0.33]: smoothing', [0, 12]),
  '1d-convolution-derivative': () =>
    beforeAfter(conv3_1_1Zp(x, [-0.5, 0, 0.5]), 'Kernel [−0.5, 0, 0.5]: a derivative'),
  '1d-convolution-kernel-5': () =>
    beforeAfter(conv5_1_1Zp(x, [0.2, 0.2, 0.2, 0.2, 0.2]), 'Kernel size 5, weights 0.2', [0, 12]),
  '1d-convolution-dilation-2': () =>
    beforeAfter(conv3_1_2Zp(x, [0.33, 0.33, 0.33]), 'Kernel size 3, dilation 2', [0, 12]),
};
