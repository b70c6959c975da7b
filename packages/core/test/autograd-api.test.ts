// grad / valueAndGrad / vjp over pytrees, higher order, and checkGrad. Expected derivatives are
// the textbook ones (d x³ = 3x², d² x³ = 6x, ...), or finite differences via numericGrad.
import { describe, expect, it } from 'vitest';
import {
  assertGrad,
  checkGrad,
  DTypeError,
  GradCheckError,
  grad,
  noGrad,
  numericGrad,
  record,
  Tensor,
  tensor,
  ValueError,
  valueAndGrad,
  vjp,
} from '../src/index.js';

const cube = (x: Tensor) => x.mul(x).mul(x);
const xs = [-2, -0.5, 0, 1, 3];

describe('grad', () => {
  it('numbers in, numbers out', () => {
    const g = grad(cube);
    for (const x of xs) expect(g(x)).toBe(3 * x * x);
  });

  it('tensors in, tensors out, float32 stays float32', () => {
    const g = grad(cube)(tensor(2, { dtype: 'float32' })) as Tensor;
    expect(g).toBeInstanceOf(Tensor);
    expect(g.dtype).toBe('float32');
    expect(g.shape).toEqual([]);
    expect(g.item()).toBe(12);
    const g1 = grad(cube)(tensor([2])) as Tensor; // a one-element output of shape [1] is a scalar too
    expect(g1.shape).toEqual([1]);
    expect(g1.toArray()).toEqual([12]);
  });

  it('rejects non-scalar outputs with a pointer to vjp', () => {
    const g = grad((x: Tensor) => x.mul(2));
    expect(() => g(tensor([1, 2, 3]))).toThrow(ValueError);
    expect(() => g(tensor([1, 2, 3]))).toThrow(
      'grad: f must return a scalar, received shape [3]; use vjp for non-scalar outputs',
    );
    expect(() => grad((_x: Tensor) => 'a')(1)).toThrow(/f must return a scalar/);
  });

  it('rejects integer tensor arguments and non-numeric leaves', () => {
    const g = grad((x: Tensor) => x.mul(2));
    expect(() => g(tensor(1, { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => g(tensor(1, { dtype: 'int32' }))).toThrow(
      /argument 0 of dtype int32; expected float64 or float32/,
    );
    expect(() => grad((p: { w: Tensor }) => p.w)({ w: tensor(1, { dtype: 'int32' }) })).toThrow(
      /argument 0\.w of dtype int32/,
    );
    expect(() => grad((s: unknown) => s as Tensor)('x')).toThrow(/expected a Tensor or a number/);
  });

  it('differentiates lists and dicts of parameters, preserving the structure', () => {
    const g1 = grad((ws: Tensor[]) => ws[0]!.mul(ws[0]!).add(ws[1]!.mul(ws[1]!)));
    const [a, b] = g1([tensor(3), tensor(-1)]) as Tensor[];
    expect([a!.item(), b!.item()]).toEqual([6, -2]);
    // list of dicts, numbers and tensors mixed: f = w0·b0 + w1²
    const h = grad((p: { w: Tensor; b: number }[]) => p[0]!.w.mul(p[0]!.b).add(p[1]!.w.mul(p[1]!.w)));
    const out = h([
      { w: tensor(2), b: 5 },
      { w: tensor(3), b: 7 },
    ]) as { w: Tensor; b: number }[];
    expect(out[0]!.w.item()).toBe(5);
    expect(out[0]!.b).toBe(2);
    expect(out[1]!.w.item()).toBe(6);
    expect(out[1]!.b).toBe(0); // does not influence the output
    expect(Object.keys(out[0]!).sort()).toEqual(['b', 'w']);
  });

  it('argnums selects and orders the differentiated arguments', () => {
    const f = (x: Tensor, y: Tensor, z: Tensor) => x.mul(y).mul(y).mul(z);
    const args = [tensor(2), tensor(3), tensor(5)] as const;
    expect((grad(f, { argnums: 1 })(...args) as Tensor).item()).toBe(2 * 2 * 3 * 5);
    const [gz, gx] = grad(f, { argnums: [2, 0] })(...args) as Tensor[];
    expect(gz!.item()).toBe(18);
    expect(gx!.item()).toBe(45);
    expect(() => grad(f, { argnums: 3 })(...args)).toThrow(/argnums entry 3 is out of range/);
    expect(() => grad(f, { argnums: [0, 0] })(...args)).toThrow(/repeated/);
  });

  it('hasAux passes auxiliary data through', () => {
    const [g, aux] = grad((x: Tensor) => [x.mul(x), { note: 'hi', sq: x.mul(x).item() }], { hasAux: true })(
      3,
    );
    expect(g).toBe(6);
    expect(aux).toEqual({ note: 'hi', sq: 9 });
    const [[v, aux2], g2] = valueAndGrad((x: Tensor) => [x.mul(x), 1], { hasAux: true })(tensor(4));
    expect((v as Tensor).item()).toBe(16);
    expect(aux2).toBe(1);
    expect((g2 as Tensor).item()).toBe(8);
    expect(() => grad((x: Tensor) => x, { hasAux: true })(1)).toThrow(
      /with hasAux, f must return \[output, aux\]/,
    );
  });

  it('valueAndGrad returns the detached value', () => {
    const [v, g] = valueAndGrad(cube)(tensor(2));
    expect((v as Tensor).item()).toBe(8);
    expect((v as Tensor).requiresGrad).toBe(false);
    expect((g as Tensor).item()).toBe(12);
  });

  it('gives zero gradients for constant functions', () => {
    expect((grad((_x: Tensor) => 5)(tensor(1)) as Tensor).item()).toBe(0);
    expect(grad((_x: Tensor) => tensor(5))(2)).toBe(0);
  });

  it('works inside noGrad (the update step of a training loop)', () => {
    expect(noGrad(() => grad(cube)(2))).toBe(12);
  });

  it('leaves its arguments untouched', () => {
    const x = tensor(2);
    grad(cube)(x);
    expect(x.requiresGrad).toBe(false);
    expect(x.grad).toBeNull();
  });

  it('does not free the history of an argument that is already on a tape', () => {
    const w = tensor(2, { requiresGrad: true });
    const p = w.mul(3); // p = 3w, a non-leaf
    expect(grad(cube)(p)).toEqual(expect.any(Tensor));
    expect((grad(cube)(p) as Tensor).item()).toBe(108); // 3p² at p = 6
    p.mul(p).backward(); // d(9w²)/dw = 18w = 36
    expect(w.grad!.item()).toBe(36);
  });
});

describe('higher order', () => {
  it('grad(grad(x³)) = 6x and grad³ = 6', () => {
    const g2 = grad(grad(cube));
    const g3 = grad(grad(grad(cube)));
    for (const x of xs) {
      expect(g2(x)).toBe(6 * x);
      expect(g3(x)).toBe(6);
    }
  });

  it('second derivative of a quotient, checked against finite differences of the first', () => {
    const f = (x: Tensor) => x.div(x.mul(x).add(1)); // x / (1 + x²)
    const g = grad(f);
    const gg = grad(g);
    for (const x of [-1.5, -0.3, 0.4, 2]) {
      const first = (1 - x * x) / (1 + x * x) ** 2;
      expect(g(x)).toBeCloseTo(first, 14);
      const fd = numericGrad((t: number) => g(t), x) as number;
      expect(gg(x)).toBeCloseTo(fd, 8);
    }
  });

  it('closes over the outer variable: d/dx [d/dy (x·y²)] at y = 2 is 2y = 4', () => {
    const outer = grad((x: Tensor) => grad((y: Tensor) => x.mul(y).mul(y))(tensor(2)) as Tensor);
    expect(outer(3)).toBe(4);
    // the inner gradient w.r.t. a number stays a Tensor when it depends on the outer variable
    const mixed = grad((x: Tensor) => {
      const gy = grad((y: Tensor) => x.mul(y).mul(y))(2);
      expect(gy).toBeInstanceOf(Tensor);
      return gy as Tensor;
    });
    expect(mixed(3)).toBe(4);
  });

  it('differentiates a loss containing a squared gradient (the implicit-regularization shape)', () => {
    // L(p) = p⁴, L~(p) = L + a·(L')² = p⁴ + 16a p⁶, dL~/dp = 4p³ + 96 a p⁵
    const L = (p: Tensor) => p.mul(p).mul(p).mul(p);
    const a = 0.1;
    const Lreg = (p: Tensor) => {
      const g = grad(L)(p) as Tensor;
      return L(p).add(g.mul(g).mul(a));
    };
    for (const p of [-1.2, 0.5, 0.9]) expect(grad(Lreg)(p)).toBeCloseTo(4 * p ** 3 + 96 * a * p ** 5, 12);
  });
});

describe('with the unary, reduction and linear-algebra ops', () => {
  it('second derivatives of sin and tanh', () => {
    const d2sin = grad(grad((x: Tensor) => x.sin()));
    const d2tanh = grad(grad((x: Tensor) => x.tanh()));
    for (const x of [-1.3, -0.2, 0.5, 2.1]) {
      expect(d2sin(x)).toBeCloseTo(-Math.sin(x), 14); // (sin)'' = -sin
      const t = Math.tanh(x);
      expect(d2tanh(x)).toBeCloseTo(-2 * t * (1 - t * t), 14); // (tanh)'' = -2 tanh (1 - tanh²)
    }
  });

  it('gradient of sum(x²) is 2x (the autograd introduction, part 2)', () => {
    const f = (x: Tensor) => x.square().sum();
    expect((grad(f)(tensor([0, 0, 0, 0])) as Tensor).toArray()).toEqual([0, 0, 0, 0]);
    expect((grad(f)(tensor([1, 2, 3, 4])) as Tensor).toArray()).toEqual([2, 4, 6, 8]);
  });

  it('Hessian-vector product by grad of a directional derivative', () => {
    // f(x) = Σ x_i³ / 3 + x0·x1: H = diag(2x) + [[0,1],[1,0]]
    const f = (x: Tensor) =>
      x
        .pow(3)
        .sum()
        .div(3)
        .add(x.index(0).mul(x.index(1)));
    const v = tensor([1, -2]);
    const hv = grad((x: Tensor) => (grad(f)(x) as Tensor).mul(v).sum())(tensor([0.5, 3])) as Tensor;
    expect(hv.toArray()).toEqual([2 * 0.5 * 1 + -2, 1 + 2 * 3 * -2]);
  });

  it('checkGrad of a small network loss over a list of {w, b} dicts', () => {
    const params = [
      {
        w: tensor([
          [0.3, -0.2, 0.5],
          [0.1, 0.4, -0.6],
        ]),
        b: tensor([0.1, -0.1, 0.2]),
      },
      { w: tensor([[0.7], [-0.5], [0.2]]), b: tensor([0.05]) },
    ];
    const x = tensor([
      [1, 2],
      [-1, 0.5],
      [0.3, -0.7],
      [2, 1],
    ]);
    const y = tensor([0.5, -0.2, 0.1, 0.9]);
    const loss = (p: typeof params) => {
      const h = x.matmul(p[0]!.w).add(p[0]!.b).tanh();
      const out = h.matmul(p[1]!.w).add(p[1]!.b).squeeze(1);
      return out.sub(y).square().mean();
    };
    const r = assertGrad(loss, params);
    expect(r.count).toBe(6 + 3 + 3 + 1);
    expect(r.maxRelError).toBeLessThan(1e-6);
  });
});

describe('vjp', () => {
  it('returns the output and a reusable pullback', () => {
    const [y, back] = vjp((x: Tensor) => x.mul(x), tensor([1, 2, 3]));
    expect((y as Tensor).toArray()).toEqual([1, 4, 9]);
    expect((y as Tensor).requiresGrad).toBe(false);
    expect(back(tensor([1, 1, 1]))[0].toArray()).toEqual([2, 4, 6]);
    expect(back(tensor([1, 0, 2]))[0].toArray()).toEqual([2, 0, 12]);
    expect(() => back(tensor([1, 1]))).toThrow(/cotangent has shape \[2\] but the output has shape \[3\]/);
  });

  it('handles several primals and pytree outputs', () => {
    const [out, back] = vjp((a: Tensor, b: number) => ({ p: a.mul(b), q: a.mul(a) }), tensor([1, 2]), 3);
    expect((out as { p: Tensor }).p.toArray()).toEqual([3, 6]);
    const [ga, gb] = back({ p: tensor([1, 1]), q: tensor([1, 0]) });
    expect((ga as Tensor).toArray()).toEqual([3 + 2, 3]); // b + 2a·[1,0]
    expect(gb).toBe(3); // Σ a
    expect(() => back({ p: tensor([1, 1]) })).toThrow(/tree structures differ/);
  });
});

describe('checkGrad', () => {
  it('agrees with autograd on a pytree (central and forward)', () => {
    const f = (p: { w: Tensor; b: number }) =>
      p.w
        .mul(p.w)
        .mul(p.b)
        .div(p.w.add(3))
        .mul(tensor([1]));
    const x = { w: tensor([0.7]), b: -1.3 };
    const r = checkGrad(f, x);
    expect(r.ok).toBe(true);
    expect(r.count).toBe(2);
    expect(r.maxRelError).toBeLessThan(1e-7);
    const rf = checkGrad(f, x, { scheme: 'forward', rtol: 1e-4 });
    expect(rf.ok).toBe(true);
    expect(rf.maxRelError).toBeGreaterThan(r.maxRelError); // O(eps) vs O(eps²)
    expect(assertGrad(f, x).ok).toBe(true);
  });

  it('numericGrad matches known derivatives and keeps the structure', () => {
    const g = numericGrad(
      (p: [Tensor, number]) =>
        p[0]
          .mul(p[0])
          .mul(p[1])
          .mul(tensor([1])),
      [tensor([2]), 5],
    ) as [Tensor, number];
    expect(g[0].data[0]).toBeCloseTo(20, 6);
    expect(g[1]).toBeCloseTo(4, 6);
    expect(() => numericGrad(cube, 1, { eps: -1 })).toThrow(/eps must be a positive finite number/);
  });

  it('reports the worst element of a wrong backward rule', () => {
    // A deliberately wrong op: forward x², backward claims 3x (instead of 2x).
    const wrong = (x: Tensor) => {
      const y = x.mul(x).detach();
      const out = new Tensor(y.data, y.shape, y.dtype);
      return recordWrong(out, x);
    };
    const r = checkGrad(wrong, tensor(2));
    expect(r.ok).toBe(false);
    expect(r.worst).toEqual({ path: '', index: [], analytic: 6, numeric: expect.closeTo(4, 6) });
    expect(() => assertGrad((p: { a: Tensor[] }) => wrong(p.a[0]!), { a: [tensor(2)] })).toThrow(
      GradCheckError,
    );
    expect(() => assertGrad((p: { a: Tensor[] }) => wrong(p.a[0]!), { a: [tensor(2)] })).toThrow(
      /assertGrad: gradient mismatch at x\.a\[0\]: autograd 6, finite differences 4\.0000/,
    );
  });
});

function recordWrong(out: Tensor, x: Tensor): Tensor {
  return record(out, 'wrongSquare', [x], (g) => [g.mul(x).mul(3)]);
}
