/**
 * Convolution II's figure: the MNIST-1D template of the digit 3 convolved with the slope detector
 * [−1, 0, 1] (zero padding 'same'), the kind of feature the first layer of the figure 10.7 network
 * learns. (The templates themselves, `mnist1d-templates`, are Coursework II's figure.)
 */
import { conv1d } from '@gradkit/conv';
import { tensor } from '@gradkit/core';
import { mnist1dTemplates } from '@gradkit/datasets';
import { convolutionPlot, type Figure } from '@gradkit/plot';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'convolution-ii-mnist1d': () => {
    const signal = (mnist1dTemplates().x.toArray() as number[][])[3]!;
    const w = [-1, 0, 1];
    const out = conv1d(tensor([[signal]]), tensor([[w]]), { padding: 'same' });
    return convolutionPlot({
      input: signal,
      kernel: w,
      output: Array.from(out.data),
      title: 'Convolving the MNIST-1D template of “3” with [−1, 0, 1]',
    });
  },
};
