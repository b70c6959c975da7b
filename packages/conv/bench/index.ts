/**
 * @gradkit/conv benchmark: the fast path (im2col + GEMM on @gradkit/core's kernel layer)
 * against the readable loop reference (`conv1dReference` / `conv2dReference`, the definition it
 * is tested against) and, where installed, PyTorch 1.13 on one thread (`/usr/bin/python3` with
 * torch), for
 * - the MNIST-1D conv stack of figure 10.7 (three Conv1d k3 s2 with 15 channels + ReLU, batch 100;
 *   `conv1dRelu`, what a fused `ConvReLU1d` (`fuseModules`) runs, against PyTorch's `F.relu(F.conv1d(...))`),
 * - a 2-D case (batch 8, 3→16 channels, 32×32, k=3, padding 1),
 * - one SGD training step of Convolution III's MNIST network (batch 64, 28×28), fused (`fuseModules`).
 * All float32; best of several runs; every ratio is measured in this one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { noGrad, RandomState, Tensor } from '@gradkit/core';
import { nllLoss } from '@gradkit/losses';
import { fuseModules } from '@gradkit/nn';
import { conv1dReference, conv1dRelu, conv2d, conv2dReference, mnistConvNet } from '../src/index.js';

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
const rng = new RandomState(0);
const randT = (shape: number[], requiresGrad = false) => {
  const t = new Tensor(Float32Array.from((rng.randn(...shape) as Tensor).data), shape, 'float32');
  return requiresGrad ? t.requiresGrad_() : t;
};
const relu = (t: Tensor) => {
  const out = new Float32Array(t.size);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, t.data[i]!);
  return new Tensor(out, t.shape, 'float32');
};

const x = randT([100, 1, 40]);
const ws = [randT([15, 1, 3], true), randT([15, 15, 3], true), randT([15, 15, 3], true)];
const stack = () => {
  let h = x;
  for (const w of ws) h = conv1dRelu(h, w, { stride: 2 });
  return h;
};
const stackReference = () => {
  let h = x;
  for (const w of ws) h = relu(conv1dReference(h, w.detach(), { stride: 2 }));
  return h;
};
const x2 = randT([8, 3, 32, 32]);
const w2 = randT([16, 3, 3, 3], true);
const seedOf = (t: Tensor) => new Tensor(new Float32Array(t.size).fill(1), t.shape, 'float32');

const net = fuseModules(mnistConvNet({ rng: new RandomState(1) }));
const xm = new Tensor(
  Float32Array.from({ length: 64 * 784 }, () => rng.uniform() as number),
  [64, 1, 28, 28],
  'float32',
);
const ym = new Tensor(
  Int32Array.from({ length: 64 }, (_, i) => i % 10),
  [64],
  'int32',
);
const trainStep = () => {
  for (const p of net.parameters()) p.grad = null;
  nllLoss(net.call(xm), ym).backward();
  for (const p of net.parameters()) {
    const d = p.data;
    const g = p.grad!.data;
    for (let i = 0; i < d.length; i++) d[i] = d[i]! - 0.01 * g[i]!;
  }
};

const fast: Record<string, number> = {};
const reference: Record<string, number> = {};
fast.mnist1d_forward = best(() => noGrad(stack), 30);
reference.mnist1d_forward = best(stackReference, 5);
fast.mnist1d_forward_backward = best(() => {
  const y = stack();
  y.backward(seedOf(y));
}, 30);
fast.conv2d_forward = best(() => noGrad(() => conv2d(x2, w2, { padding: 1 })), 30);
reference.conv2d_forward = best(() => conv2dReference(x2, w2.detach(), { padding: 1 }), 3);
fast.conv2d_forward_backward = best(() => {
  const y = conv2d(x2, w2, { padding: 1 });
  y.backward(seedOf(y));
}, 30);
fast.mnist_convnet_train_step = best(trainStep, 10);

let torch: Record<string, number> | null = null;
const py = '/usr/bin/python3';
if (existsSync(py)) {
  const p = spawnSync(py, [fileURLToPath(new URL('./torch_conv.py', import.meta.url))], { encoding: 'utf8' });
  if (p.status === 0) torch = JSON.parse(p.stdout);
}
const ms = (s: number | undefined) => (s === undefined ? '-' : `${(s * 1000).toFixed(3)} ms`);
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
console.log(
  `${'case'.padEnd(26)} ${'fast path'.padEnd(11)} ${'loop ref'.padEnd(12)} ${'ref/fast'.padEnd(9)} ${'PyTorch(1t)'.padEnd(12)} fast/PyTorch`,
);
for (const k of Object.keys(fast)) {
  const t = torch?.[k];
  console.log(
    `${k.padEnd(26)} ${ms(fast[k]).padEnd(11)} ${ms(reference[k]).padEnd(12)} ${ratio(reference[k], fast[k]).padEnd(9)} ${(torch ? ms(t) : 'not installed').padEnd(12)} ${ratio(fast[k], t)}`,
  );
}
console.log(
  'ref/fast: how many times faster the fast path is than the loop reference (values only, no autograd).',
);
console.log('fast/PyTorch: gradkit time divided by PyTorch 1.13 time on one thread (lower is better).');
