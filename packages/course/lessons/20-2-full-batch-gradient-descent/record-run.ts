// Writes ./recorded-run.ts: the notebook's four trainings run by the lesson's own code at a scale
// of its epochs (the figure's data), the errors kept every `every` epochs. From the repository root:
//   node --conditions=@gradkit/source --import tsx packages/course/lessons/20-2-full-batch-gradient-descent/record-run.ts [SCALE] [EVERY]
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { N_EPOCH, TRAINING_ORDER, trainAll } from './notebook.js';

const scale = Number(process.argv[2] ?? 0.01);
const every = Number(process.argv[3] ?? 10);
const threads = availableParallelism();
const load = loadavg()[0]!.toFixed(1);
const t0 = performance.now();
const results = await trainAll(
  TRAINING_ORDER.map((layers) => ({ layers, nEpoch: Math.max(1, Math.round(N_EPOCH[layers] * scale)) })),
  { threads },
);
const seconds = Math.round((performance.now() - t0) / 1000);
const runs = results.map((r) => ({
  layers: r.layers,
  nEpoch: r.errorsTrain.length,
  errors: Array.from(r.errorsTrain.filter((_, i) => i % every === 0 || i === r.errorsTrain.length - 1)),
}));
const body = `// Written by ./record-run.ts: do not edit by hand.
// Notebook 20.2's four trainings run by the lesson's code (RandomState(1), full-batch gradient
// descent, lr 0.0025) at scale ${scale} of the notebook's epochs; errors_train kept every ${every} epochs
// (and the last). ${seconds} s on ${threads} worker threads, ${cpus()[0]?.model ?? 'CPU'}, load average ${load} at the start.
import type { RecordedRun } from './notebook.js';

export const RECORDED_RUN: RecordedRun = ${JSON.stringify({ scale, every, seconds, threads, runs })};
`;
writeFileSync(fileURLToPath(new URL('./recorded-run.ts', import.meta.url)), body);
console.log(
  `wrote recorded-run.ts: ${seconds} s; final errors ${runs.map((r) => `${r.layers}: ${r.errors.at(-1)}`).join(', ')}`,
);
