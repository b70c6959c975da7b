// Writes ./recorded-run.ts: the notebook's 100 epochs of the figure 10.7 network, run by the
// lesson's own code — the page's figure, which would otherwise train in the reader's browser.
// From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/10-2-convolution-for-mnist-1d/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { mnist1dData } from '../coursework-ii/notebook.js';
import { makeTrainer, SETTINGS } from './notebook.js';

const t0 = performance.now();
const h = await makeTrainer(mnist1dData(), SETTINGS.epochs).fit();
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    `Notebook 10.2's run by the lesson's code (RandomState(1), ${SETTINGS.epochs} epochs): train and validation`,
    `error per epoch. ${seconds} s.`,
  ],
  { trainError: h.map((r) => r.trainError), valError: h.map((r) => r.valError) },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
