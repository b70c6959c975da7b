/**
 * @gradkit/course benchmark, Notebook 20.2 (`pnpm bench course`, after the 8.3 case): the four
 * full-batch gradient-descent trainings of `gradkit run 20-2-full-batch-gradient-descent --scale
 * SCALE` against the notebook's own PyTorch loop (`full_batch_gd_torch.py`, spawned with
 * `/usr/bin/python3`, or `$GRADKIT_BENCH_PYTHON`) at the same epochs, on the same data and
 * machine, in one run.
 *
 * SCALE is 0.01 by default (`GRADKIT_BENCH_SCALE` changes it): 2000 epochs of the 2-, 3- and
 * 4-layer networks and 5000 of the one-layer network (the notebook: 200 000 and 500 000). Every
 * epoch is the same full-batch step, so the ratio is the full run's, up to the fixed start-up
 * costs (worker threads, each regenerating the data: counted against gradkit). gradkit trains
 * the four networks on `os.availableParallelism()` worker threads (the longest first); PyTorch
 * runs them one after another as the notebook's cells do, on its default intra-op threads and,
 * when that differs, on one per core (the faster is the baseline). The projected full run is
 * gradkit's time divided by SCALE. The load average is printed: on a shared machine other jobs
 * take the cores from both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpy } from '@gradkit/datasets';
import {
  fullBatchData,
  N_EPOCH,
  TRAINING_ORDER,
  trainAll,
} from '../lessons/20-2-full-batch-gradient-descent/notebook.js';
import { loadAverage, machineLine } from './machine.js';

const SCALE = Number(process.env.GRADKIT_BENCH_SCALE ?? 0.01);
const epochs = (n: number) => Math.max(1, Math.round(n * SCALE)); // what Notebook.steps does
const threads = availableParallelism();

const deep = epochs(N_EPOCH[2]);
const one = epochs(N_EPOCH[1]);
console.log(
  `\n20.2 full-batch gradient descent at scale ${SCALE}: ${deep} epochs × 3 networks + ${one} epochs × 1 (the notebook: 200000 and 500000), 4000 examples per step`,
);
console.log(machineLine());

const data = fullBatchData();
const dir = mkdtempSync(join(tmpdir(), 'gradkit-bench-20-2-'));
writeFileSync(join(dir, 'x.npy'), encodeNpy(data.x));
writeFileSync(join(dir, 'y.npy'), encodeNpy(data.y));

const t0 = performance.now();
const ours = await trainAll(
  TRAINING_ORDER.map((layers) => ({ layers, nEpoch: epochs(N_EPOCH[layers]) })),
  { threads },
);
const gradkitSeconds = (performance.now() - t0) / 1000;
console.log(
  `gradkit  ${gradkitSeconds.toFixed(2).padStart(8)} s  (${threads} worker threads; per network ${ours
    .map((r) => `${r.layers} layer${r.layers > 1 ? 's' : ''} ${r.seconds.toFixed(1)} s`)
    .join(', ')}; final errors ${ours.map((r) => r.errorsTrain.at(-1)?.toFixed(2)).join(', ')} %)`,
);

const python =
  process.env.GRADKIT_BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const script = fileURLToPath(new URL('./full_batch_gd_torch.py', import.meta.url));
function torchRun(
  torchThreads?: number,
): { seconds: number; threads: number; torch: string; errors: number[] } | string {
  const args = [script, dir, String(deep), String(one)];
  if (torchThreads !== undefined) args.push(String(torchThreads));
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0)
    return `${python} exited with ${r.status} (${(r.stderr ?? '').trim().split('\n').pop()})`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
const first = torchRun();
const torchRuns = [first];
if (typeof first !== 'string' && first.threads !== threads) torchRuns.push(torchRun(threads));
rmSync(dir, { recursive: true, force: true });
let best: number | null = null;
for (const t of torchRuns) {
  if (typeof t === 'string') {
    console.log(`PyTorch  not run: ${t}`);
    continue;
  }
  console.log(
    `PyTorch  ${t.seconds.toFixed(2).padStart(8)} s  (torch ${t.torch}, ${t.threads} intra-op thread${t.threads > 1 ? 's' : ''}; final errors ${t.errors.map((e) => e.toFixed(2)).join(', ')} %)`,
  );
  best = Math.min(best ?? Number.POSITIVE_INFINITY, t.seconds);
}
if (best !== null)
  console.log(
    `ratio gradkit / PyTorch (its faster thread count): ${(gradkitSeconds / best).toFixed(2)}x (goal ≤ 1.0x)`,
  );
console.log(
  `projected full run (scale 1): gradkit ${(gradkitSeconds / SCALE / 60).toFixed(0)} min${best !== null ? `, PyTorch ${(best / SCALE / 60).toFixed(0)} min` : ''}`,
);
console.log(`load average ${loadAverage()} after`);
