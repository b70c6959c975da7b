/** The zero-padded convolution written as the notebook's loops: output i reads x[s·i + d·(k − ⌊K/2⌋)]. */
function convZp(
  xIn: readonly number[],
  omega: readonly number[],
  nOut: number,
  stride: number,
  dilation: number,
) {
  const half = Math.floor(omega.length / 2);
  const out: number[] = [];
  for (let i = 0; i < nOut; i++) {
    let s = 0;
    for (let k = 0; k < omega.length; k++) {
      const pos = stride * i + dilation * (k - half);
      if (pos >= 0 && pos < xIn.length) s += omega[k]! * xIn[pos]!;
    }
    out.push(s);
  }
  return out;
}

export function conv3_1_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return convZp(xIn, omega, xIn.length, 1, 1);
}

export function conv3_2_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return convZp(xIn, omega, Math.ceil(xIn.length / 2), 2, 1);
}

export function conv5_1_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return convZp(xIn, omega, xIn.length, 1, 1);
}

export function conv3_1_2Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return convZp(xIn, omega, xIn.length, 1, 2);
}

export function getConvMat3_1_1Zp(nOut: number, omega: readonly number[]): number[][] {
  const m: number[][] = [];
  for (let i = 0; i < nOut; i++) {
    const row = new Array<number>(nOut).fill(0);
    for (let k = 0; k < 3; k++) {
      const j = i + k - 1;
      if (j >= 0 && j < nOut) row[j] = omega[k]!;
    }
    m.push(row);
  }
  return m;
}
