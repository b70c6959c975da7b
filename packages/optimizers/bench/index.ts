/**
 * Optimizer step cost per parameter: one float32 tensor of 1e6 parameters, each optimizer's
 * `step()` against a plain `p -= lr * g` loop over the same arrays, measured in the same run.
 * Prints ns per parameter and the ratio to the plain loop (lower is better).
 *
 * Run: `node scripts/bench.mjs optimizers` (from the repo root).
 */
import { RandomState, Tensor } from '@gradkit/core';
import { Adagrad, Adam, AdamW, type Optimizer, plainUpdate, RMSprop, SGD } from '../src/index.js';

const N = 1_000_000;
const rng = new RandomState(0);
const init = Float32Array.from((rng.randn(N) as Tensor).data);
const gradData = Float32Array.from((rng.randn(N) as Tensor).data, (v) => v * 1e-3);

function timeIt(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 3; i++) fn(); // warm up
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    reps++;
    t = performance.now();
  }
  return (((t - t0) / reps) * 1e6) / N; // ns per parameter
}

const baseP = init.slice();
const baseline = timeIt(() => plainUpdate(baseP, gradData, 1e-6));

const cases: [string, (p: Tensor[]) => Optimizer<{ lr: number }>][] = [
  ['SGD', (p) => new SGD(p, { lr: 1e-6 })],
  ['SGD momentum 0.9', (p) => new SGD(p, { lr: 1e-6, momentum: 0.9 })],
  [
    'SGD nesterov + weightDecay',
    (p) => new SGD(p, { lr: 1e-6, momentum: 0.9, nesterov: true, weightDecay: 1e-4 }),
  ],
  ['Adagrad', (p) => new Adagrad(p, { lr: 1e-6 })],
  ['RMSprop', (p) => new RMSprop(p, { lr: 1e-6 })],
  ['RMSprop centered + momentum', (p) => new RMSprop(p, { lr: 1e-6, centered: true, momentum: 0.9 })],
  ['Adam', (p) => new Adam(p, { lr: 1e-6 })],
  ['Adam amsgrad', (p) => new Adam(p, { lr: 1e-6, amsgrad: true })],
  ['AdamW', (p) => new AdamW(p, { lr: 1e-6 })],
];

console.log(
  `optimizer step, float32, ${N.toExponential(0)} parameters (ns/parameter; ratio to plain p -= lr*g)`,
);
console.log(`${'plain p -= lr * g'.padEnd(30)} ${baseline.toFixed(2).padStart(7)} ns  1.00x`);
for (const [name, make] of cases) {
  const p = new Tensor(init.slice(), [N], 'float32');
  const opt = make([p]);
  p.grad = new Tensor(gradData, [N], 'float32');
  const ns = timeIt(() => opt.step());
  console.log(`${name.padEnd(30)} ${ns.toFixed(2).padStart(7)} ns  ${(ns / baseline).toFixed(2)}x`);
}
