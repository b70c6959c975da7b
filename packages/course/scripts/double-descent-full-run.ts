/**
 * Regenerates `lessons/8-3-double-descent/full-run.ts`, the committed double-descent curve the
 * course page draws: Notebook 8.3's sweep (28 widths × 1000 epochs on 4000 noisy MNIST-1D
 * examples) run by the lesson's own code on worker threads. From the repository root:
 *
 *   node --conditions=@gradkit/source --import tsx packages/course/scripts/double-descent-full-run.ts \
 *     [--epochs 1000] [--threads N] [--gemm 400:4,300:2] [--out FILE]
 *
 * (about 10–20 minutes on two free cores; `--epochs` runs a shorter sweep and records that.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@gradkit/core/node';
import { closestIndex, HIDDEN_VARIABLES, N_EPOCH, sweep } from '../lessons/8-3-double-descent/notebook.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`--${name} must be a positive integer, received ${process.argv[i + 1]}`);
  return v;
}

const nEpoch = arg('epochs', N_EPOCH);
// --gemm 400:4,300:2: more threads for the matrix products of the widest (longest) jobs
const gemmArg = process.argv.indexOf('--gemm');
const gemm = new Map(
  (gemmArg < 0 ? '' : process.argv[gemmArg + 1]!)
    .split(',')
    .filter(Boolean)
    .map((p) => p.split(':').map(Number) as [number, number]),
);
const outArg = process.argv.indexOf('--out');
const out =
  outArg < 0
    ? fileURLToPath(new URL('../lessons/8-3-double-descent/full-run.ts', import.meta.url))
    : process.argv[outArg + 1]!;
const threads = arg('threads', availableParallelism());
const load = loadavg()[0]!;
const t0 = performance.now();
const results = await sweep(HIDDEN_VARIABLES, nEpoch, {
  threads,
  gemmThreads: (d) => gemm.get(d) ?? 1,
  onWidth: (r) =>
    console.log(
      `width ${String(r.nHidden).padStart(3)}: ${r.totalWeights} weights, train ${r.errorsTrain.toFixed(2)}%, test ${r.errorsTest.toFixed(2)}% (${r.seconds.toFixed(1)} s)`,
    ),
});
const seconds = (performance.now() - t0) / 1000;
const totalWeights = results.map((r) => r.totalWeights);
const run = {
  nEpoch,
  hiddenVariables: [...HIDDEN_VARIABLES],
  totalWeightsAll: totalWeights,
  errorsTrain: results.map((r) => r.errorsTrain),
  errorsTest: results.map((r) => r.errorsTest),
  hiddenVariableAtNumTrainingExamples: HIDDEN_VARIABLES[closestIndex(totalWeights, 4000)]!,
  seconds: Math.round(seconds),
  threads,
  gemmThreads: Object.fromEntries(gemm),
  machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, load average ${load.toFixed(1)} at the start; Node ${process.versions.node}`,
};
const text = `// Written by packages/course/scripts/double-descent-full-run.ts: do not edit by hand.
// Notebook 8.3's sweep run by the lesson's own code (each width: RandomState(1), SGD lr 0.01
// momentum 0.9, batches of 100, ${nEpoch} epochs on 4000 MNIST-1D examples with 15% label noise).
import type { DoubleDescentRun } from './notebook.js';

export const FULL_RUN: DoubleDescentRun = ${JSON.stringify(run, null, 2)};
`;
writeFileAtomic(out, text);
// formatted as the rest of the tree (the repository's biome, a dev dependency), so a rerun's diff
// shows only the numbers that changed
const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
const formatted =
  existsSync(biome) && spawnSync(biome, ['format', '--write', out], { stdio: 'ignore' }).status === 0;
if (!formatted) console.log(`(not formatted: run \`npx biome format --write ${out}\`)`);
console.log(
  `${HIDDEN_VARIABLES.length} widths × ${nEpoch} epochs in ${seconds.toFixed(0)} s on ${threads} threads`,
);
