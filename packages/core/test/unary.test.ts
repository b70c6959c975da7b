import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import {
  abs,
  type DType,
  DTypeError,
  exp,
  gradients,
  round,
  sigmoid,
  sign,
  type Tensor,
  tanh,
  tensor,
} from '../src/index.js';
import { checkGradient, DT, type Enc, expectMatches, fromEnc, loadCoreOps } from './helpers.js';

// Golden values from numpy 1.24 (tests/fixtures/gen_core_ops.py).
const fx = loadCoreOps();

// dtypes where gradkit deliberately differs from numpy 1.24 (see the op docs): floor/ceil of
// int32 stay int32 as in numpy >= 2.1.
function expectedDType(op: string, inDType: string, outDType: string): DType {
  if ((op === 'floor' || op === 'ceil') && inDType === 'int32') return 'int32';
  return DT[outDType]!;
}

const fn = core as unknown as Record<string, (x: Tensor, ...rest: number[]) => Tensor>;

describe('unary ops vs numpy fixtures', () => {
  // rtol: float64 results 4 ulp-ish (V8's Math functions vs glibc differ in the last bit at
  // most); float32 results 1e-6; rounding/sign ops exact.
  for (const c of fx.unary as { op: string; x: Enc; out: Enc; decimals?: number }[]) {
    const x = fromEnc(c.x);
    const label = `${c.op}(${c.x.dtype}${JSON.stringify(c.x.shape)})${c.decimals !== undefined ? ` decimals=${c.decimals}` : ''}`;
    it(label, () => {
      const y = c.decimals !== undefined ? round(x, c.decimals) : fn[c.op]!(x);
      expect(y.dtype).toBe(expectedDType(c.op, c.x.dtype, c.out.dtype));
      const exact =
        ['abs', 'sign', 'floor', 'ceil', 'square'].includes(c.op) ||
        (c.op === 'round' && c.decimals === undefined);
      const rtol = exact && c.x.dtype !== 'float32' ? 0 : c.out.dtype === 'float32' ? 1e-6 : 1e-15;
      expectMatches(y, c.out, rtol, label, { dtype: false });
      // the method form gives the same tensor
      const m = (x as unknown as Record<string, (d?: number) => Tensor>)[c.op]!.call(x, c.decimals);
      expect(Array.from(m.data)).toEqual(Array.from(y.data));
    });
  }
});

describe('unary semantics', () => {
  it('rounds half to even like numpy, keeping -0', () => {
    expect(round(tensor([0.5, 1.5, 2.5, -2.5, -0.5, 3.5, -3.5])).toArray()).toEqual([0, 2, 2, -2, -0, 4, -4]);
    expect(Object.is(round(tensor([-0.4])).item(), -0)).toBe(true);
    expect(round(tensor([4503599627370497])).item()).toBe(4503599627370497);
  });
  it('sigmoid is stable for large |x|', () => {
    const y = sigmoid(tensor([-800, -40, 0, 40, 800]));
    expect(y.data[0]).toBe(0);
    expect(y.data[1]).toBeCloseTo(Math.exp(-40), 30);
    expect(y.data[1]! / Math.exp(-40)).toBeCloseTo(1, 12);
    expect(y.data[2]).toBe(0.5);
    expect(y.data[4]).toBe(1);
  });
  it('accepts plain numbers and nested arrays; keeps float32', () => {
    expect(exp(0).item()).toBe(1);
    expect(tanh([[0]]).shape).toEqual([1, 1]);
    expect(exp(tensor([1], { dtype: 'float32' })).dtype).toBe('float32');
    expect(abs(tensor([true, false])).dtype).toBe('bool');
  });
  it('refuses sign of a bool tensor (numpy has no loop), naming the op', () => {
    expect(() => sign(tensor([true]))).toThrow(DTypeError);
    expect(() => sign(tensor([true]))).toThrow(/^sign: .*bool/);
  });
  it('does not hide NaN: log of a negative number is NaN, sqrt too', () => {
    expect(core.log(tensor([-1])).item()).toBeNaN();
    expect(core.sqrt(-4).item()).toBeNaN();
  });
});

describe('unary backward rules', () => {
  const xs = [-1.7, -0.4, 0.3, 1.1, 2.2];
  const pos = [0.2, 0.9, 1.6, 3.3];
  for (const op of ['exp', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'abs', 'square', 'expm1', 'reciprocal']) {
    it(`${op} matches finite differences`, () =>
      checkGradient(fn[op]!, op === 'tan' ? [-1.2, -0.3, 0.4, 1.0] : xs));
  }
  for (const op of ['log', 'sqrt', 'log1p']) {
    it(`${op} matches finite differences`, () => checkGradient(fn[op]!, pos));
  }
  it('abs has gradient 0 at 0 (PyTorch); sign/floor/ceil/round pass zeros', () => {
    const x = tensor([-2, 0, 3], { requiresGrad: true });
    const [g] = gradients(abs(x).sum(), [x]);
    expect(g!.toArray()).toEqual([-1, 0, 1]);
    for (const op of ['sign', 'floor', 'ceil', 'round']) {
      const z = tensor([-1.5, 0.2, 2.7], { requiresGrad: true });
      const y = fn[op]!(z).sum().add(z.sum());
      y.backward();
      expect(z.grad!.toArray(), op).toEqual([1, 1, 1]);
    }
  });
  it('second derivatives: tanh″ = -2 tanh (1 - tanh²), exp″ = exp, sigmoid″ = s(1-s)(1-2s)', () => {
    const vals = [-1.3, 0.2, 0.9];
    const x = tensor(vals, { requiresGrad: true });
    const second = (f: (t: Tensor) => Tensor): number[] => {
      const [d1] = gradients(f(x).sum(), [x], { createGraph: true });
      const [d2] = gradients(d1!.sum(), [x]);
      return d2!.toList();
    };
    const t2 = second(tanh);
    const e2 = second(exp);
    const s2 = second(sigmoid);
    vals.forEach((v, i) => {
      const t = Math.tanh(v);
      expect(t2[i]).toBeCloseTo(-2 * t * (1 - t * t), 14);
      expect(e2[i]).toBeCloseTo(Math.exp(v), 14);
      const s = 1 / (1 + Math.exp(-v));
      expect(s2[i]).toBeCloseTo(s * (1 - s) * (1 - 2 * s), 14);
    });
  });
});

describe('doc-comment examples of the element-wise, reduction and special-function modules', () => {
  // Every ```ts example in the doc comments of these files is executed; a line `expr; // value`
  // must print `value` (as JSON, spaces ignored, a trailing "(...)" note dropped).
  const files = ['../src/ops/unary.ts', '../src/ops/binary.ts', '../src/ops/reduce.ts', '../src/special.ts'];
  const names = Object.keys(core);
  const values = names.map((k) => (core as Record<string, unknown>)[k]);
  for (const file of files) {
    it(file.replace('../src/', ''), () => {
      const src = readFileSync(new URL(file, import.meta.url), 'utf8');
      const blocks = [...src.matchAll(/ \* ```ts\n((?: \*.*\n)*?) \* ```/g)].map((m) =>
        m[1]!
          .split('\n')
          .map((l) => l.replace(/^ \* ?/, ''))
          .filter((l) => l.trim() !== ''),
      );
      expect(blocks.length).toBeGreaterThan(5);
      let checked = 0;
      for (const lines of blocks) {
        const body: string[] = [];
        const expected: string[] = [];
        for (const line of lines) {
          const m = /^(.*?);\s*\/\/\s*(.+)$/.exec(line);
          if (m && !m[1]!.startsWith('const ')) {
            expected.push(m[2]!.replace(/\s*\(.*\)\s*$/, '').replace(/\s+/g, ''));
            body.push(`__out.push(JSON.stringify(${m[1]}));`);
          } else body.push(m ? `${m[1]};` : line);
        }
        const out: string[] = [];
        new Function(...names, '__out', body.join('\n'))(...values, out);
        expect(out, lines.join('\n')).toEqual(expected);
        checked += expected.length;
      }
      expect(checked).toBeGreaterThan(5);
    });
  }
});
