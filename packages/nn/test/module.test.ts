// Module system: registration, dotted names, train/eval, apply, state dicts, error messages,
// and the simple layers (Flatten, Identity, Dropout).
import { ones, ShapeError, sum, type Tensor, tensor, ValueError, zeros } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { Dropout, Flatten, Identity, Linear, Module, ReLU, Sequential, Tanh } from '../src/index.js';

// deterministic stand-in sources (the draws themselves are tested with RandomState in init.test.ts)
const fixedRng = {
  uniform: (_l: number, _h: number, s: number[]) => new Float64Array(s.reduce((a, b) => a * b, 1)).fill(0.1),
  normal: (_m: number, _s: number, s: number[]) => new Float64Array(s.reduce((a, b) => a * b, 1)),
};
/** A source returning 0, 0.1, 0.2, ... so the dropout mask is predictable. */
function rampRng() {
  return {
    uniform: (_l: number, _h: number, s: number[]) =>
      Float64Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, i) => (i % 10) / 10),
    normal: () => 0,
  };
}

class Net extends Module {
  declare layers: Sequential;
  declare head: Linear;
  constructor() {
    super();
    this.registerModule(
      'layers',
      new Sequential(
        new Linear(40, 100, { rng: fixedRng }),
        new ReLU(),
        new Linear(100, 100, { rng: fixedRng }),
      ),
    );
    this.registerModule('head', new Linear(100, 10, { rng: fixedRng, bias: false }));
  }
  forward(x: Tensor) {
    return this.head.call(this.layers.call(x));
  }
}

describe('Module', () => {
  it('namedParameters gives PyTorch dotted names in registration order', () => {
    const m = new Net();
    expect([...m.namedParameters()].map(([n, p]) => [n, p.shape])).toEqual([
      ['layers.0.weight', [100, 40]],
      ['layers.0.bias', [100]],
      ['layers.2.weight', [100, 100]],
      ['layers.2.bias', [100]],
      ['head.weight', [10, 100]],
    ]);
    expect(m.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
    expect(m.numParameters()).toBe(40 * 100 + 100 + 100 * 100 + 100 + 1000);
    expect([...m.namedModules()].map(([n]) => n)).toEqual([
      '',
      'layers',
      'layers.0',
      'layers.1',
      'layers.2',
      'head',
    ]);
    expect([...m.children()].length).toBe(2);
  });
  it('plain field assignment registers modules and parameters, as in PyTorch', () => {
    class Mlp extends Module {
      fc1 = new Linear(4, 8, { rng: fixedRng });
      act = new ReLU();
      fc2 = new Linear(8, 2, { rng: fixedRng });
      scale = tensor([1.5], { requiresGrad: true });
      frozen = tensor([2]); // no requiresGrad: stays a plain attribute
      forward(x: Tensor) {
        return this.fc2.call(this.act.call(this.fc1.call(x))).mul(this.scale);
      }
    }
    expect(() => new Mlp().call(zeros([1, 5]))).toThrow("Linear(4→8) 'fc1': expected input with 4 features");
    const m = new Mlp();
    expect([...m.namedParameters()].map(([n]) => n)).toEqual([
      'scale',
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
    ]);
    expect(Object.keys(m.stateDict())).toContain('fc2.bias');
    expect(() => m.call(zeros([1, 5]))).toThrow("Linear(4→8) 'fc1': expected input with 4 features");
    const replacement = new Linear(4, 8, { rng: fixedRng });
    m.fc1 = replacement; // assigning to a registered name replaces it
    expect(m.fc1).toBe(replacement);
    expect(m.parameters()).toContain(replacement.weight);
  });
  it('shared parameters are listed once', () => {
    const fc = new Linear(3, 3, { rng: fixedRng });
    const seq = new Sequential(fc, new Tanh(), fc);
    expect(seq.parameters().length).toBe(2);
  });
  it('train() and eval() set the flag on every descendant', () => {
    const m = new Net();
    m.eval();
    expect([...m.modules()].every((x) => !x.training)).toBe(true);
    m.train();
    expect([...m.modules()].every((x) => x.training)).toBe(true);
  });
  it('apply visits children before parents (the coursework weights_init pattern)', () => {
    const m = new Net();
    const seen: string[] = [];
    m.apply((x) => seen.push(x.constructor.name));
    expect(seen).toEqual(['Linear', 'ReLU', 'Linear', 'Sequential', 'Linear', 'Net']);
    m.apply((x) => {
      if (x instanceof Linear && x.bias) x.bias.data.fill(0);
    });
    expect(
      m.layers
        .get(0)
        .parameters()[1]!
        .toList()
        .every((v) => v === 0),
    ).toBe(true);
  });
  it('a wrong feature count names the layer, the expected features and the received shape', () => {
    const m = new Net();
    expect(() => m.call(zeros([100, 30]))).toThrow(ShapeError);
    expect(() => m.call(zeros([100, 30]))).toThrow(
      "Linear(40→100) 'layers.0': expected input with 40 features (last dim), received shape [100,30]",
    );
    expect(m.call(zeros([5, 40])).shape).toEqual([5, 10]);
  });
  it('forward/backward through the module reaches every parameter', () => {
    const m = new Net();
    sum(m.call(ones([2, 40]))).backward();
    for (const p of m.parameters()) expect(p.grad?.shape).toEqual(p.shape);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });
  it('zeroGrad({ setToNone: false }) fills zeros in place; the next backward reuses the buffers', () => {
    const m = new Net();
    sum(m.call(ones([2, 40]))).backward();
    const bufs = m.parameters().map((p) => p.grad!.data);
    const first = m.parameters().map((p) => Array.from(p.grad!.data));
    m.zeroGrad({ setToNone: false });
    m.parameters().forEach((p, i) => {
      expect(p.grad!.data).toBe(bufs[i]);
      expect(Array.from(p.grad!.data).every((v) => v === 0)).toBe(true);
    });
    sum(m.call(ones([2, 40]))).backward(); // same input and weights: the same gradient again
    m.parameters().forEach((p, i) => {
      expect(p.grad!.data).toBe(bufs[i]);
      expect(Array.from(p.grad!.data)).toEqual(first[i]);
    });
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });
  it('stateDict shares storage with the parameters; loadStateDict copies in place', () => {
    const m = new Net();
    const sd = m.stateDict();
    expect(Object.keys(sd)).toEqual([
      'layers.0.weight',
      'layers.0.bias',
      'layers.2.weight',
      'layers.2.bias',
      'head.weight',
    ]);
    const w = m.head.weight;
    const fresh = { ...sd, 'head.weight': ones([10, 100]) };
    m.loadStateDict(fresh);
    expect(m.head.weight).toBe(w); // same tensor object, new values
    expect(w.toList().every((v) => v === 1)).toBe(true);
    expect(() => m.loadStateDict({ ...fresh, extra: ones([1]) })).toThrow(/unexpected keys \["extra"\]/);
  });
  it('registration rejects dotted names, duplicates and names that shadow methods', () => {
    class Bad extends Module {
      forward(x: Tensor) {
        return x;
      }
    }
    const b = new Bad();
    expect(() => b.registerParameter('a.b', ones([1]))).toThrow(ValueError);
    b.registerParameter('w', ones([1]));
    expect(() => b.registerParameter('w', ones([1]))).toThrow(/already registered/);
    expect(() => b.registerModule('forward', new ReLU())).toThrow(/shadow a method/);
  });
  it('toString prints the tree like PyTorch', () => {
    expect(new Sequential(new Linear(2, 3, { rng: fixedRng }), new ReLU()).toString()).toBe(
      'Sequential(\n  (0): Linear(2→3)\n  (1): ReLU()\n)',
    );
  });
});

describe('Linear on batched inputs', () => {
  it('[B, T, in] → [B, T, out], gradients equal those of the flattened [B·T, in] input', () => {
    const fc = new Linear(4, 3, { rng: fixedRng, dtype: 'float64' });
    fc.weight.data.set(Array.from({ length: 12 }, (_, i) => Math.sin(i)));
    const data = Array.from({ length: 24 }, (_, i) => Math.cos(i));
    const y3 = fc.call(tensor(data).reshape([2, 3, 4]));
    expect(y3.shape).toEqual([2, 3, 3]);
    sum(y3.mul(y3)).backward();
    const g3 = fc.weight.grad!.toList();
    fc.zeroGrad();
    const y2 = fc.call(tensor(data).reshape([6, 4]));
    expect(y2.toList()).toEqual(y3.toList());
    sum(y2.mul(y2)).backward();
    const g2 = fc.weight.grad!.toList();
    for (let i = 0; i < g2.length; i++) expect(g3[i]).toBeCloseTo(g2[i]!, 12);
  });
});

describe('simple layers', () => {
  it('Flatten keeps the batch dimension (PyTorch defaults)', () => {
    expect(new Flatten().call(zeros([2, 3, 4, 5])).shape).toEqual([2, 60]);
    expect(new Flatten(0).call(zeros([2, 3])).shape).toEqual([6]);
  });
  it('Identity returns its input', () => {
    const x = ones([2]);
    expect(new Identity().call(x)).toBe(x);
  });
  it('Dropout zeroes where u < p, scales survivors by 1/(1-p), passes through in eval', () => {
    const d = new Dropout(0.3, { rng: rampRng() });
    const y = d.call(ones([10]));
    const keep = 1 / 0.7;
    expect(y.toList()).toEqual([0, 0, 0, keep, keep, keep, keep, keep, keep, keep]);
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { requiresGrad: true });
    sum(d.call(x)).backward();
    expect(x.grad!.toList()).toEqual([0, 0, 0, keep, keep, keep, keep, keep, keep, keep]);
    d.eval();
    const z = ones([3]);
    expect(d.call(z)).toBe(z);
    expect(() => new Dropout(1.5)).toThrow(/between 0 and 1/);
    expect(new Dropout(1, { rng: rampRng() }).call(ones([4])).toList()).toEqual([0, 0, 0, 0]);
  });
});
