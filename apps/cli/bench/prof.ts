/**
 * Quick measurement of one coursework run (no PyTorch): `node --conditions=@gradkit/source --import tsx
 * bench/prof.ts [mlp|cnn] [epochs]` prints wall and CPU seconds, the final validation error and a
 * fingerprint of the final parameters (sum of their float32/float64 bit patterns as unsigned
 * integers, and a SHA-1 of their bytes), so a performance change can be checked for bit-identical
 * results. Add `--cpu-prof` to node's flags for a profile.
 */
import { createHash } from 'node:crypto';
import { RECIPE, trainModel } from '@gradkit/course/lessons/coursework-ii/notebook';
import { loadTrainData } from '../src/coursework.js';

const model = (process.argv[2] ?? 'mlp') as 'mlp' | 'cnn';
const epochs = Number(process.argv[3] ?? 50);
const data = loadTrainData({ dataset: 'course', data: '/work/shared/data/udl-cm20315' });
const c0 = process.cpuUsage();
const run = await trainModel(data, { ...RECIPE, model, epochs }, 1);
const c1 = process.cpuUsage(c0);
const hash = createHash('sha1');
let bits = 0n;
for (const p of run.model.parameters()) {
  const d = p.data;
  const bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  hash.update(bytes);
  const words =
    d instanceof Float64Array ? new BigUint64Array(d.slice().buffer) : new Uint32Array(d.slice().buffer);
  for (const w of words) bits += BigInt(w);
}
console.log(
  model,
  run.seconds.toFixed(2),
  's wall',
  ((c1.user + c1.system) / 1e6).toFixed(2),
  'cpu',
  run.history.at(-1)?.valError,
  'params',
  bits.toString(),
  hash.digest('hex').slice(0, 12),
);
