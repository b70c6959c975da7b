// The 'linear' kernel (x·Wᵀ + bias, then relu): the 'wasm' one (GEMM and epilogue in linear
// memory) against the 'js' one (gemm, addRowVector, reluForward) over random and edge shapes.
import { describe, expect, it } from 'vitest';
import { linear, linearRelu, RandomState, type Tensor, wasmAvailable, withBackend } from '../src/index.js';
import { getKernel } from '../src/kernels/index.js';

const rng = new RandomState(21);
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
const randn = (C: Ctor, n: number) => {
  const a = new C(n);
  if (n > 0) a.set((rng.randn(n) as Tensor).data as Float64Array);
  return a;
};

describe.runIf(wasmAvailable())('wasm linear kernel against the js one', () => {
  const wasmK = getKernel('linear', 'wasm');
  const jsK = getKernel('linear', 'js');
  // edge shapes (1×N, N×1, widths off the 4×8 / 4×4 tiles, tiny products below the SIMD cut-over, empty) and random ones
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 40, 100],
    [100, 1, 7],
    [100, 40, 100],
    [100, 100, 10],
    [4000, 100, 10],
    [3, 5, 2],
    [0, 4, 3],
    [5, 0, 3],
    [7, 9, 0],
  ];
  for (let t = 0; t < 30; t++)
    shapes.push([1 + Number(rng.randint(60)), 1 + Number(rng.randint(70)), 1 + Number(rng.randint(40))]);

  for (const C of [Float32Array, Float64Array])
    it(`${C.name}: same bits with and without bias and relu over ${shapes.length} shapes`, () => {
      for (const [m, k, n] of shapes)
        for (const withBias of [true, false])
          for (const relu of [true, false]) {
            const x = randn(C, m * k);
            const w = randn(C, n * k);
            const b = withBias ? randn(C, n) : null;
            const a = new C(m * n).fill(Number.NaN);
            const e = new C(m * n).fill(Number.NaN);
            wasmK(x, w, b, a, m, k, n, relu);
            jsK(x, w, b, e, m, k, n, relu);
            let differ = 0;
            for (let i = 0; i < e.length; i++) if (!Object.is(a[i], e[i])) differ++;
            expect(differ, `${m}×${k}×${n} bias=${withBias} relu=${relu}`).toBe(0);
          }
    });

  it('linear / linearRelu agree with the all-JavaScript backend', () => {
    const x = (rng.randn(64, 40) as Tensor).astype('float32');
    const w = (rng.randn(30, 40) as Tensor).astype('float32');
    const b = (rng.randn(30) as Tensor).astype('float32');
    for (const f of [linear, linearRelu]) {
      const fast = f(x, w, b);
      const ref = withBackend('js', () => f(x, w, b));
      for (let i = 0; i < ref.size; i++) expect(fast.data[i]).toBeCloseTo(ref.data[i]!, 4);
    }
  });
});
