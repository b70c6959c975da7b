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
