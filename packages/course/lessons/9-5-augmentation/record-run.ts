// Writes ./recorded-run.ts: the notebook's two 50-epoch trainings (without and with augmentation)
// run by the lesson's own code, their error curves — the page's last figure, which would otherwise
// train for about 10 s of every site build. From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/9-5-augmentation/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { SETTINGS, trainBoth } from './notebook.js';

const t0 = performance.now();
const r = await trainBoth(SETTINGS.epochs);
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    `Notebook 9.5's two trainings run by the lesson's code (the notebook's seeds, ${SETTINGS.epochs} epochs each,`,
    `${SETTINGS.nAugment} augmented copies in the second): train and test error (%) after each epoch. ${seconds} s.`,
  ],
  {
    errorsTrain: r.errorsTrain,
    errorsTest: r.errorsTest,
    errorsTrainAug: r.errorsTrainAug,
    errorsTestAug: r.errorsTestAug,
  },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
