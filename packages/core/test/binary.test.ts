import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import * as extend from '../src/extend.js';
import {
  clip,
  type DType,
  equal,
  floorDivide,
  gradients,
  greater,
  isfinite,
  isinf,
  isnan,
  logicalNot,
  maximum,
  minimum,
  noGrad,
  pow,
  remainder,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
  where,
} from '../src/index.js';
import { mapBinary } from '../src/ops/arith.js';
import { type Enc, expectMatches, fromEnc, loadCoreOps } from './helpers.js';

// Golden values from numpy 1.24 (tests/fixtures/gen_core_ops.py), random broadcast shapes.
const fx = loadCoreOps();
const fn = core as unknown as Record<string, (...args: unknown[]) => Tensor>;
const shapeOf = (e: Enc | number): string => (typeof e === 'number' ? String(e) : JSON.stringify(e.shape));

describe('binary ops vs numpy fixtures (broadcasting)', () => {
  // pow: V8's Math.pow and glibc's pow may differ in the last bits: rtol 1e-14. Everything else exact.
  for (const c of fx.binary as { op: string; a: Enc; b: Enc | number; out: Enc }[]) {
    const label = `${c.op}(${c.a.dtype}${shapeOf(c.a)}, ${typeof c.b === 'number' ? 'number' : c.b.dtype}${shapeOf(c.b)})`;
    it(label, () => {
      const a = fromEnc(c.a);
      const b = fromEnc(c.b);
      const y = fn[c.op]!(a, b);
      expectMatches(y, c.out, c.op === 'pow' ? 1e-14 : 0, label);
      const m = (a as Tensor as unknown as Record<string, (o: unknown) => Tensor>)[c.op]!.call(a, b);
      expect(Array.from(m.data)).toEqual(Array.from(y.data));
    });
  }
  for (const c of fx.ternary as { op: string; out: Enc; [k: string]: unknown }[]) {
    const label =
      c.op === 'where'
        ? `where(${shapeOf(c.cond as Enc)}, ${shapeOf(c.a as Enc)}, ${shapeOf(c.b as Enc)})`
        : `clip(${shapeOf(c.x as Enc)}, ${shapeOf(c.lo as Enc)}, ${shapeOf(c.hi as Enc)})`;
    it(label, () => {
      const y =
        c.op === 'where'
          ? where(fromEnc(c.cond as Enc), fromEnc(c.a as Enc), fromEnc(c.b as Enc))
          : clip(fromEnc(c.x as Enc), fromEnc(c.lo as Enc), fromEnc(c.hi as Enc));
      expectMatches(y, c.out, 0, label);
    });
  }
});

describe('binary semantics', () => {
  it('bool results for comparisons and NaN tests', () => {
    const x = tensor([1, Number.NaN, Number.POSITIVE_INFINITY, -2]);
    expect(isnan(x).toArray()).toEqual([false, true, false, false]);
    expect(isfinite(x).toArray()).toEqual([true, false, false, true]);
    expect(isinf(x).toArray()).toEqual([false, false, true, false]);
    expect(equal(x, x).toArray()).toEqual([true, false, true, true]);
    expect(logicalNot(tensor([0, 2, -1])).toArray()).toEqual([true, false, false]);
    expect(greater(x, 0).dtype).toBe('bool');
  });
  it('integer power stays int32, with numpy wrap-around, and refuses negative exponents', () => {
    const y = pow(tensor([2, 3], { dtype: 'int32' }), 2);
    expect(y.dtype).toBe('int32');
    expect(y.toArray()).toEqual([4, 9]);
    expect(pow(tensor([2], { dtype: 'int32' }), 31).item()).toBe(-2147483648);
    expect(() => pow(tensor([2], { dtype: 'int32' }), -1)).toThrow(ValueError);
    expect(() => pow(tensor([2], { dtype: 'int32' }), -1)).toThrow(
      /^pow: integers to negative integer powers/,
    );
    expect(pow(tensor([2], { dtype: 'int32' }), -1.5).dtype).toBe('float64');
  });
  it('clip with one bound, float32 dtype, and the missing-bounds error', () => {
    expect(clip(tensor([-1, 0.5, 2]), null, 1).toArray()).toEqual([-1, 0.5, 1]);
    expect(tensor([-1, 0.5, 2]).clip(0).toArray()).toEqual([0, 0.5, 2]);
    expect(clip(tensor([1], { dtype: 'float32' }), 0, 0.5).dtype).toBe('float32');
    expect(() => clip(tensor([1]), null, null)).toThrow(ValueError);
  });
  it('names the op and both shapes when broadcasting fails', () => {
    expect(() => maximum(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow(ShapeError);
    expect(() => pow(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow(
      /^pow: cannot broadcast shapes \[1,3\] and \[2\]/,
    );
    expect(() => where(tensor([true, false, true]), tensor([1, 2]), 0)).toThrow(/^where: cannot broadcast/);
  });
  it('x.where(cond, other) is PyTorch-style', () => {
    const x = tensor([1, -2, 3]);
    expect(x.where(x.greater(0), 0).toArray()).toEqual([1, 0, 3]);
  });
});

/** Central differences of sum(w * f(a, b)) for fixed weights w, compared with autograd, for both operands. */
function checkGradient2(
  f: (a: Tensor, b: Tensor) => Tensor,
  av: number[][],
  bv: number[],
  eps = 1e-6,
  rtol = 1e-6,
): void {
  const a = tensor(av, { requiresGrad: true });
  const b = tensor(bv, { requiresGrad: true });
  const y0 = f(a, b);
  const w = tensor(Array.from({ length: y0.size }, (_, i) => Math.cos(1.3 * i + 0.2))).data;
  const L = (p: Tensor, q: Tensor): number => {
    const y = f(p, q).data;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += w[i]! * y[i]!;
    return s;
  };
  const [ga, gb] = gradients(y0, [a, b], { gradOutput: new Tensor(Float64Array.from(w), y0.shape) });
  for (const [t, g] of [
    [a, ga!],
    [b, gb!],
  ] as const) {
    for (let i = 0; i < t.size; i++) {
      const num = noGrad(() => {
        const hi = new Tensor(Float64Array.from(t.data), t.shape);
        const lo = new Tensor(Float64Array.from(t.data), t.shape);
        hi.data[i]! += eps;
        lo.data[i]! -= eps;
        return t === a
          ? (L(hi, b.detach()) - L(lo, b.detach())) / (2 * eps)
          : (L(a.detach(), hi) - L(a.detach(), lo)) / (2 * eps);
      });
      expect(Math.abs(g.data[i]! - num), `${t === a ? 'a' : 'b'}[${i}]`).toBeLessThanOrEqual(
        rtol * Math.max(1, Math.abs(num)),
      );
    }
  }
}

describe('binary backward rules', () => {
  const A = [
    [0.7, 1.3, 2.1],
    [1.9, 0.4, 3.2],
  ];
  it('pow: base and exponent, broadcast', () => checkGradient2(pow, A, [1.5, -0.5, 2.2]));
  it('pow with a number exponent', () => checkGradient2((a, b) => pow(a, 3).add(b), A, [0, 0, 0]));
  it('maximum/minimum away from ties', () => {
    checkGradient2(maximum, A, [1.0, 0.9, 2.5]);
    checkGradient2(minimum, A, [1.0, 0.9, 2.5]);
  });
  it('remainder: d/da = 1, d/db = -floor(a/b)', () => checkGradient2(remainder, A, [0.3, -0.9, 1.1]));
  it('where sends the gradient to the chosen branch', () =>
    checkGradient2((a, b) => where(greater(a, 1.5), a.mul(a), b), A, [0.1, 0.2, 0.3]));
  it('clip with tensor bounds', () => checkGradient2((a, b) => clip(a, b, b.add(1)), A, [1.0, 0.8, 2.5]));
  it('maximum/minimum split ties evenly (PyTorch)', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([2, 2, 2], { requiresGrad: true });
    const [ga, gb] = gradients(maximum(a, b).sum(), [a, b]);
    expect(ga!.toArray()).toEqual([0, 0.5, 1]);
    expect(gb!.toArray()).toEqual([1, 0.5, 0]);
    const [ha, hb] = gradients(minimum(a, b).sum(), [a, b]);
    expect(ha!.toArray()).toEqual([1, 0.5, 0]);
    expect(hb!.toArray()).toEqual([0, 0.5, 1]);
  });
  it('clip passes gradient on the closed interval [min, max] (torch.clamp)', () => {
    const x = tensor([-1, 0, 0.5, 1, 2], { requiresGrad: true });
    const [g] = gradients(clip(x, 0, 1).sum(), [x]);
    expect(g!.toArray()).toEqual([0, 1, 1, 1, 0]);
  });
  it('pow at 0: gradient 0 for 0**0 and for d/db at a = 0 (PyTorch)', () => {
    const a = tensor([0, 0, 2], { requiresGrad: true });
    const b = tensor([0, 2, 0], { requiresGrad: true });
    const [ga, gb] = gradients(pow(a, b).sum(), [a, b]);
    expect(ga!.toArray()).toEqual([0, 0, 0]);
    expect(gb!.toArray()).toEqual([0, 0, Math.log(2)]);
  });
  it('floorDivide has zero gradient', () => {
    const a = tensor([3.5, -2.5], { requiresGrad: true });
    const [g] = gradients(floorDivide(a, 2).sum().add(a.sum()), [a]);
    expect(g!.toArray()).toEqual([1, 1]);
  });
  it('second derivatives of pow: d²/da² a³ = 6a, d²/db² 2^b = 2^b ln² 2', () => {
    const a = tensor([0.5, 1.5, -2], { requiresGrad: true });
    const [d1] = gradients(pow(a, 3).sum(), [a], { createGraph: true });
    const [d2] = gradients(d1!.sum(), [a]);
    expect(d2!.toList()).toEqual([3, 9, -12].map((v) => expect.closeTo(v, 12)));
    const b = tensor([0.5, 2], { requiresGrad: true });
    const [e1] = gradients(pow(2, b).sum(), [b], { createGraph: true });
    const [e2] = gradients(e1!.sum(), [b]);
    [0.5, 2].forEach((v, i) => expect(e2!.data[i]).toBeCloseTo(2 ** v * Math.LN2 ** 2, 12));
    // mixed: d/db (d/da a^b) = a^(b-1) (1 + b ln a)
    const x = tensor([1.7], { requiresGrad: true });
    const y = tensor([2.3], { requiresGrad: true });
    const [gx] = gradients(pow(x, y).sum(), [x], { createGraph: true });
    const [gxy] = gradients(gx!.sum(), [y]);
    expect(gxy!.item()).toBeCloseTo(1.7 ** 1.3 * (1 + 2.3 * Math.log(1.7)), 12);
  });
});

describe('kernel fast paths agree with the reference closure kernels', () => {
  // add/mul/maximum/where run per-op strided kernels (mapBinaryKernel); the readable reference is
  // mapBinary with a closure, and sumToShape is checked against a per-element odometer.
  const cases = (fx.binary as { a: Enc; b: Enc | number }[]).filter(
    (c) => typeof c.b !== 'number' && c.a.dtype === 'float64' && c.b.dtype === 'float64',
  );
  it(`add, mul, maximum, greater over ${cases.length} random broadcast shape pairs`, () => {
    for (const c of cases) {
      const a = fromEnc(c.a) as Tensor;
      const b = fromEnc(c.b as Enc) as Tensor;
      const ref = (f: (p: number, q: number) => number, d: DType = 'float64') =>
        Array.from(mapBinary('ref', a, b, d, f).data);
      expect(Array.from(core.add(a, b).data)).toEqual(ref((p, q) => p + q));
      expect(Array.from(core.mul(a, b).data)).toEqual(ref((p, q) => p * q));
      expect(Array.from(maximum(a, b).data)).toEqual(ref((p, q) => (p > q || p !== p ? p : q)));
      expect(Array.from(greater(a, b).data)).toEqual(ref((p, q) => (p > q ? 1 : 0), 'bool'));
    }
  });
  it('sumToShape equals a per-element accumulation over the broadcast dimensions', () => {
    for (const c of cases) {
      const a = fromEnc(c.a) as Tensor;
      const b = fromEnc(c.b as Enc) as Tensor;
      const full = core.add(a, b); // the broadcast shape
      for (const target of [a.shape, b.shape]) {
        const got = extend.sumToShape(full, target);
        const want = new Float64Array(extend.shapeSize(target));
        const ts = extend.stridesOf(target);
        const off = full.ndim - target.length;
        const fs = extend.stridesOf(full.shape);
        for (let i = 0; i < full.size; i++) {
          let o = 0;
          for (let d = off; d < full.ndim; d++) {
            const k = Math.floor(i / fs[d]!) % full.shape[d]!;
            if (target[d - off] !== 1) o += k * ts[d - off]!;
          }
          want[o] = want[o]! + full.data[i]!;
        }
        Array.from(got.data).forEach((v, i) => {
          if (Number.isFinite(want[i]!)) expect(v).toBeCloseTo(want[i]!, 12);
          else expect(v).toBe(want[i]); // NaN / ±Infinity from the special-value grid
        });
      }
    }
  });
});

describe('gradients over random broadcast shapes (library checkGrad, central differences)', () => {
  // shapes from the fixture's random broadcast pairs; values deterministic and tie-free
  const pairs = (fx.binary as { op: string; a: Enc; b: Enc | number }[])
    .filter((c) => c.op === 'maximum' && typeof c.b !== 'number')
    .map((c) => [c.a.shape, (c.b as Enc).shape] as const);
  const fill = (shape: readonly number[], phase: number, f: (v: number) => number = (v) => v): Tensor =>
    new Tensor(
      Float64Array.from({ length: extend.shapeSize(shape) }, (_, i) => f(2 * Math.sin(1.7 * i + phase))),
      shape,
    );
  const ops: Record<string, (a: Tensor, b: Tensor) => Tensor> = {
    pow: (a, b) => pow(a, b),
    maximum,
    minimum,
    where: (a, b) => where(greater(a, 0.3), a, b),
    clip: (a, b) => clip(a, b.sub(0.5), b.add(0.5)),
    remainder: (a, b) => remainder(a, b),
  };
  for (const [name, f] of Object.entries(ops)) {
    it(`${name} over ${pairs.length} shape pairs`, () => {
      for (const [sa, sb] of pairs) {
        const a = fill(sa, 0.1, name === 'pow' ? (v) => Math.abs(v) + 0.5 : undefined);
        const b = fill(sb, 0.9, name === 'remainder' ? (v) => Math.abs(v) + 0.7 : undefined);
        const w = fill(extend.broadcastShapes('test', sa, sb), 2.3);
        const r = core.checkGrad(([p, q]: Tensor[]) => core.mul(f(p!, q!), w).sum(), [a, b], {
          rtol: 1e-6,
          atol: 1e-7,
        });
        expect(
          r.ok,
          `${name}(${JSON.stringify(sa)}, ${JSON.stringify(sb)}): worst ${JSON.stringify(r.worst)}`,
        ).toBe(true);
      }
    });
  }
});
