/** One affine layer on rows: x Wᵀ + b. */
function affine(x: number[][], w: number[][], b: number[]): number[][] {
  return x.map((row) => w.map((wRow, o) => wRow.reduce((s, wij, i) => s + wij * row[i]!, b[o]!)));
}

const reluRows = (x: number[][]) => x.map((row) => row.map((v) => Math.max(0, v)));

/** Mean over the rows of each column. */
function columnMeans(h: number[][]): number[] {
  const n = h.length;
  return h[0]!.map((_, d) => h.reduce((s, row) => s + row[d]!, 0) / n);
}

/** Biased variance over the rows of each column (np.var(h, axis=0)). */
function columnVariances(h: number[][]): number[] {
  const m = columnMeans(h);
  const n = h.length;
  return m.map((md, d) => h.reduce((s, row) => s + (row[d]! - md) ** 2, 0) / n);
}

export function batchNorm(h: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  // UDL 11.4: m_h and s_h² over the batch, normalize, then γ · ĥ + δ (PyTorch: ε inside the root)
  const m = columnMeans(h);
  const s2 = columnVariances(h);
  return h.map((row) => row.map((v, d) => (gamma[d]! * (v - m[d]!)) / Math.sqrt(s2[d]! + eps) + beta[d]!));
}

/** print_variance: the mean over units of the variance over the batch. */
function neuronVariance(h: number[][]): number {
  const v = columnVariances(h);
  return v.reduce((a, b) => a + b, 0) / v.length;
}

export function residualNetworkWithBatchNorm(
  x: number[][],
  params: { weights: number[][][]; biases: number[][]; gamma: number[][]; beta: number[][] },
): { output: number[][]; variances: number[] } {
  const { weights: W, biases: b, gamma, beta } = params;
  const f = affine(x, W[0]!, b[0]!);
  const variances = [neuronVariance(x), neuronVariance(f)];
  let res = f;
  for (let k = 1; k <= 5; k++) {
    const branch = affine(reluRows(batchNorm(res, gamma[k - 1]!, beta[k - 1]!, 1e-5)), W[k]!, b[k]!);
    res = res.map((row, i) => row.map((v, j) => v + branch[i]![j]!));
    variances.push(neuronVariance(res));
  }
  return { output: affine(res, W[6]!, b[6]!), variances };
}
