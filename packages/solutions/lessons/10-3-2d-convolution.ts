export function conv2d(image: number[][], weights: number[][], pad: number): number[][] {
  const h = image.length;
  const w = image[0]!.length;
  const kh = weights.length;
  const kw = weights[0]!.length;
  const pixel = (y: number, x: number) =>
    y < pad || x < pad || y >= h + pad || x >= w + pad ? 0 : image[y - pad]![x - pad]!;
  const out: number[][] = [];
  for (let y = 0; y < h + 2 * pad - kh + 1; y++) {
    const row: number[] = [];
    for (let x = 0; x < w + 2 * pad - kw + 1; x++) {
      let s = 0;
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) s += pixel(y + i, x + j) * weights[i]![j]!;
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** Zero-pads one channel by `pad` on every side. */
function padded(channel: number[][], pad: number): number[][] {
  const w = channel[0]!.length + 2 * pad;
  const zeros = () => new Array<number>(w).fill(0);
  return [
    ...Array.from({ length: pad }, zeros),
    ...channel.map((row) => [...new Array<number>(pad).fill(0), ...row, ...new Array<number>(pad).fill(0)]),
    ...Array.from({ length: pad }, zeros),
  ];
}

export function conv2dChannels(
  image: number[][][],
  weights: number[][][][],
  stride: number,
  pad: number,
): number[][][] {
  const img = image.map((c) => padded(c, pad));
  const [hIn, wIn] = [img[0]!.length, img[0]![0]!.length];
  const [kh, kw] = [weights[0]![0]!.length, weights[0]![0]![0]!.length];
  const hOut = Math.floor(1 + (hIn - kh) / stride);
  const wOut = Math.floor(1 + (wIn - kw) / stride);
  return weights.map((wo) => {
    const out: number[][] = [];
    for (let y = 0; y < hOut; y++) {
      const row: number[] = [];
      for (let x = 0; x < wOut; x++) {
        let s = 0;
        for (let c = 0; c < img.length; c++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++) s += img[c]![y * stride + i]![x * stride + j]! * wo[c]![i]![j]!;
        row.push(s);
      }
      out.push(row);
    }
    return out;
  });
}

export function conv2dStride(
  image: number[][],
  weights: number[][],
  stride: number,
  pad: number,
): number[][] {
  return conv2dChannels([image], [[weights]], stride, pad)[0]!;
}

export function conv2dBatch(
  images: number[][][][],
  weights: number[][][][],
  stride: number,
  pad: number,
): number[][][][] {
  return images.map((image) => conv2dChannels(image, weights, stride, pad));
}
