// Writes ./recorded-run.ts: what the page's four figures show of the notebook's full run by the
// lesson's own code (three epochs on the 8000 digits of `loadMnistDigits`, RandomState(1)): for
// each of the three examples the digit, the FGSM image and the two predictions, and the iterative
// attack on the first. Training for them took about 10 s of every site build. From the
// repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/20-4-adversarial-attacks/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { Notebook } from '../../src/notebook.js';
import { run } from './notebook.js';

const t0 = performance.now();
const nb = new Notebook();
await run(nb);
const v = nb.result().values;
// pixels to 7 significant digits (the figures draw them as colours; the files stay small)
const flat = (x: unknown) => (x as number[][][][]).flat(3).map((p) => Number(p.toPrecision(7)));
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    "Notebook 20.4's full run by the lesson's code (RandomState(1)): the three examples' digits and FGSM images",
    `(28×28 each, 7 significant digits), their predictions before and after, and the iterative attack on the first. ${seconds} s.`,
  ],
  {
    x: (v['x#all'] as unknown[]).map(flat),
    xPrime: (v['x_prime#all'] as unknown[]).map(flat),
    before: v['output.data.max(1, keepdim=True)[1][0].item()'] as number[],
    after: v['output_prime.data.max(1, keepdim=True)[1][0].item()'] as number[],
    xPrimeIterative: flat((v['x_prime_iterative#all'] as unknown[])[0]),
    iterativePredictions: (v['iterative_predictions#all'] as number[][])[0]!,
  },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
