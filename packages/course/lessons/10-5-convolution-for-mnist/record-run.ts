// Writes ./recorded-run.ts: what the page's two figures show of the notebook's run by the lesson's
// own code (three epochs, RandomState(1), the digits of `loadMnistDigits`): the first drawn test
// digit, conv1's two 3×3 kernels, both channels after 2×2 max pooling and ReLU, and the
// prediction. Training for them took about 4 s of every site build. From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/10-5-convolution-for-mnist/record-run.ts
import { maxPool2d } from '@gradkit/conv';
import { noGrad } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { writeRecordedRun } from '../../src/node.js';
import { notebookData, SETTINGS, trainNotebook } from './notebook.js';

const t0 = performance.now();
const { model, examples } = await trainNotebook(await notebookData(), SETTINGS.epochs);
model.eval();
const image = examples.images.index('0:1');
const { pooled, logp } = noGrad(() => ({
  pooled: relu(maxPool2d(model.conv1.call(image), 2)),
  logp: model.call(image),
}));
const probs = Array.from(logp.data as ArrayLike<number>);
// to 7 significant digits (the figures draw them as colours; the file stays small)
const rounded = (t: { data: ArrayLike<number> }) => Array.from(t.data, (v) => Number(v.toPrecision(7)));
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    `Notebook 10.5's network after ${SETTINGS.epochs} epochs of the lesson's code (RandomState(1)) on the first drawn test`,
    `digit: the image (28×28), conv1's weights (2 × 3×3), both pooled channels (2 × 13×13), 7 significant digits. ${seconds} s.`,
  ],
  {
    image: rounded(image),
    label: examples.labels.data[0]!,
    prediction: probs.indexOf(Math.max(...probs)),
    kernels: rounded(model.conv1.weight),
    pooled: rounded(pooled),
  },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
