/**
 * Notebook 10.5's training (`gradkit run 10-5-convolution-for-mnist`) against the notebook's own
 * PyTorch loop (`convolution_for_mnist_torch.py`, spawned with `/usr/bin/python3`, or
 * `$GRADKIT_BENCH_PYTHON`), on the same data and the same machine, in one run:
 *
 *   npx tsx --conditions @gradkit/source packages/course/bench/convolution_for_mnist.ts
 *
 * One epoch of the notebook's minimal CNN (conv 3×3 1→2, Dropout2d, max pool, ReLU, Linear(338,
 * 10), log-softmax; SGD lr 0.01 momentum 0.5, shuffled batches of 64) over the 8,000 normalized
 * training digits of `loadMnistDigits` (MNIST offline); each side trains `EPOCHS` epochs (default
 * 3, `GRADKIT_BENCH_EPOCHS`) and the fastest epoch counts. PyTorch runs on its default intra-op
 * threads and on one (the faster is the baseline); gradkit runs on one thread. Wall and process
 * CPU seconds are both reported: on a shared machine other jobs take the cores from both, and the
 * CPU seconds are then the steadier comparison. The load average is printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomState } from '@gradkit/core';
import { DataLoader, encodeNpy, TensorDataset } from '@gradkit/datasets';
import { nllLoss } from '@gradkit/losses';
import { SGD } from '@gradkit/optimizers';
import {
  Net,
  normalize,
  notebookData,
  SETTINGS,
  weightsInit,
} from '../lessons/10-5-convolution-for-mnist/notebook.js';
import { loadAverage, machineLine } from './machine.js';

const EPOCHS = Number(process.env.GRADKIT_BENCH_EPOCHS ?? 3);

const data = await notebookData();
const x = normalize(data.train.images);
const y = data.train.labels;
console.log(
  `10.5 convolution for MNIST: one epoch of ${y.size} digits in batches of ${SETTINGS.batchSizeTrain} (best of ${EPOCHS})`,
);
console.log(machineLine());

const dir = mkdtempSync(join(tmpdir(), 'gradkit-bench-10-5-'));
writeFileSync(join(dir, 'x.npy'), encodeNpy(x));
writeFileSync(join(dir, 'y.npy'), encodeNpy(y));

// gradkit: the notebook's training loop (notebook.ts trainNotebook, without the tests)
const rng = new RandomState(SETTINGS.seed);
const model = new Net({ rng });
weightsInit(model, rng);
const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
const loader = new DataLoader({
  dataset: new TensorDataset(x, y),
  batchSize: SETTINGS.batchSizeTrain,
  shuffle: true,
  rng,
});
const ours: number[] = [];
const oursCpu: number[] = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const t0 = performance.now();
  const c0 = cpuNow();
  model.train();
  let batchIdx = 0;
  for (const [xb, yb] of loader) {
    optimizer.zeroGrad();
    const loss = nllLoss(model.call(xb), yb);
    loss.backward();
    optimizer.step();
    if (batchIdx++ % 10 === 0) loss.item(); // the notebook prints it
  }
  ours.push((performance.now() - t0) / 1000);
  oursCpu.push(cpuNow() - c0);
}
const gradkitSeconds = Math.min(...ours);
const gradkitCpu = Math.min(...oursCpu);
console.log(
  `gradkit  ${gradkitSeconds.toFixed(3).padStart(8)} s per epoch, ${gradkitCpu.toFixed(3)} CPU s  (epochs: ${ours.map((s) => s.toFixed(3)).join(', ')})`,
);

const python =
  process.env.GRADKIT_BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const script = fileURLToPath(new URL('./convolution_for_mnist_torch.py', import.meta.url));
function torchRun(
  threads?: number,
): { epochs: number[]; cpu: number[]; threads: number; torch: string } | string {
  const args = [script, dir, String(EPOCHS)];
  if (threads !== undefined) args.push(String(threads));
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0)
    return `${python} exited with ${r.status} (${(r.stderr ?? '').trim().split('\n').pop()})`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
const runs = [torchRun(), torchRun(1)];
rmSync(dir, { recursive: true, force: true });
let best: number | null = null;
let bestCpu: number | null = null;
for (const t of runs) {
  if (typeof t === 'string') {
    console.log(`PyTorch  not run: ${t}`);
    continue;
  }
  const s = Math.min(...t.epochs);
  const c = Math.min(...t.cpu);
  console.log(
    `PyTorch  ${s.toFixed(3).padStart(8)} s per epoch, ${c.toFixed(3)} CPU s  (torch ${t.torch}, ${t.threads} intra-op thread${t.threads > 1 ? 's' : ''}; epochs: ${t.epochs.map((e) => e.toFixed(3)).join(', ')})`,
  );
  best = Math.min(best ?? Number.POSITIVE_INFINITY, s);
  bestCpu = Math.min(bestCpu ?? Number.POSITIVE_INFINITY, c);
}
if (best !== null && bestCpu !== null)
  console.log(
    `ratio gradkit / PyTorch (its faster thread count): ${(gradkitSeconds / best).toFixed(2)}x wall, ${(gradkitCpu / bestCpu).toFixed(2)}x CPU (goal ≤ 1.0x)`,
  );
console.log(`load average ${loadAverage()} after`);
