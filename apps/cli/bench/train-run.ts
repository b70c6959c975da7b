/**
 * One gradkit training run in its own process, as `gradkit train` runs one (the PyTorch baseline
 * also gets a fresh process per run): used by `bench/index.ts`. The run is the Coursework II
 * lesson's `trainModel`, the code of `gradkit train` and `gradkit run coursework-ii`.
 *
 *   node --conditions=@gradkit/source --import tsx apps/cli/bench/train-run.ts DATA_DIR mlp|cnn EPOCHS SEED
 *
 * Prints one JSON line: {"seconds", "cpuSeconds" (process CPU time during training), "valError",
 * "maxRssMiB" (peak resident memory of the whole process), "rssBeforeMiB" (before training),
 * "fma" (whether core's relaxed-SIMD build runs)}. `bench/index.ts` starts it with
 * `--experimental-wasm-relaxed-simd` on Node 20, as `gradkit` turns that on for itself.
 */
import { wasmFma } from '@gradkit/core';
import { RECIPE, trainModel } from '@gradkit/course/lessons/coursework-ii/notebook';
import { loadTrainData } from '../src/coursework.js';

const [dir, model, epochs, seed] = process.argv.slice(2);
if (!dir || (model !== 'mlp' && model !== 'cnn'))
  throw new Error('usage: train-run.ts DATA_DIR mlp|cnn EPOCHS SEED');
const data = loadTrainData({ dataset: 'course', data: dir });
const rssBefore = process.resourceUsage().maxRSS;
const c0 = process.cpuUsage();
const run = await trainModel(data, { ...RECIPE, model, epochs: Number(epochs ?? 50) }, Number(seed ?? 1));
const c1 = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    seconds: run.seconds,
    cpuSeconds: (c1.user + c1.system) / 1e6,
    valError: run.history[run.history.length - 1]?.valError ?? null,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    rssBeforeMiB: rssBefore / 1024,
    fma: wasmFma(),
  }),
);
