/**
 * @gradkit/course benchmark, Notebook 18.2 (`pnpm bench course`): the 1D diffusion model's
 * training (100,000 samples of the mixture, then one lookup table per step for 100 steps: two
 * vectors of normals and two binned statistics each) and its sampling (100,000 samples through
 * the 100 steps), as `gradkit run 18-2-1d-diffusion-model` runs them, against the notebook's own
 * numpy/scipy code (`diffusion_1d_numpy.py`, spawned with `/usr/bin/python3` or
 * `$GRADKIT_BENCH_PYTHON`) on the same machine, in one run, best of three each. Both are one
 * thread: the work is random draws and binning, which neither side spreads over cores.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RandomState } from '@gradkit/core';
import {
  SETTINGS,
  sample,
  TrueDataDistribution,
  trainModels,
} from '../lessons/18-2-1d-diffusion-model/notebook.js';
import { loadAverage, machineLine } from './machine.js';

const { nSample, nSamples, T, beta, sigmaT, seed } = SETTINGS;
console.log(`\n18.2 1D diffusion model: ${nSample} training samples, ${T} steps, ${nSamples} samples drawn`);
console.log(machineLine());

let train = Number.POSITIVE_INFINITY;
let draw = Number.POSITIVE_INFINITY;
for (let r = 0; r < 3; r++) {
  const rng = new RandomState(seed);
  const t0 = performance.now();
  const x = new TrueDataDistribution().sample(nSample, rng);
  const models = trainModels(x, T, beta, rng);
  const t1 = performance.now();
  sample(models, T, sigmaT, nSamples, rng);
  const t2 = performance.now();
  train = Math.min(train, (t1 - t0) / 1000);
  draw = Math.min(draw, (t2 - t1) / 1000);
}

const python = process.env.GRADKIT_BENCH_PYTHON ?? '/usr/bin/python3';
const script = fileURLToPath(new URL('./diffusion_1d_numpy.py', import.meta.url));
const res = spawnSync(python, [script, '3'], {
  encoding: 'utf8',
  env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
});
const line = (s: string, a: number, b: number | null) =>
  `  ${s.padEnd(10)} gradkit ${a.toFixed(2)} s${b === null ? '' : `   numpy/scipy ${b.toFixed(2)} s   ratio ${(a / b).toFixed(2)}x`}`;
if (res.status === 0) {
  const np = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as {
    train: number;
    sample: number;
    numpy: string;
    scipy: string;
  };
  console.log(`  (numpy ${np.numpy}, scipy ${np.scipy}; ratio = gradkit / numpy, the goal ≤ 1.0x)`);
  console.log(line('training', train, np.train));
  console.log(line('sampling', draw, np.sample));
  console.log(line('total', train + draw, np.train + np.sample));
} else {
  console.log(
    `  numpy/scipy side not run (${python}: ${(res.stderr || res.error?.message || '').trim().split('\n').at(-1)})`,
  );
  console.log(line('training', train, null));
  console.log(line('sampling', draw, null));
}
console.log(`  load average ${loadAverage()}`);
