// Writes ./recorded-run.ts: the notebook's 100 epochs of the residual network and of the same
// network without its residual connections (the last TODO), run by the lesson's own code — the
// page's two figures, which would otherwise train for a minute in the reader's browser. From the
// repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/11-2-residual-networks/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { makeTrainer, mnist1dData, SETTINGS } from './notebook.js';

const t0 = performance.now();
const errors = async (residual: boolean) => {
  const h = await makeTrainer(mnist1dData(), SETTINGS.epochs, { residual }).fit();
  return { trainError: h.map((r) => r.trainError), valError: h.map((r) => r.valError) };
};
const run = { residual: await errors(true), plain: await errors(false) };
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    `Notebook 11.2's network with and without its residual connections, run by the lesson's code`,
    `(RandomState(1), ${SETTINGS.epochs} epochs each): train and validation error per epoch. ${seconds} s.`,
  ],
  run,
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
