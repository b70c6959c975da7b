// ResidentMatrix and matmulResidentNT (src/kernels/gemm.ts): x · wᵀ with w kept in the
// WebAssembly kernels' memory between calls. Checked against a float64 dot product of the same
// float32 values (the float32 rounding of four partial sums apart), on every backend, for shapes
// with and without the kernel's tails (k mod 4, rows mod 4) and past its 16-row cut-over; the
// resident copy survives other kernels' calls (which use the memory above it), worker threads
// starting and stopping (they multiply in a memory of their own), and `release` (the next product
// copies the new values); bad arguments are typed errors naming them.
import { afterAll, describe, expect, it } from 'vitest';
import {
  availableBackends,
  DTypeError,
  initWasm,
  RandomState,
  setNumThreads,
  ValueError,
  withBackend,
} from '../src/index.js';
import { gemm, matmulResidentNT, ResidentMatrix } from '../src/kernels/index.js';

await initWasm();
const rng = new RandomState(7);
const uniform = (n: number) => Float32Array.from(rng.uniform(-1, 1, [n]).data);

/** x · wᵀ in float64 from the float32 values. */
function reference(x: Float32Array, m: number, w: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(m * rows);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let p = 0; p < cols; p++) s += x[i * cols + p]! * w[j * cols + p]!;
      out[i * rows + j] = s;
    }
  return out;
}

/** Largest |a − b| over the largest |b| (1 when b is all zeros). */
function relativeError(a: Float32Array, b: Float64Array): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return worst / (scale || 1);
}

afterAll(() => setNumThreads(1));

describe('matmulResidentNT', () => {
  for (const backend of availableBackends())
    for (const [rows, cols] of [
      [1, 1],
      [3, 5],
      [4, 4],
      [7, 8],
      [13, 9],
      [257, 64],
      [1003, 67],
    ] as const)
      it(`${backend}: w [${rows}, ${cols}], 1, 2, 5 and 21 rows of x`, () => {
        const w = new ResidentMatrix(uniform(rows * cols), rows, cols);
        for (const m of [1, 2, 5, 21]) {
          const x = uniform(m * cols);
          const out = withBackend(backend, () => matmulResidentNT(x, m, w));
          expect(out.length).toBe(m * rows);
          expect(relativeError(out, reference(x, m, w.data, rows, cols)), `m = ${m}`).toBeLessThan(1e-6);
        }
        w.release();
      });

  it('keeps the resident copy while other kernels use the memory above it', () => {
    const rows = 300;
    const cols = 64;
    const w = new ResidentMatrix(uniform(rows * cols), rows, cols);
    const x = uniform(2 * cols);
    const first = matmulResidentNT(x, 2, w);
    // a large product fills the operand arena (which starts past the resident matrix)
    const n = 256;
    const c = new Float32Array(n * n);
    gemm('NN', uniform(n * n), 0, uniform(n * n), 0, c, 0, n, n, n);
    expect(matmulResidentNT(x, 2, w)).toEqual(first);
    w.release();
  });

  it('keeps the matrix while worker threads start and stop, and places it again after release', async () => {
    const rows = 129;
    const cols = 16;
    const data = uniform(rows * cols);
    const w = new ResidentMatrix(data, rows, cols);
    const other = new ResidentMatrix(uniform(40 * cols), 40, cols);
    const x = uniform(cols);
    const one = matmulResidentNT(x, 1, w);
    matmulResidentNT(x, 1, other);
    await setNumThreads(2);
    expect(matmulResidentNT(x, 1, w)).toEqual(one);
    await setNumThreads(1);
    expect(matmulResidentNT(x, 1, w)).toEqual(one);
    // releasing one matrix leaves the other correct (it is copied in again on its next use)
    other.release();
    expect(matmulResidentNT(x, 1, w)).toEqual(one);
    // changed values take effect after release, as documented
    data.fill(0.5);
    w.release();
    const changed = matmulResidentNT(x, 1, w);
    expect(relativeError(changed, reference(x, 1, data, rows, cols))).toBeLessThan(1e-6);
    w.release();
  });

  it('writes into a given out and returns it', () => {
    const w = new ResidentMatrix(new Float32Array([1, 2, 3, 4, 5, 6]), 3, 2);
    const out = new Float32Array(3);
    expect(matmulResidentNT(new Float32Array([1, 1]), 1, w, out)).toBe(out);
    // [[1, 2], [3, 4], [5, 6]] · [1, 1] = [3, 7, 11]
    expect(Array.from(out)).toEqual([3, 7, 11]);
    w.release();
  });

  it('names the argument, what it received and what it expected', () => {
    expect(() => new ResidentMatrix(new Float64Array(6) as unknown as Float32Array, 3, 2)).toThrow(
      new DTypeError('ResidentMatrix', 'data must be a Float32Array, received Float64Array'),
    );
    expect(() => new ResidentMatrix(new Float32Array(6), 4, 2)).toThrow(
      new ValueError('ResidentMatrix', 'data has 6 elements; expected rows × cols = 4 × 2 = 8'),
    );
    expect(() => new ResidentMatrix(new Float32Array(0), -1, 0)).toThrow(ValueError);
    const w = new ResidentMatrix(new Float32Array(6), 3, 2);
    expect(() => matmulResidentNT(new Float32Array(3), 2, w)).toThrow(
      new ValueError(
        'matmulResidentNT',
        'x has 3 and out 6 elements; expected at least m × cols = 4 and m × rows = 6',
      ),
    );
    expect(() => matmulResidentNT(new Float32Array(2), 1.5, w)).toThrow(ValueError);
    expect(() => matmulResidentNT(new Float32Array(2), 1, {} as ResidentMatrix)).toThrow(
      new DTypeError('matmulResidentNT', 'w must be a ResidentMatrix, received Object'),
    );
  });
});
