// Cases of kernels-fma.test.ts, shared with its child process gemm-fma-child.ts: float32 GEMMs
// covering every layout, tails of the 6×8 FMA tile (and the plain 4×8 one) in m and n, several KC
// (256) blocks of k, more than one MC block of rows and NC (1024) block of columns, and both
// accumulate modes. Operands are a deterministic function of the case, so both processes build
// the same ones.
import type { GemmLayout } from '../src/kernels/index.js';

export interface GemmCase {
  layout: GemmLayout;
  m: number;
  k: number;
  n: number;
  accumulate: boolean;
}

export const cases: GemmCase[] = [
  { layout: 'NN', m: 1, k: 1, n: 1, accumulate: false },
  { layout: 'NN', m: 7, k: 5, n: 3, accumulate: false },
  { layout: 'NT', m: 13, k: 300, n: 9, accumulate: true },
  { layout: 'TN', m: 193, k: 17, n: 29, accumulate: false },
  { layout: 'NN', m: 6, k: 260, n: 8, accumulate: true },
  { layout: 'NT', m: 37, k: 64, n: 1030, accumulate: false },
  { layout: 'TN', m: 50, k: 513, n: 12, accumulate: true },
  { layout: 'NN', m: 200, k: 70, n: 100, accumulate: false },
  { layout: 'NT', m: 11, k: 4, n: 14, accumulate: true },
];

/** A, B (stored as the layout says) and the initial C of case `idx`: values in (-1, 1). */
export function operands(idx: number): { a: Float32Array; b: Float32Array; c: Float32Array } {
  const { m, k, n } = cases[idx]!;
  const fill = (len: number, seed: number) =>
    Float32Array.from({ length: len }, (_, i) => Math.sin(0.731 * i + seed) * Math.cos(0.017 * i));
  return { a: fill(m * k, idx + 0.5), b: fill(k * n, 2 * idx + 1.25), c: fill(m * n, 3 * idx + 2) };
}
