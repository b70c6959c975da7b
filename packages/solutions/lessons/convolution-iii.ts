/** A valid 2-D cross-correlation of `x` [C][H][W] with `w` [O][C][K][K] plus `b` [O]: [O][H−K+1][W−K+1]. */
function conv(x: number[][][], w: number[][][][], b: number[]): number[][][] {
  const k = w[0]![0]!.length;
  const oh = x[0]!.length - k + 1;
  const ow = x[0]![0]!.length - k + 1;
  return w.map((wo, o) =>
    Array.from({ length: oh }, (_, i) =>
      Array.from({ length: ow }, (_, j) => {
        let s = b[o]!;
        wo.forEach((wc, c) => {
          for (let m = 0; m < k; m++) for (let n = 0; n < k; n++) s += wc[m]![n]! * x[c]![i + m]![j + n]!;
        });
        return s;
      }),
    ),
  );
}

/** 2×2 max pooling (an odd last row or column dropped), then ReLU. */
function poolRelu(x: number[][][]): number[][][] {
  return x.map((plane) =>
    Array.from({ length: Math.floor(plane.length / 2) }, (_, i) =>
      Array.from({ length: Math.floor(plane[0]!.length / 2) }, (_, j) =>
        Math.max(
          0,
          plane[2 * i]![2 * j]!,
          plane[2 * i]![2 * j + 1]!,
          plane[2 * i + 1]![2 * j]!,
          plane[2 * i + 1]![2 * j + 1]!,
        ),
      ),
    ),
  );
}

/** x Wᵀ + b for one example. */
const affine = (x: number[], w: number[][], b: number[]) =>
  w.map((row, o) => row.reduce((s, wi, i) => s + wi * x[i]!, b[o]!));

export function net(
  x: number[][][][],
  params: {
    conv1Weight: number[][][][];
    conv1Bias: number[];
    conv2Weight: number[][][][];
    conv2Bias: number[];
    fc1Weight: number[][];
    fc1Bias: number[];
    fc2Weight: number[][];
    fc2Bias: number[];
  },
): number[][] {
  return x.map((image) => {
    let h = poolRelu(conv(image, params.conv1Weight, params.conv1Bias)); // 28 -> 24 -> 12
    h = poolRelu(conv(h, params.conv2Weight, params.conv2Bias)); // 12 -> 8 -> 4; dropout: identity in eval
    const flat = h.flat(2); // 20 * 4 * 4 = 320
    const hidden = affine(flat, params.fc1Weight, params.fc1Bias).map((v) => Math.max(0, v));
    const z = affine(hidden, params.fc2Weight, params.fc2Bias);
    const zmax = Math.max(...z);
    const lse = zmax + Math.log(z.reduce((s, v) => s + Math.exp(v - zmax), 0));
    return z.map((v) => v - lse); // log-softmax
  });
}

export function flattenedSize(height: number, width: number): number {
  // valid 5x5 convolution: n -> n - 4; 2x2 max pooling: n -> floor(n / 2)
  const side = (n: number) => Math.floor((Math.floor((n - 4) / 2) - 4) / 2);
  return 20 * side(height) * side(width);
}
