/**
 * Notebook 8.3 of the @gradkit/course benchmark (`index.ts`):
 * `gradkit run 8-3-double-descent`'s code against the notebook's own
 * PyTorch loop (`double_descent_torch.py`, spawned with `/usr/bin/python3`, or
 * `$GRADKIT_BENCH_PYTHON`), on the same data and
 * the same machine, in one run.
 *
 * The reduced size keeps the sweep's mix of work: all 28 widths, `EPOCHS` epochs each (default 5,
 * 0.5% of the notebook's 1000; `GRADKIT_BENCH_EPOCHS` changes it). Each epoch costs the same at
 * any epoch count, so the ratio is the full run's, up to the fixed start-up costs (worker threads,
 * each regenerating the data: counted against gradkit here, a few percent of the full run).
 * gradkit trains the widths on `os.availableParallelism()` worker threads (widest first),
 * PyTorch runs its loop as the notebook does, one width after another, on its default intra-op
 * threads and on one per core (the faster is the baseline). The load average is printed: on a shared machine other jobs
 * take the cores from both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpy } from '@gradkit/datasets';
import { doubleDescentData, HIDDEN_VARIABLES, sweep } from '../lessons/8-3-double-descent/notebook.js';
import { loadAverage, machineLine } from './machine.js';

const EPOCHS = Number(process.env.GRADKIT_BENCH_EPOCHS ?? 5);
const threads = availableParallelism();

console.log(
  `8.3 double descent: ${HIDDEN_VARIABLES.length} widths × ${EPOCHS} epochs (the notebook: × 1000), 4000 examples, batches of 100`,
);
console.log(machineLine());

// the notebook's data (label noise included), also written for PyTorch
const data = doubleDescentData();
const dir = mkdtempSync(join(tmpdir(), 'gradkit-bench-8-3-'));
writeFileSync(join(dir, 'x.npy'), encodeNpy(data.x));
writeFileSync(join(dir, 'y.npy'), encodeNpy(data.y));
writeFileSync(join(dir, 'x_test.npy'), encodeNpy(data.xTest));
writeFileSync(join(dir, 'y_test.npy'), encodeNpy(data.yTest));

const t0 = performance.now();
const ours = await sweep(HIDDEN_VARIABLES, EPOCHS, { threads });
const gradkitSeconds = (performance.now() - t0) / 1000;
const trainSeconds = ours.reduce((s, r) => s + r.seconds, 0);
console.log(
  `gradkit  ${gradkitSeconds.toFixed(2).padStart(8)} s  (${threads} worker threads; ${trainSeconds.toFixed(1)} s of training summed over the widths)`,
);

const python =
  process.env.GRADKIT_BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const script = fileURLToPath(new URL('./double_descent_torch.py', import.meta.url));
/** The notebook's loop in PyTorch: `threads` undefined = PyTorch's default intra-op threads. */
function torchRun(torchThreads?: number): { seconds: number; threads: number; torch: string } | string {
  const args = [script, dir, HIDDEN_VARIABLES.join(','), String(EPOCHS)];
  if (torchThreads !== undefined) args.push(String(torchThreads));
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0)
    return `${python} exited with ${r.status} (${(r.stderr ?? '').trim().split('\n').pop()})`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
// PyTorch's default may be one thread (OpenMP's count on this machine): also run it on every core
const torchRuns = [torchRun(), torchRun(threads)];
rmSync(dir, { recursive: true, force: true });
let best: number | null = null;
for (const t of torchRuns) {
  if (typeof t === 'string') {
    console.log(`PyTorch  not run: ${t}`);
    continue;
  }
  console.log(
    `PyTorch  ${t.seconds.toFixed(2).padStart(8)} s  (torch ${t.torch}, ${t.threads} intra-op thread${t.threads > 1 ? 's' : ''})`,
  );
  best = Math.min(best ?? Number.POSITIVE_INFINITY, t.seconds);
}
if (best !== null)
  console.log(
    `ratio gradkit / PyTorch (its faster thread count): ${(gradkitSeconds / best).toFixed(2)}x (goal ≤ 1.0x)`,
  );
console.log(`load average ${loadAverage()} after`);
