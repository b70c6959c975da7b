/**
 * @gradkit/conv benchmark: the im2col fast path against the notebook-style loop reference and,
 * where installed, PyTorch 1.13 (one thread), for the MNIST-1D conv stack of figure 10.7
 * (batch 100) and a 2-D case (batch 8, 3→16 channels, 32×32, k=3). Ratios measured in one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { maximum, noGrad, Tensor } from '@gradkit/core';
import { conv1d, conv2d, conv2dReference } from '../src/index.js';

function best(fn: () => void, reps: number): number {
  fn();
  let b = Infinity;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    b = Math.min(b, performance.now() - t);
  }
  return b / 1000;
}
let seed = 1;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const randT = (shape: number[], requiresGrad = false) => {
  const t = new Tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, rnd),
    shape,
    'float32',
  );
  return requiresGrad ? t.requiresGrad_() : t;
};

const x = randT([100, 1, 40]);
const ws = [randT([15, 1, 3], true), randT([15, 15, 3], true), randT([15, 15, 3], true)];
const stack = () => {
  let h = x;
  for (const w of ws) h = maximum(conv1d(h, w, { stride: 2 }), 0);
  return h;
};
const x2 = randT([8, 3, 32, 32]);
const w2 = randT([16, 3, 3, 3], true);
const seedOf = (t: Tensor) => new Tensor(new Float32Array(t.size).fill(1), t.shape, 'float32');

const r: Record<string, number> = {};
r.mnist1d_forward = best(() => noGrad(stack), 30);
r.mnist1d_forward_backward = best(() => {
  const y = stack();
  y.backward(seedOf(y));
}, 30);
r.conv2d_forward = best(() => noGrad(() => conv2d(x2, w2, { padding: 1 })), 30);
r.conv2d_forward_backward = best(() => {
  const y = conv2d(x2, w2, { padding: 1 });
  y.backward(seedOf(y));
}, 30);
r.conv2d_reference = best(() => conv2dReference(x2, w2.detach(), { padding: 1 }), 3);

let torch: Record<string, number> | null = null;
const py = '/usr/bin/python3';
if (existsSync(py)) {
  const p = spawnSync(py, [fileURLToPath(new URL('./torch_conv.py', import.meta.url))], { encoding: 'utf8' });
  if (p.status === 0) torch = JSON.parse(p.stdout);
}
const ms = (s: number) => `${(s * 1000).toFixed(3)} ms`;
console.log('case                         gradkit      PyTorch(1 thread)  gradkit/PyTorch');
for (const k of [
  'mnist1d_forward',
  'mnist1d_forward_backward',
  'conv2d_forward',
  'conv2d_forward_backward',
]) {
  const t = torch?.[k];
  console.log(
    `${k.padEnd(28)} ${ms(r[k]!).padEnd(12)} ${t ? ms(t).padEnd(18) : 'not installed'.padEnd(18)} ${t ? (r[k]! / t).toFixed(2) + 'x' : ''}`,
  );
}
console.log(
  `conv2d loop reference ${ms(r.conv2d_reference!)}; fast path is ${(r.conv2d_reference! / r.conv2d_forward!).toFixed(1)}x faster`,
);
