import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import {
  argmax,
  cumsum,
  enableGrad,
  gradients,
  IndexError,
  logsumexp,
  max,
  mean,
  prod,
  std,
  sum,
  Tensor,
  tensor,
  ValueError,
  variance,
  zeros,
} from '../src/index.js';
import { checkGradient, type Enc, expectMatches, fromEnc, loadCoreOps } from './helpers.js';

// Golden values from numpy 1.24 / scipy 1.10 (tests/fixtures/gen_core_ops.py).
const fx = loadCoreOps();
const fn = core as unknown as Record<string, (x: Tensor, o?: object) => Tensor>;

describe('reductions vs numpy fixtures', () => {
  // Tolerances: numpy sums pairwise, gradkit sequentially (in float64): float64 results agree to
  // 1e-13 relative to max(|value|, 1); float32 results to 1e-6. Integer, bool, max/min/arg
  // results are exact.
  for (const c of fx.reduce as {
    op: string;
    x: Enc;
    axis: number | number[] | null;
    keepdims?: boolean;
    ddof?: number;
    out: Enc;
  }[]) {
    const opts: Record<string, unknown> = { axis: c.axis };
    if (c.keepdims !== undefined) opts.keepdims = c.keepdims;
    if (c.ddof !== undefined) opts.ddof = c.ddof;
    const label = `${c.op}(${c.x.dtype}${JSON.stringify(c.x.shape)}, ${JSON.stringify(opts)})`;
    it(label, () => {
      const x = fromEnc(c.x);
      if ((c.op === 'variance' || c.op === 'std') && c.out.data.every((v) => v === 'NaN')) {
        // numpy warns "Degrees of freedom <= 0" and returns NaN; gradkit refuses instead
        expect(() => fn[c.op]!(x, opts)).toThrow(new RegExp(`^${c.op}: degrees of freedom`));
        return;
      }
      const y = fn[c.op]!(x, opts);
      const exact =
        ['max', 'min', 'argmax', 'argmin', 'all', 'any'].includes(c.op) ||
        (c.out.dtype !== 'float64' && c.out.dtype !== 'float32');
      expectMatches(
        y,
        c.out,
        exact ? 0 : c.out.dtype === 'float32' || c.x.dtype === 'float32' ? 1e-6 : 1e-13,
        label,
        { minScale: 1 },
      );
      // method form
      const method = c.op === 'variance' ? 'var' : c.op;
      const m = (x as unknown as Record<string, (o: object) => Tensor>)[method]!.call(x, opts);
      expect(Array.from(m.data)).toEqual(Array.from(y.data));
    });
  }
});

describe('reduction semantics and errors', () => {
  it('sum/mean/prod over all axes return 0-d tensors; axis [] is the identity', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(sum(x).shape).toEqual([]);
    expect(sum(x).item()).toBe(21);
    expect(sum(x, { axis: [] }).toArray()).toEqual(x.toArray());
    expect(x.sum({ axis: 1, keepdims: true }).shape).toEqual([2, 1]);
    expect(mean(tensor([1, 2], { dtype: 'int32' })).dtype).toBe('float64');
    expect(prod(tensor([true, true])).dtype).toBe('int32');
  });
  it('out-of-range axis: IndexError naming op, axis and ndim', () => {
    const x = zeros([2, 3]);
    expect(() => sum(x, { axis: 2 })).toThrow(IndexError);
    expect(() => sum(x, { axis: 2 })).toThrow(/^sum: axis 2 is out of range for a tensor of 2 dimension/);
    expect(() => argmax(x, { axis: -3 })).toThrow(/^argmax: axis -3 is out of range/);
    expect(() => cumsum(x, { axis: 5 })).toThrow(IndexError);
    expect(() => mean(x, { axis: [0, 0] })).toThrow(/repeated axis/);
  });
  it('max/argmax of an empty slice throw ValueError; variance with N - ddof <= 0 throws', () => {
    expect(() => max(zeros([0, 3]), { axis: 0 })).toThrow(ValueError);
    expect(() => max(zeros([0]))).toThrow(/^max: zero-size array/);
    expect(() => argmax(zeros([0]))).toThrow(/^argmax: attempt to get argmax of an empty sequence/);
    expect(() => variance(tensor([1]), { ddof: 1 })).toThrow(/^variance: degrees of freedom/);
    expect(() => sum(tensor([1]), 0 as unknown as object)).toThrow(/^sum: options must be an object/);
  });
  it('logsumexp is stable: logsumexp([1000, 1000]) = 1000 + log 2', () => {
    expect(logsumexp(tensor([1000, 1000])).item()).toBeCloseTo(1000 + Math.LN2, 10);
  });
});

// a [2, 3, 4] input with distinct values (no ties for max/min)
const X = new Tensor(
  Float64Array.from({ length: 24 }, (_, i) => Math.sin(2.1 * i + 0.4) * 2 + i * 0.01),
  [2, 3, 4],
);

describe('reduction backward rules vs finite differences', () => {
  const axes: (number | number[] | undefined)[] = [undefined, 0, 1, -1, [0, 2]];
  for (const op of ['sum', 'mean', 'prod', 'max', 'min', 'variance', 'std', 'logsumexp']) {
    for (const axis of axes) {
      for (const keepdims of [false, true]) {
        it(`${op}(axis=${JSON.stringify(axis)}, keepdims=${keepdims})`, () =>
          checkGradient((t) => fn[op]!(t, { axis, keepdims, ...(op === 'std' ? { ddof: 1 } : {}) }), X));
      }
    }
  }
  for (const axis of [undefined, 0, 1, 2]) {
    it(`cumsum(axis=${axis})`, () => checkGradient((t) => cumsum(t, { axis }), X));
  }
  it('prod with one zero and with two zeros in a slice', () => {
    const z = tensor([
      [2, 0, 3, 1.5],
      [0, 4, 0, 2],
      [1, 2, 3, 4],
    ]);
    checkGradient((t) => prod(t, { axis: 1 }), z);
    checkGradient((t) => prod(t, { axis: 0 }), z);
    const x = tensor([2, 0, 3], { requiresGrad: true });
    const [g] = gradients(prod(x), [x]);
    expect(g!.toArray()).toEqual([0, 6, 0]);
  });
  it('max splits the gradient evenly among ties (PyTorch amax)', () => {
    const x = tensor([1, 3, 3, 2], { requiresGrad: true });
    const [g] = gradients(max(x), [x]);
    expect(g!.toArray()).toEqual([0, 0.5, 0.5, 0]);
  });
});

describe('second derivatives through reductions', () => {
  it('d²/dx² of variance = 2 (I - 1/N) / (N - ddof)', () => {
    const x = tensor([0.3, -1.2, 2.5, 0.9], { requiresGrad: true });
    const [g] = gradients(variance(x, { ddof: 1 }), [x], { createGraph: true });
    // Hessian row i: d g_i / d x_j, recovered as the gradient of g_i
    for (let i = 0; i < 4; i++) {
      const [h] = gradients(g!.mul(tensor([0, 1, 2, 3].map((k) => (k === i ? 1 : 0)))).sum(), [x], {
        retainGraph: true,
      });
      for (let j = 0; j < 4; j++) expect(h!.data[j]).toBeCloseTo((2 * ((i === j ? 1 : 0) - 0.25)) / 3, 12);
    }
  });
  it('d²/dx² of logsumexp = diag(p) - p pᵀ (p = softmax)', () => {
    const v = [0.5, -1, 2];
    const x = tensor(v, { requiresGrad: true });
    const [g] = gradients(logsumexp(x), [x], { createGraph: true });
    const e = v.map(Math.exp);
    const Z = e.reduce((a, b) => a + b);
    const p = e.map((t) => t / Z);
    for (let i = 0; i < 3; i++) {
      const [h] = gradients(g!.mul(tensor([0, 1, 2].map((k) => (k === i ? 1 : 0)))).sum(), [x], {
        retainGraph: true,
      });
      for (let j = 0; j < 3; j++) expect(h!.data[j]).toBeCloseTo((i === j ? p[i]! : 0) - p[i]! * p[j]!, 12);
    }
  });
  it('d²/dx² of std and of prod (with a zero) match finite differences of the gradient', () => {
    for (const [f, vals] of [
      [(t: Tensor) => std(t), [0.3, -1.2, 2.5, 0.9]],
      [(t: Tensor) => prod(t), [0.3, 0, 2.5, 0.9]],
      [(t: Tensor) => prod(t), [0.3, -1.2, 2.5, 0.9]],
    ] as const) {
      // the gradient as a function of x: differentiable when x requires grad, plain otherwise
      const grad = (t: Tensor): Tensor =>
        enableGrad(() => {
          const u = t.requiresGrad ? t : new Tensor(t.data, t.shape).requiresGrad_();
          return gradients(f(u), [u], { createGraph: t.requiresGrad })[0]!;
        });
      checkGradient((t) => grad(t), tensor([...vals]));
    }
  });
});
