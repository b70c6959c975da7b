/** One affine layer on rows: h Wᵀ + b. */
function affine(h: number[][], w: number[][], b: number[]): number[][] {
  return h.map((row) => w.map((wRow, o) => wRow.reduce((s, wij, i) => s + wij * row[i]!, b[o]!)));
}

export function deepNetwork(x: number[][], weights: number[][][], biases: number[][]): number[][] {
  let h = x;
  weights.forEach((w, k) => {
    h = affine(h, w, biases[k]!);
    if (k + 1 < weights.length) h = h.map((row) => row.map((v) => Math.max(0, v)));
  });
  return h;
}

/** Weights and biases of 40 → D → … → D → 10 with `layers` hidden layers. */
function parameters(layers: number, d: number): number {
  return 40 * d + d + (layers - 1) * (d * d + d) + 10 * d + 10;
}

export function matchingWidth(layers: number, target: number): number {
  let best = 1;
  for (let d = 2; parameters(layers, d - 1) < target; d++)
    if (Math.abs(parameters(layers, d) - target) < Math.abs(parameters(layers, best) - target)) best = d;
  return best;
}
