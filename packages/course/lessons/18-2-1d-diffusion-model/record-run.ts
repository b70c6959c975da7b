// Writes ./recorded-run.ts: what the page's histogram and paths show of the notebook's run by the
// lesson's own code (RandomState(0), 100,000 training samples and 100,000 samples drawn): the
// sampled data's density in the notebook's bins and the first five paths. Computing them took
// about 2 s of every site build. From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/18-2-1d-diffusion-model/record-run.ts
import { writeRecordedRun } from '../../src/node.js';
import { diffusionRun, sampledHistogram } from './notebook.js';

const t0 = performance.now();
const { samples } = diffusionRun();
const { bins, density } = sampledHistogram(samples[0]!);
const seconds = Math.round((performance.now() - t0) / 1000);
writeRecordedRun(
  import.meta.url,
  [
    "Notebook 18.2's run by the lesson's code (RandomState(0)): the density of the 100,000 samples in the",
    `bins of arange(-3, 3.05, 0.05), and samples[:, 0:5], the first five paths from z_100 to x. ${seconds} s.`,
  ],
  {
    nSamples: samples[0]!.length,
    bins,
    density,
    paths: samples.map((row) => Array.from(row.subarray(0, 5))),
  },
);
console.log(`wrote recorded-run.ts: ${seconds} s`);
