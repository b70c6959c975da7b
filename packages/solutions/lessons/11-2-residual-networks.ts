export interface LayerParams {
  weight: number[][];
  bias: number[];
}

export interface NetworkParams {
  linear1: LayerParams;
  linear2: LayerParams;
  linear3: LayerParams;
  linear4: LayerParams;
}

/** x Wᵀ + b on rows. */
function linearRows(x: number[][], p: LayerParams): number[][] {
  return x.map((row) => p.weight.map((w, i) => w.reduce((s, wij, j) => s + wij * row[j]!, p.bias[i]!)));
}

const relu = (x: number[][]) => x.map((r) => r.map((v) => Math.max(0, v)));
const add = (a: number[][], b: number[][]) => a.map((r, i) => r.map((v, j) => v + b[i]![j]!));

export function residualBlock(h: number[][], layer: LayerParams): number[][] {
  // figure 11.5b: ReLU, then linear, added to the block's input
  return add(h, linearRows(relu(h), layer));
}

export function residualNetwork(x: number[][], params: NetworkParams): number[][] {
  const h1 = linearRows(x, params.linear1);
  const h2 = residualBlock(h1, params.linear2);
  const h3 = residualBlock(h2, params.linear3);
  return linearRows(h3, params.linear4);
}
