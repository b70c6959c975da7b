export function autocorr(dydx: number[]): number[] {
  // np.correlate(dydx, dydx, mode='same'): lag 0 at index floor(N / 2)
  const n = dydx.length;
  const left = Math.floor(n / 2);
  return Array.from({ length: n }, (_, j) => {
    const k = j - left;
    let s = 0;
    for (let i = Math.max(0, -k); i < Math.min(n, n - k); i++) s += dydx[i + k]! * dydx[i]!;
    return s;
  });
}

export function inputOutputGradient(x: number[], weights: number[][][], biases: number[][][]): number[] {
  const K = weights.length - 1;
  const n = x.length;
  // forward pass, keeping the pre-activations f_k ([D_k+1][N])
  const allF: number[][][] = [];
  let h: number[][] = [x];
  for (let k = 0; k <= K; k++) {
    const f = weights[k]!.map((row, i) =>
      Array.from({ length: n }, (_, c) => {
        let s = biases[k]![i]![0]!;
        for (let j = 0; j < row.length; j++) s += row[j]! * h[j]![c]!;
        return s;
      }),
    );
    allF.push(f);
    h = f.map((r) => r.map((v) => Math.max(0, v)));
  }
  // backward pass from dy/df_K = 1
  let dlDf: number[][] = allF[K]!.map((r) => r.map(() => 1));
  let dlDh: number[][] = dlDf;
  for (let k = K; k >= 0; k--) {
    const w = weights[k]!;
    dlDh = w[0]!.map((_, j) =>
      Array.from({ length: n }, (_, c) => {
        let s = 0;
        for (let i = 0; i < w.length; i++) s += w[i]![j]! * dlDf[i]![c]!;
        return s;
      }),
    );
    if (k > 0) dlDf = dlDh.map((r, i) => r.map((v, c) => (allF[k - 1]![i]![c]! >= 0 ? v : 0)));
  }
  return dlDh[0]!;
}
