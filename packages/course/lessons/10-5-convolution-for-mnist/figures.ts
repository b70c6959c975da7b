/**
 * Notebook 10.5's figures: what the trained minimal network sees. After the notebook's three
 * epochs (`RandomState(1)`, the offline digits of `loadMnistDigits` unless MNIST's files are on
 * disk), the first drawn test digit, one of `conv1`'s two learned 3×3 kernels, and that channel
 * after 2×2 max pooling and ReLU (13×13) — the features `fc1` reads. Drawn from the run of the
 * lesson's code recorded in ./recorded-run.ts (./record-run.ts writes it).
 */
import { convolutionPlot, type Figure } from '@gradkit/plot';
import { RECORDED_RUN as r } from './recorded-run.js';

function channelFigure(channel: number): Figure {
  const plane = 13 * 13;
  return convolutionPlot({
    input: { data: r.image, height: 28, width: 28 },
    kernel: { data: r.kernels.slice(channel * 9, (channel + 1) * 9), height: 3, width: 3 },
    output: { data: r.pooled.slice(channel * plane, (channel + 1) * plane), height: 13, width: 13 },
    title: `Ground truth ${r.label}, prediction ${r.prediction}: conv1 channel ${channel + 1} → max pool → ReLU`,
  });
}

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'convolution-for-mnist-channel-1': () => channelFigure(0),
  'convolution-for-mnist-channel-2': () => channelFigure(1),
};
