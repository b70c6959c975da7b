import { RandomState } from '@gradkit/core';
import { GELU, LeakyReLU, Linear, type Module, ReLU, Sequential } from '@gradkit/nn';

// Coursework I may change only the model: depth, widths and activations. An MLP builder and the
// parameter count of a few candidates (the baseline 40-100-100-10 with ReLU has 15 210).
function mlp(widths: number[], activation: () => Module, rng: RandomState): Sequential {
  const layers: Module[] = [];
  for (let k = 0; k + 1 < widths.length; k++) {
    layers.push(new Linear(widths[k]!, widths[k + 1]!, { rng }));
    if (k + 2 < widths.length) layers.push(activation());
  }
  return new Sequential(...layers);
}
const rng = new RandomState(0);
const candidates: [string, number[], () => Module][] = [
  ['baseline, ReLU', [40, 100, 100, 10], () => new ReLU()],
  ['wider, ReLU', [40, 200, 200, 10], () => new ReLU()],
  ['deeper, leaky ReLU', [40, 100, 100, 100, 10], () => new LeakyReLU(0.1)],
  ['baseline, GELU', [40, 100, 100, 10], () => new GELU()],
];
for (const [name, widths, act] of candidates) {
  const model = mlp(widths, act, rng);
  const n = model.parameters().reduce((s, p) => s + p.size, 0);
  console.log(`${name.padEnd(20)} ${widths.join('-').padEnd(18)} ${n} parameters`);
}
