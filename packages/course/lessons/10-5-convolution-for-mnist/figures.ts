/**
 * Notebook 10.5's figures: what the trained minimal network sees. After the notebook's three
 * epochs (`RandomState(1)`, the offline digits of `loadMnistDigits` unless MNIST's files are on
 * disk), the first drawn test digit, one of `conv1`'s two learned 3×3 kernels, and that channel
 * after 2×2 max pooling and ReLU (13×13) — the features `fc1` reads.
 */
import { maxPool2d } from '@gradkit/conv';
import { noGrad } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { convolutionPlot, type Figure } from '@gradkit/plot';
import { type NotebookRun, notebookData, SETTINGS, trainNotebook } from './notebook.js';

let trained: Promise<NotebookRun> | undefined;
/** The notebook's run, trained once for both figures. */
function train(): Promise<NotebookRun> {
  trained ??= notebookData().then((d) => trainNotebook(d, SETTINGS.epochs));
  return trained;
}

async function channelFigure(channel: number): Promise<Figure> {
  const { model, examples } = await train();
  model.eval();
  const image = examples.images.index('0:1');
  const { pooled, logp } = noGrad(() => ({
    pooled: relu(maxPool2d(model.conv1.call(image), 2)),
    logp: model.call(image),
  }));
  const plane = 13 * 13;
  const probs = Array.from(logp.data as ArrayLike<number>);
  const prediction = probs.indexOf(Math.max(...probs));
  const w = model.conv1.weight.data as ArrayLike<number>;
  return convolutionPlot({
    input: { data: Array.from(image.data as ArrayLike<number>), height: 28, width: 28 },
    kernel: { data: Array.from({ length: 9 }, (_, i) => w[channel * 9 + i]!), height: 3, width: 3 },
    output: {
      data: Array.from(pooled.data as ArrayLike<number>).slice(channel * plane, (channel + 1) * plane),
      height: 13,
      width: 13,
    },
    title: `Ground truth ${examples.labels.data[0]}, prediction ${prediction}: conv1 channel ${channel + 1} → max pool → ReLU`,
  });
}

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Promise<Figure>> = {
  'convolution-for-mnist-channel-1': () => channelFigure(0),
  'convolution-for-mnist-channel-2': () => channelFigure(1),
};

/**
 * All of them are drawn when the site is built, in Node: the digits are read from the `mnist`
 * package's files and the network trains for the notebook's three epochs first.
 */
export const prerendered: readonly string[] = Object.keys(figures);
