/**
 * @gradkit/datasets benchmark (`node scripts/bench.mjs datasets` from the repo root).
 *
 * Every row is a ratio against a baseline measured in the same run:
 * - MNIST-1D: generating the default 5000-example dataset with `makeMnist1d` vs the reference
 *   Python generator (tests/fixtures/gen_datasets_mnist1d.py: numpy + scipy, the same
 *   computation), run as a child process when a python3 with numpy and scipy exists
 *   (`/usr/bin/python3`, then `python3`); otherwise the row says "reference not available";
 * - DataLoader: shuffled batches of 100 over MNIST-1D's [4000, 40] training set, batches/s of
 *   the loader (fresh batches, and `reuseBuffers`) vs a bare loop gathering the same rows into
 *   one preallocated buffer (the floor; ratio = loader / loop throughput, 1.0 = no overhead);
 * - .npy: encoding and parsing the [4000, 40] float64 array, MB/s vs a plain typed-array copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomState } from '@gradkit/core';
import { DataLoader, encodeNpy, makeMnist1d, parseNpy, TensorDataset } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '../../../tests/fixtures/gen_datasets_mnist1d.py');

/** Best wall time (seconds) of `fn` over `batches` batches lasting at least `minMs` (after a warm-up). */
function time(fn: () => void, minMs = 200, batches = 3): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < batches; b++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      fn();
      reps++;
      t = performance.now();
    } while (t - t0 < minMs);
    best = Math.min(best, (t - t0) / reps);
  }
  return best / 1000;
}

const fmt = (v: number, d = 2) => v.toFixed(d).padStart(10);
function row(name: string, ...vals: string[]): void {
  console.log([name.padEnd(40), ...vals].join(' '));
}

/** A python3 that imports numpy and scipy, or null. */
function findPython(): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (py.startsWith('/') && !existsSync(py)) continue;
    const r = spawnSync(py, ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
console.log('\n## MNIST-1D generation (default arguments: 5000 examples, seed 42)');
row('', 'seconds'.padStart(10), 'ratio'.padStart(10));
const ours = time(() => makeMnist1d(), 1000, 3);
const python = existsSync(script) ? findPython() : null;
if (python) {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(python, [script, '--bench'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`reference generator failed: ${r.stderr}`);
    best = Math.min(best, JSON.parse(r.stdout.trim().split('\n').pop()!).seconds as number);
  }
  row('reference (numpy + scipy, in-process time)', fmt(best, 3), fmt(1, 2));
  row('makeMnist1d', fmt(ours, 3), fmt(best / ours, 2));
  console.log('(ratio = reference time / makeMnist1d time; > 1 means gradkit is faster)');
} else {
  row('makeMnist1d', fmt(ours, 3), '         -');
  console.log('reference not available (no python3 with numpy and scipy)');
}

// ---------------------------------------------------------------------------------------------
console.log('\n## DataLoader: shuffled batches of 100 over [4000, 40] float64 + [4000] labels');
row('', 'batches/s'.padStart(10), 'ratio'.padStart(10));
const data = makeMnist1d();
const dataset = new TensorDataset(data.x, data.y);
const n = data.x.shape[0]!;
const L = data.x.shape[1]!;
const B = 100;
const epochBaseline = () => {
  const perm = new RandomState(1).permutation(n).data;
  const xb = new Float64Array(B * L);
  const yb = new Int32Array(B);
  let sink = 0;
  for (let s = 0; s < n; s += B) {
    for (let i = 0; i < B; i++) {
      const j = perm[s + i]!;
      xb.set(data.x.data.subarray(j * L, (j + 1) * L), i * L);
      yb[i] = data.y.data[j]!;
    }
    sink += xb[0]! + yb[0]!;
  }
  return sink;
};
const batchesPerEpoch = n / B;
const tBase = time(epochBaseline);
row('bare gather loop (one buffer)', fmt(batchesPerEpoch / tBase, 0), fmt(1));
for (const reuseBuffers of [false, true]) {
  const loader = new DataLoader({
    dataset,
    batchSize: B,
    shuffle: true,
    rng: new RandomState(1),
    reuseBuffers,
  });
  const t = time(() => {
    let sink = 0;
    for (const [xb, yb] of loader) sink += xb!.data[0]! + yb!.data[0]!;
    return sink;
  });
  row(`DataLoader${reuseBuffers ? ' (reuseBuffers)' : ''}`, fmt(batchesPerEpoch / t, 0), fmt(tBase / t));
}

// ---------------------------------------------------------------------------------------------
console.log('\n## .npy of the [4000, 40] float64 training set (1.28 MB)');
row('', 'MB/s'.padStart(10), 'ratio'.padStart(10));
const mb = data.x.size * 8 * 1e-6;
const tCopy = time(() => data.x.data.slice());
row('Float64Array copy (baseline)', fmt(mb / tCopy, 0), fmt(1));
const bytes = encodeNpy(data.x);
const tEnc = time(() => encodeNpy(data.x));
row('encodeNpy', fmt(mb / tEnc, 0), fmt(tCopy / tEnc));
const tDec = time(() => parseNpy(bytes));
row('parseNpy', fmt(mb / tDec, 0), fmt(tCopy / tDec));
