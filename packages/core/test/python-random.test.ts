// PythonRandom against CPython's `random` module (random.Random, CPython 3.11.7):
// tests/fixtures/random_python.json, written by tests/fixtures/gen_random_python.py. Every value
// is compared exactly (the floats were written with repr, which round-trips; integers beyond
// 2**53 as decimal strings).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IndexError, MT19937, PythonRandom, ValueError } from '../src/index.js';

type Arg = number | string | unknown[] | { range: number };
interface Call {
  method: string;
  args: Arg[];
  kwargs?: { k?: number; weights?: number[]; cumWeights?: number[] };
  out: unknown;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/random_python.json', import.meta.url), 'utf8'),
) as {
  versions: { python: string };
  sequences: { seed: number | string; calls: Call[] }[];
  state: { state: [number, number[], null]; next: number[] };
  label_noise: { seed: number; n: number; p: number; pairs: [number, number][] };
};

const seq = (a: Arg): unknown[] =>
  typeof a === 'object' && a !== null && !Array.isArray(a)
    ? Array.from({ length: a.range }, (_, i) => i)
    : (a as unknown[]);
const seedOf = (s: number | string): number | bigint => (typeof s === 'string' ? BigInt(s) : s);

/** One fixture call on our generator (Python's keyword arguments as the options object). */
function call(r: PythonRandom, c: Call): unknown {
  const a = c.args;
  switch (c.method) {
    case 'random':
      return r.random();
    case 'getrandbits': {
      const k = a[0] as number;
      return k <= 53 ? r.getrandbits(k) : r.getrandbitsBigInt(k).toString();
    }
    case 'randrange':
      return r.randrange(...(a as [number, number?, number?]));
    case 'randint':
      return r.randint(a[0] as number, a[1] as number);
    case 'uniform':
      return r.uniform(a[0] as number, a[1] as number);
    case 'choice':
      return r.choice(seq(a[0]!));
    case 'shuffle': {
      const xs = seq(a[0]!);
      expect(r.shuffle(xs)).toBeUndefined();
      return xs;
    }
    case 'sample':
      return r.sample(seq(a[0]!), a[1] as number);
    case 'choices':
      return r.choices(seq(a[0]!), c.kwargs);
    default:
      throw new Error(`no such method in the fixture: ${c.method}`);
  }
}

describe(`PythonRandom = CPython ${fixture.versions.python}'s random.Random`, () => {
  for (const s of fixture.sequences)
    it(`seed ${s.seed}: ${s.calls.length} calls of every method, in one stream`, () => {
      const r = new PythonRandom(seedOf(s.seed));
      for (const [i, c] of s.calls.entries())
        expect(call(r, c), `call ${i}: ${c.method}(${JSON.stringify(c.args)})`).toEqual(c.out);
    });

  it('seed(a) reseeds like random.seed(a); a bigint and a number seed alike; the sign is ignored', () => {
    const first = fixture.sequences.find((s) => s.seed === 42)!.calls[0]!.out;
    const r = new PythonRandom(0);
    r.random();
    r.seed(42);
    expect(r.random()).toBe(first);
    expect(new PythonRandom(42n).random()).toBe(first);
    expect(new PythonRandom(-42).random()).toBe(first);
  });

  it('getState/setState continue the stream, in Python getstate() layout too', () => {
    const [version, internal] = fixture.state.state;
    const r = new PythonRandom(1);
    r.setState(fixture.state.state);
    expect([0, 1, 2, 3, 4].map(() => r.random())).toEqual(fixture.state.next);
    const again = new PythonRandom();
    again.setState({ version: 3, internalState: internal, gaussNext: null });
    const s = again.getState();
    expect(s.version).toBe(version);
    expect(s.internalState).toEqual(internal);
    expect(again.random()).toBe(fixture.state.next[0]);
  });

  it("draws the words of the shared MT19937 (Python's seeding is numpy's init_by_array of the seed's words)", () => {
    const mt = new MT19937();
    mt.seedArray([0]);
    expect(new PythonRandom(0).getrandbits(32)).toBe(mt.nextUint32());
    const two = new MT19937();
    two.seedArray([5, 1]); // 2**32 + 5: the least significant word first
    expect(new PythonRandom(2 ** 32 + 5).getrandbits(32)).toBe(two.nextUint32());
  });

  it("reproduces Notebook 8.3's 15% label noise (random.seed(0), 4000 labels)", () => {
    const { seed, n, p, pairs } = fixture.label_noise;
    const r = new PythonRandom(seed);
    const got: [number, number][] = [];
    for (let c = 0; c < n; c++) if (r.random() < p) got.push([c, Math.trunc(r.random() * 10)]);
    expect(got).toEqual(pairs);
  });
});

describe('PythonRandom errors name the method, the argument, what came and what was expected', () => {
  const r = new PythonRandom(0);
  const cases: [string, () => unknown, typeof ValueError | typeof IndexError, RegExp][] = [
    ['seed 1.5', () => new PythonRandom(1.5), ValueError, /PythonRandom\.seed: a must be an integer.*1\.5/],
    ['seed 2**60 as a number', () => new PythonRandom(2 ** 60), ValueError, /pass|bigint/],
    [
      'getrandbits(-1)',
      () => r.getrandbits(-1),
      ValueError,
      /getrandbits: k must be an integer in \[0, 53\].*-1/,
    ],
    ['getrandbits(54)', () => r.getrandbits(54), ValueError, /getrandbitsBigInt/],
    ['randrange(0)', () => r.randrange(0), ValueError, /empty range for randrange\(0\)/],
    ['randrange(5, 5)', () => r.randrange(5, 5), ValueError, /empty range/],
    ['randrange(0, 10, 0)', () => r.randrange(0, 10, 0), ValueError, /zero step/],
    [
      'randrange(0, 10, -1)',
      () => r.randrange(0, 10, -1),
      ValueError,
      /empty range for randrange\(0, 10, -1\)/,
    ],
    ['randrange(1.5)', () => r.randrange(1.5), ValueError, /start must be a safe integer, received 1\.5/],
    ['randrange over 2**53', () => r.randrange(-(2 ** 52), 2 ** 53 - 1), ValueError, /width/],
    ['randint(1, 0)', () => r.randint(1, 0), ValueError, /empty range/],
    [
      'choice([])',
      () => r.choice([]),
      IndexError,
      /PythonRandom\.choice: Cannot choose from an empty sequence/,
    ],
    ['sample k > n', () => r.sample([1, 2], 3), ValueError, /k must be an integer in \[0, 2\].*3/],
    ['choices both weights', () => r.choices([1], { weights: [1], cumWeights: [1] }), ValueError, /both/],
    [
      'choices weights length',
      () => r.choices([1, 2], { weights: [1] }),
      ValueError,
      /number of weights \(1\).*\(2\)/,
    ],
    ['choices zero total', () => r.choices([1, 2], { weights: [0, 0] }), ValueError, /greater than zero/],
    ['choices of nothing', () => r.choices([], { k: 2 }), IndexError, /empty population/],
    ['setState version', () => r.setState([2, [], null]), ValueError, /version must be 3 .*received 2/],
    ['setState words', () => r.setState([3, [1, 2], null]), ValueError, /625 integers/],
  ];
  for (const [name, f, type, message] of cases)
    it(name, () => {
      expect(f).toThrow(type);
      expect(f).toThrow(message);
    });

  it('an error leaves the stream where it was (nothing drawn)', () => {
    const a = new PythonRandom(3);
    const b = new PythonRandom(3);
    expect(() => a.randrange(0)).toThrow(ValueError);
    expect(a.random()).toBe(b.random());
  });
});
