/**
 * Tensor construction from anything a user can pass: every input gives a tensor or a GradkitError
 * naming the function and the argument — never the engine's bare TypeError or RangeError, never
 * a silent reinterpretation. Reference values are numpy 2.4's (`np.array(...)`, `astype`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arange,
  astype,
  DTypeError,
  decodeSafetensors,
  encodeSafetensors,
  full,
  GradkitError,
  ones,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
  zeros,
} from '../src/index.js';

describe('typed arrays', () => {
  it('narrow integer arrays become int32 with their values (np.array(np.int8([-1, 2])) → [-1, 2])', () => {
    for (const a of [
      new Int8Array([-1, 2]),
      new Int16Array([-1, 2]),
      new Uint16Array([65535, 2]),
      new Uint8ClampedArray([255, 2]),
    ]) {
      const t = tensor(a);
      expect(t.dtype).toBe('int32');
      expect(t.toArray()).toEqual(Array.from(a));
    }
    const u = tensor(new Uint32Array([4294967295, 1]));
    expect(u.dtype).toBe('float64');
    expect(u.toArray()).toEqual([4294967295, 1]);
  });

  it('64-bit integer arrays are a DTypeError naming the type, not bool', () => {
    expect(() => tensor(new BigInt64Array([1n]) as never)).toThrow(DTypeError);
    expect(() => tensor(new BigInt64Array([1n]) as never)).toThrow(
      /tensor: a BigInt64Array cannot become a tensor/,
    );
    expect(() => new Tensor(new Int8Array(2) as never, [2])).toThrow(
      /storage must be a Float64Array.*received/,
    );
  });
});

describe('dtypes and sizes', () => {
  it('an unknown dtype is a DTypeError naming the function', () => {
    expect(() => zeros([2], { dtype: 'float16' as never })).toThrow(
      /full: dtype must be one of 'float64', 'float32', 'int32', 'bool', received "float16"/,
    );
    expect(() => ones(2, { dtype: 'int64' as never })).toThrow(DTypeError);
    expect(() => full([2], 1, { dtype: 'x' as never })).toThrow(DTypeError);
    expect(() => arange(3, undefined, 1, { dtype: 'f4' as never })).toThrow(/arange: dtype must be one of/);
    expect(() => astype(tensor([1]), 'uint8' as never)).toThrow(/astype: dtype must be one of/);
  });

  it('sizes past what one array can hold are a ValueError naming the function and the bytes', () => {
    expect(() => zeros([1e6, 1e6])).toThrow(ValueError);
    expect(() => zeros([1e6, 1e6])).toThrow(
      /full: cannot allocate 1000000000000 elements of float64 \(8000000000000 bytes\)/,
    );
    expect(() => arange(0, 1e12)).toThrow(/arange: cannot allocate 1000000000000 elements/);
    expect(() => zeros([2 ** 40, 2 ** 40])).toThrow(
      /full: the number of elements must be a non-negative integer/,
    );
  });

  it('nesting past numpy’s 64 dimensions is a ValueError, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => tensor(deep as never)).toThrow(/tensor: nested arrays deeper than 64 levels/);
    let ok: unknown = 1;
    for (let i = 0; i < 64; i++) ok = [ok];
    expect(tensor(ok as never).ndim).toBe(64);
  });

  it('negative or fractional dimensions are a ShapeError even when their product matches', () => {
    expect(() => new Tensor(new Float64Array(6), [-2, -3])).toThrow(ShapeError);
    expect(() => new Tensor(new Float64Array(6), [-2, -3])).toThrow(/entry 0 is -2/);
    expect(() => new Tensor(new Float64Array(3), [1.5, 2])).toThrow(/non-negative integers/);
  });
});

describe('float → int32 and → bool casts, as numpy', () => {
  it('NaN, ±inf and out-of-range values become INT_MIN; in-range values truncate toward zero', () => {
    // np.array([nan, 3e9, -3e9, inf, -inf, 2.7, -2.7, 2147483647.9, -2147483648.9]).astype(np.int32)
    const numpy = [
      -2147483648, -2147483648, -2147483648, -2147483648, -2147483648, 2, -2, 2147483647, -2147483648,
    ];
    const x = tensor([Number.NaN, 3e9, -3e9, Infinity, -Infinity, 2.7, -2.7, 2147483647.9, -2147483648.9]);
    expect(astype(x, 'int32').toArray()).toEqual(numpy);
    expect(tensor(x, { dtype: 'int32' }).toArray()).toEqual(numpy);
    expect(full([1], Number.NaN, { dtype: 'int32' }).toArray()).toEqual([-2147483648]);
  });

  it('NaN is true as bool (np.array([nan, 0, -0.0]).astype(bool) → [True, False, False])', () => {
    expect(tensor([Number.NaN, 0, -0], { dtype: 'bool' }).toArray()).toEqual([true, false, false]);
    expect(astype(tensor([Number.NaN, 0, -0]), 'bool').toArray()).toEqual([true, false, false]);
  });
});

describe('fuzzed values (fast-check, fixed seed)', () => {
  const leaf = fc.oneof(
    fc.double(),
    fc.boolean(),
    fc.constantFrom(null, undefined, 'x', {}, Symbol.iterator, 1n),
    fc.constantFrom(new Float32Array([1, 2]), new Int8Array([3]), new BigInt64Array(1)),
  );
  const nested = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 })),
  })).value;

  it('tensor(value, { dtype }) returns a tensor or throws a GradkitError', () => {
    fc.assert(
      fc.property(
        nested,
        fc.constantFrom(undefined, 'float64', 'float32', 'int32', 'bool', 'int8'),
        (v, dtype) => {
          try {
            const t = tensor(v as never, dtype ? { dtype: dtype as never } : {});
            expect(t.size).toBe(t.shape.reduce((a, b) => a * b, 1));
          } catch (err) {
            if (!(err instanceof GradkitError)) throw err;
          }
        },
      ),
      { seed: 20261206, numRuns: 1000 },
    );
  });

  it('zeros(shape) with any shape returns a tensor or throws a GradkitError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.constant(2 ** 31)), {
          maxLength: 5,
        }),
        (shape) => {
          try {
            zeros(shape);
          } catch (err) {
            if (!(err instanceof GradkitError)) throw err;
          }
        },
      ),
      // 200 runs: a shape such as [2 ** 31] allocates 16 GiB (lazily) and costs a full GC each
      { seed: 20261206, numRuns: 200 },
    );
  });
});

describe('arange fills as numpy does', () => {
  it('value i is start + i·((start + step) − start): np.arange(-5, 5, 0.01) and np.arange(0.1, 2.3, 0.3)', () => {
    // numpy 2.4: a[-1] = 4.989999999999787, a[123] = -3.770000000000026, len 1000
    const a = arange(-5, 5, 0.01);
    expect(a.size).toBe(1000);
    expect(a.data[999]).toBe(4.989999999999787);
    expect(a.data[123]).toBe(-3.770000000000026);
    expect(arange(0.1, 2.3, 0.3).toArray()).toEqual([
      0.1, 0.4, 0.7000000000000001, 1.0000000000000002, 1.3000000000000003, 1.6000000000000003,
      1.9000000000000004, 2.2000000000000006,
    ]);
  });
});

describe('safetensors files (fast-check, fixed seed)', () => {
  it('mutated and random files decode to tensors or throw a GradkitError; names never touch the prototype', () => {
    const valid = encodeSafetensors(
      new Map([
        [
          'a',
          tensor(
            [
              [1.5, -2],
              [3, 4],
            ],
            { dtype: 'float32' },
          ),
        ],
        ['__proto__', tensor([1, 2, 3])],
      ]),
      { format: 'pt' },
    );
    const mutated = fc
      .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      })
      .chain((edits) =>
        fc.nat(valid.length).map((cut) => {
          const b = valid.slice(0, Math.max(cut, 8));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          return b;
        }),
      );
    const decodeOrTyped = (b: Uint8Array) => {
      try {
        const out = decodeSafetensors(b);
        expect(Object.getPrototypeOf(out.tensors)).toBe(null);
      } catch (err) {
        if (!(err instanceof GradkitError)) throw err;
      }
    };
    const back = decodeSafetensors(valid);
    expect(Object.keys(back.tensors).sort()).toEqual(['__proto__', 'a']);
    expect(back.tensors.__proto__!.toArray()).toEqual([1, 2, 3]);
    fc.assert(fc.property(mutated, decodeOrTyped), { seed: 20261206, numRuns: 600 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), decodeOrTyped), {
      seed: 20261206,
      numRuns: 300,
    });
  });
});
