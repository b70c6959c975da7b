// Every differentiable op of the core through checkGrad: random shapes and random broadcasting
// (RandomState(seed) per case), each op reduced to a scalar as Σ op(x) ⊙ w with a random weight w
// so no gradient cancels. Central differences, eps 1e-6; tolerance rtol 1e-5 (atol 1e-7).
// The second block checks second derivatives (the backward rules are differentiable) by
// checkGrad of a gradient-based scalar.
import { describe, expect, it } from 'vitest';
import * as gk from '../src/index.js';
import { assertGrad, grad, RandomState, slice, type Tensor } from '../src/index.js';

const TOL = { rtol: 1e-5, atol: 1e-7 };

/** Σ out ⊙ w for a fixed random w of out's shape (drawn from the case's generator). */
function weighted(
  rng: RandomState,
  f: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
): (xs: Tensor[]) => Tensor {
  const out = gk.noGrad(() => f(...inputs));
  const w = rng.normal(0, 1, out.shape.length ? [...out.shape] : []);
  return (xs: Tensor[]) =>
    f(...xs)
      .mul(w)
      .sum();
}

function check(
  name: string,
  seed: number,
  make: (rng: RandomState) => Tensor[],
  f: (...xs: Tensor[]) => Tensor,
  tol = TOL,
) {
  it(name, () => {
    const rng = new RandomState(seed);
    const xs = make(rng);
    assertGrad(weighted(rng, f, xs), xs, tol);
  });
}

const N = (rng: RandomState, ...shape: number[]) => rng.normal(0, 1, shape);
const U = (rng: RandomState, lo: number, hi: number, ...shape: number[]) => rng.uniform(lo, hi, shape);
/** Values away from 0 (for |x|, sign-sensitive ops) in ±[0.3, 2]. */
const away = (rng: RandomState, ...shape: number[]) =>
  U(rng, 0.3, 2, ...shape).mul(
    gk
      .sign(N(rng, ...shape))
      .add(0.5)
      .sign(),
  );

describe('checkGrad over the element-wise ops', () => {
  check(
    'exp',
    1,
    (r) => [N(r, 3, 4)],
    (x) => x.exp(),
  );
  check(
    'log',
    2,
    (r) => [U(r, 0.2, 3, 5)],
    (x) => x.log(),
  );
  check(
    'log1p',
    3,
    (r) => [U(r, -0.5, 3, 2, 3)],
    (x) => x.log1p(),
  );
  check(
    'expm1',
    4,
    (r) => [N(r, 4)],
    (x) => x.expm1(),
  );
  check(
    'sqrt',
    5,
    (r) => [U(r, 0.2, 4, 3, 2)],
    (x) => x.sqrt(),
  );
  check(
    'reciprocal',
    6,
    (r) => [away(r, 6)],
    (x) => x.reciprocal(),
  );
  check(
    'square',
    7,
    (r) => [N(r, 2, 2, 2)],
    (x) => x.square(),
  );
  check(
    'sin, cos, tan',
    8,
    (r) => [U(r, -1.2, 1.2, 7)],
    (x) => x.sin().add(x.cos()).add(x.tan()),
  );
  check(
    'tanh, sigmoid',
    9,
    (r) => [N(r, 3, 3)],
    (x) => x.tanh().add(x.sigmoid()),
  );
  check(
    'abs',
    10,
    (r) => [away(r, 8)],
    (x) => x.abs(),
  );
  check(
    'erf, erfc',
    11,
    (r) => [N(r, 5)],
    (x) => gk.erf(x).add(gk.erfc(x.mul(0.5))),
  );
  check(
    'gamma, lgamma, digamma',
    12,
    (r) => [U(r, 0.5, 4, 5)],
    (x) => gk.gamma(x).add(gk.lgamma(x)).add(gk.digamma(x)),
  );
});

describe('checkGrad over binary ops with random broadcasting', () => {
  const pairs: [string, number[], number[]][] = [
    ['same shape', [3, 4], [3, 4]],
    ['row vector', [3, 4], [4]],
    ['column', [3, 1], [1, 4]],
    ['scalar', [2, 3], []],
    ['3-d', [2, 1, 3], [4, 1]],
  ];
  pairs.forEach(([label, sa, sb], k) => {
    check(
      `add/sub/mul/div, ${label}`,
      100 + k,
      (r) => [N(r, ...sa), away(r, ...sb)],
      (a, b) => a.add(b).mul(a.sub(b)).add(a.mul(b)).add(a.div(b)),
    );
    check(
      `pow, ${label}`,
      120 + k,
      (r) => [U(r, 0.3, 2, ...sa), U(r, -1.5, 2, ...sb)],
      (a, b) => a.pow(b),
    );
    check(
      `maximum/minimum, ${label}`,
      140 + k,
      (r) => [N(r, ...sa), N(r, ...sb)],
      (a, b) => a.maximum(b).add(a.minimum(b.mul(2))),
    );
    check(
      `where, ${label}`,
      160 + k,
      (r) => [N(r, ...sa), N(r, ...sb)],
      (a, b) => gk.where(a.greater(0), a.mul(b), b.square()),
    );
  });
  check(
    'clip with tensor bounds',
    180,
    (r) => [N(r, 4, 5), U(r, -1, -0.2, 5), U(r, 0.2, 1, 4, 1)],
    (x, lo, hi) => x.clip(lo, hi),
  );
});

describe('checkGrad over reductions', () => {
  for (const axis of [undefined, 0, 1, -1] as const) {
    for (const keepdims of [false, true]) {
      const o = { axis, keepdims };
      const tag = `axis ${axis}, keepdims ${keepdims}`;
      check(
        `sum/mean, ${tag}`,
        200,
        (r) => [N(r, 3, 4)],
        (x) => x.sum(o).add(x.mean(o).mul(2)),
      );
      check(
        `prod, ${tag}`,
        201,
        (r) => [away(r, 3, 4)],
        (x) => x.prod(o),
      );
      check(
        `max/min, ${tag}`,
        202,
        (r) => [N(r, 3, 4)],
        (x) => x.max(o).add(x.min(o)),
      );
      check(
        `std/var (ddof 1), ${tag}`,
        203,
        (r) => [N(r, 3, 4)],
        (x) => x.std({ ...o, ddof: 1 }).add(x.variance(o)),
      );
      check(
        `logsumexp, ${tag}`,
        204,
        (r) => [N(r, 3, 4)],
        (x) => x.logsumexp(o),
      );
    }
  }
  check(
    'cumsum',
    205,
    (r) => [N(r, 3, 4)],
    (x) => x.cumsum({ axis: 1 }).add(gk.cumsum(x, { axis: 0 })),
  );
});

describe('checkGrad over shape, indexing and linear algebra', () => {
  check(
    'reshape, transpose, permute',
    300,
    (r) => [N(r, 2, 3, 4)],
    (x) =>
      x
        .reshape(4, -1)
        .transpose()
        .reshape(2, 3, 4)
        .add(x.permute(0, 1, 2)),
  );
  check(
    'squeeze/unsqueeze, flatten',
    301,
    (r) => [N(r, 3, 1, 2)],
    (x) => x.squeeze(1).unsqueeze(0).flatten(),
  );
  check(
    'concat, stack',
    302,
    (r) => [N(r, 2, 3), N(r, 4, 3)],
    (a, b) =>
      gk
        .concat([a, b], 0)
        .sum({ axis: 0 })
        .mul(
          gk
            .stack([b.index(slice(0, 2)), a], 1)
            .reshape(4, 3)
            .sum({ axis: 0 }),
        ),
  );
  check(
    'split',
    303,
    (r) => [N(r, 6, 2)],
    (x) => {
      const [p, q, s] = x.split(3, 0);
      return p!.mul(q!).add(s!);
    },
  );
  check(
    'tile, repeat, flip, pad',
    304,
    (r) => [N(r, 2, 3)],
    (x) =>
      x
        .tile([2, 1])
        .add(x.repeat(2, 0))
        .add(x.flip(1).tile([2, 1]))
        .sum({ axis: 0 })
        .add(x.pad(1).sum()),
  );
  check(
    'index with slices, ints, negative steps',
    305,
    (r) => [N(r, 4, 5)],
    (x) => x.index(slice(1, null), slice(null, null, -2)).add(x.index(-1, slice(0, 3))),
  );
  check(
    'take, gather',
    306,
    (r) => [N(r, 4, 3)],
    (x) =>
      gk
        .take(x, gk.tensor([2, 0, 2], { dtype: 'int32' }), 0)
        .sum({ axis: 0 })
        .add(
          gk.gather(
            x,
            1,
            gk.tensor(
              [
                [0, 0, 2],
                [1, 2, 2],
                [0, 1, 1],
                [2, 2, 0],
              ],
              { dtype: 'int32' },
            ),
          ),
        )
        .sum({ axis: 0 }),
  );
  check(
    'matmul 2-D',
    310,
    (r) => [N(r, 3, 4), N(r, 4, 2)],
    (a, b) => a.matmul(b),
  );
  check(
    'matmul batched with broadcasting',
    311,
    (r) => [N(r, 2, 1, 3, 4), N(r, 3, 4, 2)],
    (a, b) => a.matmul(b),
  );
  check(
    'matmul matrix-vector and vector-matrix',
    312,
    (r) => [N(r, 3, 4), N(r, 4), N(r, 3)],
    (a, v, u) => a.matmul(v).add(u.matmul(a).sum()),
  );
  check(
    'dot, outer, inner',
    313,
    (r) => [N(r, 5), N(r, 5)],
    (a, b) =>
      gk
        .outer(a, b)
        .add(gk.dot(a, b))
        .add(gk.inner(a, b.mul(2))),
  );
  check(
    'norm (2, 1, fro, axis)',
    314,
    (r) => [away(r, 3, 4)],
    (x) =>
      x
        .norm()
        .add(x.norm({ ord: 1, axis: 1 }).sum())
        .add(x.norm({ ord: 'fro' })),
  );
  check(
    'trace, diag',
    315,
    (r) => [N(r, 4, 4)],
    (x) => x.trace().add(x.diag().sum()).add(gk.diag(x.diag()).sum()),
  );
  check(
    'inv, det, solve',
    316,
    (r) => [N(r, 3, 3).add(gk.eye(3).mul(3)), N(r, 3, 2)],
    (a, b) => a.inv().sum().add(a.det()).add(gk.solve(a, b).sum()),
  );
});

describe('second derivatives through the backward rules', () => {
  // checkGrad of x ↦ Σ grad(f)(x) ⊙ v compares the Hessian-vector product with finite differences of the gradient.
  const hvp = (name: string, seed: number, shape: number[], f: (x: Tensor) => Tensor, positive = false) =>
    it(name, () => {
      const r = new RandomState(seed);
      const x = positive ? U(r, 0.5, 2, ...shape) : N(r, ...shape);
      const v = N(r, ...shape);
      assertGrad((t: Tensor) => (grad(f)(t) as Tensor).mul(v).sum(), x, { rtol: 1e-5, atol: 1e-6 });
    });
  hvp('exp, log, sqrt', 400, [4], (x) => x.exp().add(x.log()).add(x.sqrt()).sum(), true);
  hvp('tanh, sigmoid, sin', 401, [5], (x) => x.tanh().add(x.sigmoid()).mul(x.sin()).sum());
  hvp('pow and div with broadcasting', 402, [3, 2], (x) =>
    x
      .pow(3)
      .div(x.sum({ axis: 0 }).add(10))
      .sum(),
  );
  hvp('matmul and softmax-like logsumexp', 403, [3, 3], (x) => x.matmul(x).logsumexp({ axis: 1 }).sum());
  hvp('variance and std', 404, [6], (x) => x.variance().add(x.std()));
  hvp('a two-layer tanh network', 405, [2, 3], (w) =>
    gk
      .tensor([
        [1, -2],
        [0.5, 0.3],
      ])
      .matmul(w)
      .tanh()
      .matmul(w.transpose())
      .square()
      .sum(),
  );
});

describe('checkGrad reports', () => {
  it('a float32 input is differentiated in float32 and compared with float64 differences', () => {
    const x = new RandomState(7).normal(0, 1, [4]).astype('float32');
    const r = gk.checkGrad((t: Tensor) => t.tanh().sum(), x, { rtol: 1e-4, atol: 1e-6 });
    expect(r.ok).toBe(true);
    expect((grad((t: Tensor) => t.tanh().sum())(x) as Tensor).dtype).toBe('float32');
  });
});
