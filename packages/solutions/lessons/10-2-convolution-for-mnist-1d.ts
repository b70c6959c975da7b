/** A 'valid' convolution, kernel K, stride 2, of channels `h` `[C][L]` → `[O][⌊(L − K) / 2⌋ + 1]`, then ReLU. */
function convRelu(h: number[][], w: number[][][], b: number[]): number[][] {
  const k = w[0]![0]!.length;
  const lOut = Math.floor((h[0]!.length - k) / 2) + 1;
  return w.map((wo, o) => {
    const row: number[] = [];
    for (let i = 0; i < lOut; i++) {
      let s = b[o]!;
      for (let c = 0; c < h.length; c++) for (let j = 0; j < k; j++) s += wo[c]![j]! * h[c]![2 * i + j]!;
      row.push(Math.max(0, s));
    }
    return row;
  });
}

export function model(
  x: number[][],
  params: {
    conv1Weight: number[][][];
    conv1Bias: number[];
    conv2Weight: number[][][];
    conv2Bias: number[];
    conv3Weight: number[][][];
    conv3Bias: number[];
    linearWeight: number[][];
    linearBias: number[];
  },
): number[][] {
  const p = params;
  return x.map((signal) => {
    let h = convRelu([signal], p.conv1Weight, p.conv1Bias); // 15 × 19
    h = convRelu(h, p.conv2Weight, p.conv2Bias); // 15 × 9
    h = convRelu(h, p.conv3Weight, p.conv3Bias); // 15 × 4
    const flat = h.flat(); // channel by channel: 60
    return p.linearWeight.map((row, o) => row.reduce((s, v, i) => s + v * flat[i]!, p.linearBias[o]!));
  });
}
