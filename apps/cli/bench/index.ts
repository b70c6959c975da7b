/**
 * `pnpm bench cli`: seconds for the 50-epoch coursework runs (`gradkit train` recipe, MLP and
 * figure 10.7 CNN) against PyTorch 1.13 with one thread on the same data in the same run
 * (apps/cli/bench/coursework_torch.py mirrors the notebooks' loop). Data: the course files when
 * ../shared/data/udl-cm20315 exists, else generated MNIST-1D written in the course layout.
 * Each run, gradkit's and PyTorch's, is a fresh process (bench/train-run.ts, with the kernels
 * `gradkit train` loads: the relaxed-SIMD FMA build, unless `GRADKIT_WASM_FMA=0`, on Node 20 too;
 * the printed header says which: `trainModel` of the
 * Coursework II lesson, the code of `gradkit train`, which trains the network fused by
 * `fuseModules`: Linear → ReLU and Conv1d → ReLU as one layer each), as a user runs them; the
 * timing covers the training loop (50 epochs with the per-epoch full-set evaluation), not the
 * process start or data loading.
 * Prints gradkit seconds, PyTorch seconds and the ratio (> 1: gradkit slower), wall-clock and CPU
 * time (user + system of the whole process, all threads: steadier than wall-clock on a shared
 * machine), best of `BENCH_REPEATS` (default 1) alternating runs. `BENCH_EPOCHS` overrides the 50 epochs.
 * Memory: the peak resident set size of the gradkit MLP process (the value before training is
 * printed too) against the PyTorch process's peak (`getrusage`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpose } from '@gradkit/core';
import { makeMnist1d } from '@gradkit/datasets';
import { saveNpy } from '@gradkit/datasets/node';
import { defaultCourseDir, loadTrainData } from '../src/coursework.js';

const here = dirname(fileURLToPath(import.meta.url));
const epochs = Number(process.env.BENCH_EPOCHS ?? 50);
const repeats = Number(process.env.BENCH_REPEATS ?? 1);
const python = '/usr/bin/python3';

let dir = defaultCourseDir();
let tmp: string | undefined;
if (!dir) {
  tmp = mkdtempSync(join(tmpdir(), 'gradkit-bench-'));
  const d = makeMnist1d();
  saveNpy(join(tmp, 'train_data_x.npy'), transpose(d.x));
  saveNpy(join(tmp, 'train_data_y.npy'), d.y);
  saveNpy(join(tmp, 'val_data_x.npy'), transpose(d.xTest));
  saveNpy(join(tmp, 'val_data_y.npy'), d.yTest);
  dir = tmp;
}
const data = loadTrainData({ dataset: 'course', data: dir });
const hasTorch =
  existsSync(python) &&
  (() => {
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

console.log(
  `data: ${dir} (train ${data.x.shape[0]}, validation ${data.xVal.shape[0]}), ${epochs} epochs, batch 100, seed 1`,
);
const memory: string[] = [];
/** One gradkit run in a fresh Node process (same loader flags as this one). */
function gradkitRun(model: string): {
  seconds: number;
  cpuSeconds: number;
  valError: number;
  maxRssMiB: number;
  rssBeforeMiB: number;
  fma: boolean;
} {
  // the kernels `gradkit train` runs: apps/cli/src/main.ts turns relaxed SIMD on for itself on Node 20
  const relaxed = process.versions.node.split('.')[0] === '20' ? ['--experimental-wasm-relaxed-simd'] : [];
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, ...relaxed, join(here, 'train-run.ts'), dir!, model, String(epochs), '1'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}
console.log(
  'model   gradkit s   torch s   ratio   gradkit cpu s   torch cpu s   cpu ratio   gradkit val err   torch val err',
);
let kernels = '';
for (const model of ['mlp', 'cnn'] as const) {
  let torchRss = Number.NaN;
  let rss = Number.NaN;
  let rssBefore = Number.NaN;
  let best = Number.POSITIVE_INFINITY;
  let bestTorch = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  let cpuTorch = Number.POSITIVE_INFINITY;
  let val = Number.NaN;
  let torchVal = Number.NaN;
  for (let r = 0; r < repeats; r++) {
    const run = gradkitRun(model);
    best = Math.min(best, run.seconds);
    cpu = Math.min(cpu, run.cpuSeconds);
    val = run.valError ?? Number.NaN;
    rss = run.maxRssMiB;
    rssBefore = run.rssBeforeMiB;
    kernels = run.fma ? 'relaxed SIMD (FMA)' : 'plain SIMD';
    if (hasTorch) {
      const out = execFileSync(python, [join(here, 'coursework_torch.py'), dir, model, String(epochs), '1'], {
        encoding: 'utf8',
      });
      const t = JSON.parse(out.trim().split('\n').pop()!);
      bestTorch = Math.min(bestTorch, t.seconds);
      cpuTorch = Math.min(cpuTorch, t.cpuSeconds);
      torchVal = t.valError;
      torchRss = t.maxRssMiB;
    }
  }
  if (model === 'mlp')
    memory.push(
      `peak RSS, MLP run: gradkit ${rss.toFixed(0)} MiB (${rssBefore.toFixed(0)} MiB before training), PyTorch ${Number.isNaN(torchRss) ? 'n/a' : torchRss.toFixed(0)} MiB`,
    );
  const ratio = hasTorch ? (best / bestTorch).toFixed(2) : 'n/a';
  const cpuRatio = hasTorch ? (cpu / cpuTorch).toFixed(2) : 'n/a';
  const num = (v: number, w: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a').padStart(w);
  console.log(
    `${model.padEnd(5)} ${num(best, 11)} ${num(bestTorch, 9)} ${ratio.padStart(7)} ${num(cpu, 15)} ${num(cpuTorch, 13)} ${cpuRatio.padStart(11)} ${num(val, 17)} ${num(torchVal, 15)}`,
  );
}
for (const line of memory) console.log(line);
console.log(`gradkit kernels: ${kernels}, one thread, Node ${process.versions.node}`);
if (!hasTorch)
  console.log('(PyTorch not found at /usr/bin/python3: apt-get install python3-torch for the baseline)');
if (tmp) rmSync(tmp, { recursive: true, force: true });
