import { afterAll, describe, expect, it } from 'vitest';
import {
  getNumThreads,
  initWasm,
  RandomState,
  setNumThreads,
  ValueError,
  withBackend,
} from '../src/index.js';
import { type FloatArray, type GemmLayout, gemm, PARALLEL_GEMM_MIN_WORK } from '../src/kernels/index.js';

// Worker-thread GEMM (Node): each element of C is summed by one thread in the single-thread
// order, so the threaded result must equal the one-thread result bit for bit.
await initWasm();

// one pool of uniform(-1, 1) draws; operands are windows of it at varying offsets
const pool = new RandomState(99).uniform(-1, 1, [600_000]).data as Float64Array;
let cursor = 0;
function random(T: typeof Float32Array | typeof Float64Array, n: number): FloatArray {
  if (cursor + n > pool.length) cursor = 0;
  const a = T.from(pool.subarray(cursor, cursor + n));
  cursor += 7919;
  return a;
}

/** Index of the first element where `x` and `y` differ (bit patterns, so NaN = NaN), or -1. */
function firstDifference(x: FloatArray, y: FloatArray): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

// above the threshold: bands of rows (m ≥ n) or of columns (m < n), with ragged last bands;
// and one below it (stays on the calling thread)
const shapes: [number, number, number][] = [
  [130, 128, 130],
  [257, 33, 261],
  [5, 700, 701],
  [701, 700, 5],
  [9, 9, 9],
];

afterAll(async () => {
  await setNumThreads(1);
});

describe('setNumThreads: worker-thread GEMM', () => {
  it('starts at one thread (the suite pins one: GRADKIT_NUM_THREADS=1; threads-auto.test.ts tests the automatic start)', () => {
    expect(process.env.GRADKIT_NUM_THREADS).toBe('1');
    expect(getNumThreads()).toBe(1);
    expect(shapes.slice(0, 4).every(([m, k, n]) => m * k * n >= PARALLEL_GEMM_MIN_WORK)).toBe(true);
  });

  it('2 and 3 threads equal 1 thread exactly: float32 and float64, every layout, overwrite and accumulate', async () => {
    const cases: { run: () => [FloatArray, FloatArray]; want: [FloatArray, FloatArray]; name: string }[] = [];
    await setNumThreads(1);
    for (const T of [Float32Array, Float64Array])
      for (const [m, k, n] of shapes)
        for (const layout of ['NN', 'NT', 'TN'] as GemmLayout[]) {
          const a = random(T, m * k + 3);
          const b = random(T, k * n + 2);
          const c0 = random(T, m * n + 5);
          const run = (): [FloatArray, FloatArray] => {
            const c = c0.slice();
            const cAcc = c0.slice();
            withBackend('wasm', () => {
              gemm(layout, a, 3, b, 2, c, 5, m, k, n);
              gemm(layout, a, 3, b, 2, cAcc, 5, m, k, n, true);
            });
            return [c, cAcc];
          };
          cases.push({ run, want: run(), name: `${T.name} ${layout} ${m}x${k}x${n}` });
        }
    for (const threads of [2, 3]) {
      await setNumThreads(threads);
      expect(getNumThreads()).toBe(threads);
      for (const { run, want, name } of cases) {
        const [c, cAcc] = run();
        expect(firstDifference(c, want[0]), `${name}, ${threads} threads`).toBe(-1);
        expect(firstDifference(cAcc, want[1]), `${name}, ${threads} threads, accumulate`).toBe(-1);
      }
    }
    await setNumThreads(1);
    expect(getNumThreads()).toBe(1);
  }, 60_000);

  it('rejects a bad thread count with a ValueError naming the argument', async () => {
    await expect(setNumThreads(0)).rejects.toThrow(ValueError);
    await expect(setNumThreads(1.5)).rejects.toThrow(
      /setNumThreads.*n must be an integer in \[1, 256\], received 1\.5/,
    );
    expect(getNumThreads()).toBe(1);
  });
});
