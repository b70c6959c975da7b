// Writes ./recorded-run.ts: the notebook's three trainings (true data, noise inputs, permuted
// labels) run by the lesson's own code, their training loss per epoch — the page's figure, which
// would otherwise train for a minute in the reader's browser. From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/20-1-random-data/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { randomDataRun, SETTINGS } from './notebook.js';

const t0 = performance.now();
const r = await randomDataRun(SETTINGS.epochs);
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    `Notebook 20.1's three trainings run by the lesson's code (RandomState(1), ${SETTINGS.epochs} epochs each):`,
    `the training loss after each epoch. ${seconds} s.`,
  ],
  {
    lossTrueLabels: Array.from(r.lossTrueLabels),
    lossRandomizedData: Array.from(r.lossRandomizedData),
    lossPermutedLabels: Array.from(r.lossPermutedLabels),
  },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
