// The shuffled DataLoader's batch gather (one typed-array `set` per row from 64 elements per row,
// an index loop below) against the rows picked by hand from the same permutation: every dtype,
// rows on both sides of the switch, a short last batch, with and without reused buffers, and
// float values copied bit for bit (−0, NaN, subnormals).
import { fromData, RandomState, type Tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { DataLoader, TensorDataset } from '../src/index.js';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

function values(C: Ctor, n: number, rng: RandomState): ArrayLike<number> {
  const a = new C(n);
  const r = (rng.randn(n) as { data: Float64Array }).data;
  for (let i = 0; i < n; i++)
    a[i] = C === Uint8Array ? +(r[i]! > 0) : C === Int32Array ? Math.round(r[i]! * 1000) : r[i]!;
  if (C === Float32Array || C === Float64Array)
    for (let i = 0; i < n; i += 7) a[i] = [-0, Number.NaN, 1e-45, Number.NEGATIVE_INFINITY][(i / 7) % 4]!;
  return a;
}

describe('DataLoader batch gather', () => {
  const n = 11;
  for (const C of [Float32Array, Float64Array, Int32Array, Uint8Array])
    for (const row of [1, 3, 63, 64, 65, 784])
      it(`${C.name} rows of ${row}: the shuffled batches hold the permutation's rows`, () => {
        const rng = new RandomState(row);
        const xd = values(C, n * row, rng);
        const x = fromData(xd as Float32Array, row === 1 ? [n] : [n, row]);
        const labels = fromData(
          Int32Array.from({ length: n }, (_, i) => i),
          [n],
        );
        for (const reuseBuffers of [false, true]) {
          const order = new RandomState(3).permutation(n).data;
          const loader = new DataLoader({
            dataset: new TensorDataset(x, labels),
            batchSize: 4,
            shuffle: true,
            rng: new RandomState(3),
            reuseBuffers,
          });
          let start = 0;
          for (const [xb, yb] of loader as Iterable<[Tensor, Tensor]>) {
            const size = yb.size;
            expect(xb.shape).toEqual(row === 1 ? [size] : [size, row]);
            expect(xb.data.constructor).toBe(C);
            for (let i = 0; i < size; i++) {
              const k = order[start + i]!;
              expect(yb.data[i]).toBe(k);
              for (let c = 0; c < row; c++)
                if (!Object.is(xb.data[i * row + c], xd[k * row + c])) {
                  expect([i, c, xb.data[i * row + c]]).toEqual([i, c, xd[k * row + c]]);
                }
            }
            start += size;
          }
          expect(start).toBe(n); // batches of 4, 4, 3
        }
      });
});
