// Writes ./recorded-run.ts: the prune-and-retrain cycle at the page's scale (FIGURE_SCALE of the
// notebook's settings) run by the lesson's own code — the data of the page's two figures, which
// would otherwise train for minutes in the reader's browser. From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/20-3-lottery-tickets/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { FIGURE_SCALE, lotteryCurves } from './notebook.js';

const t0 = performance.now();
const c = lotteryCurves(FIGURE_SCALE);
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    `Notebook 20.3's prune-and-retrain cycle run by the lesson's code at scale ${FIGURE_SCALE} of its settings`,
    `(RandomState(42)): the test loss and accuracy after retraining at each sparsity. ${seconds} s.`,
  ],
  {
    scale: FIGURE_SCALE,
    sparsitySchedule: c.sparsitySchedule,
    testLosses: c.testLosses,
    testAccs: c.testAccs,
  },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
