// Reference solutions of lesson 10-4-downsampling-and-upsampling (UDL notebook 10.4): the six
// TODO functions written as the notebook's loops.

/** A `h × w` array of zeros (the notebook's `np.zeros((h, w))`). */
function zeros(h: number, w: number): number[][] {
  return Array.from({ length: h }, () => new Array<number>(w).fill(0));
}

export function downsample(xIn: number[][]): number[][] {
  const h = Math.ceil(xIn.length / 2);
  const w = Math.ceil(xIn[0]!.length / 2);
  const out = zeros(h, w);
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[i]![j] = xIn[2 * i]![2 * j]!;
  return out;
}

export function maxpool(xIn: number[][]): number[][] {
  const h = Math.floor(xIn.length / 2);
  const w = Math.floor(xIn[0]!.length / 2);
  const out = zeros(h, w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++)
      out[i]![j] = Math.max(
        xIn[2 * i]![2 * j]!,
        xIn[2 * i]![2 * j + 1]!,
        xIn[2 * i + 1]![2 * j]!,
        xIn[2 * i + 1]![2 * j + 1]!,
      );
  return out;
}

export function meanpool(xIn: number[][]): number[][] {
  const h = Math.floor(xIn.length / 2);
  const w = Math.floor(xIn[0]!.length / 2);
  const out = zeros(h, w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++)
      out[i]![j] =
        (xIn[2 * i]![2 * j]! +
          xIn[2 * i]![2 * j + 1]! +
          xIn[2 * i + 1]![2 * j]! +
          xIn[2 * i + 1]![2 * j + 1]!) /
        4;
  return out;
}

export function duplicate(xIn: number[][]): number[][] {
  const h = 2 * xIn.length;
  const w = 2 * xIn[0]!.length;
  const out = zeros(h, w);
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[i]![j] = xIn[i >> 1]![j >> 1]!;
  return out;
}

export function maxUnpool(xIn: number[][], xHighRes: number[][]): number[][] {
  const out = zeros(2 * xIn.length, 2 * xIn[0]!.length);
  for (let i = 0; i < xIn.length; i++)
    for (let j = 0; j < xIn[0]!.length; j++) {
      // np.argmax of the block: the first maximum in reading order
      let best = [0, 0];
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++)
          if (xHighRes[2 * i + a]![2 * j + b]! > xHighRes[2 * i + best[0]!]![2 * j + best[1]!]!)
            best = [a, b];
      out[2 * i + best[0]!]![2 * j + best[1]!] = xIn[i]![j]!;
    }
  return out;
}

export function bilinear(xIn: number[][]): number[][] {
  const xInPad: number[][] = Array.from({ length: xIn.length + 1 }, (_, i) =>
    Array.from({ length: xIn[0]!.length + 1 }, (_, j) => xIn[i]?.[j] ?? 0),
  );
  const out = zeros(2 * xIn.length, 2 * xIn[0]!.length);
  for (let i = 0; i < out.length; i++)
    for (let j = 0; j < out[0]!.length; j++) {
      const i0 = Math.floor(i / 2);
      const i1 = Math.ceil(i / 2);
      const j0 = Math.floor(j / 2);
      const j1 = Math.ceil(j / 2);
      out[i]![j] = (xInPad[i0]![j0]! + xInPad[i1]![j0]! + xInPad[i0]![j1]! + xInPad[i1]![j1]!) / 4;
    }
  return out;
}
