export function hiddenStds(x: number[][], weights: number[][][], biases: number[][][]): number[] {
  const K = weights.length - 1;
  const n = x[0]!.length;
  const stds: number[] = [];
  let h = x;
  for (let k = 0; k < K; k++) {
    const w = weights[k]!;
    h = w.map((row, i) =>
      Array.from({ length: n }, (_, c) => {
        let f = biases[k]![i]![0]!;
        for (let j = 0; j < row.length; j++) f += row[j]! * h[j]![c]!;
        return Math.max(0, f);
      }),
    );
    const values = h.flat();
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    stds.push(Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length));
  }
  return stds;
}

export function stableSigmaSqOmega(D: number): number {
  // He initialization: each ReLU layer scales the variance by D * sigma² / 2
  return 2 / D;
}
