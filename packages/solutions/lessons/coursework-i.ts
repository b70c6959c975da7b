import { noGrad, tensor } from '@gradkit/core';
import { Linear, type Module, ReLU, Sequential, Sigmoid, Tanh } from '@gradkit/nn';

export function parameterCount(sizes: number[]): number {
  let total = 0;
  // a linear layer from a to b units: a b × a weight matrix and a bias of b
  for (let i = 0; i + 1 < sizes.length; i++) total += (sizes[i]! + 1) * sizes[i + 1]!;
  return total;
}

export function buildMlp(sizes: number[], activation: 'relu' | 'tanh' | 'sigmoid'): Module {
  const act = () => (activation === 'relu' ? new ReLU() : activation === 'tanh' ? new Tanh() : new Sigmoid());
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    if (i > 0) layers.push(act()); // between linear layers, never after the last
    layers.push(new Linear(sizes[i]!, sizes[i + 1]!));
  }
  return new Sequential(...layers);
}

export interface MlpRun {
  shapes: number[][];
  output: number[][] | null;
}

// the starter's runMlp, unchanged
export function runMlp(
  sizes: number[],
  activation: 'relu' | 'tanh' | 'sigmoid',
  params: { shape: number[]; values: number[] }[],
  x: number[][],
): MlpRun {
  const net = buildMlp(sizes, activation);
  const ps = net.parameters();
  const shapes = ps.map((p) => [...p.shape]);
  const fits =
    ps.length === params.length && ps.every((p, i) => p.shape.join(',') === params[i]!.shape.join(','));
  if (!fits) return { shapes, output: null };
  noGrad(() => ps.forEach((p, i) => p.data.set(params[i]!.values)));
  const out = noGrad(() => net.eval().call(tensor(x, { dtype: ps[0]?.dtype ?? 'float32' })));
  return { shapes, output: out.toArray() as number[][] };
}
