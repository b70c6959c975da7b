/**
 * MNIST-1D regenerated exactly: the frozen dataset of the paper (../shared/data/mnist1d, read only
 * when present), other seeds/arguments against the Python port of the reference generator
 * (tests/fixtures/gen_datasets_mnist1d.py, numpy + scipy), and the numpy/scipy routines it uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '@gradkit/core';
import {
  correlate1d,
  type FilterMode,
  gaussianFilter1d,
  interp,
  type Mnist1dArgs,
  makeMnist1d,
  mnist1dTemplates,
  pairwiseSum,
  signal,
} from '@gradkit/datasets';
import { loadMnist1d } from '@gradkit/datasets/node';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const frozenDir = join(root, '../shared/data/mnist1d');
const fixture = JSON.parse(readFileSync(join(root, 'tests/fixtures/datasets_mnist1d.json'), 'utf8')) as {
  templates: { x: number[][]; t: number[]; y: number[] };
  datasets: ({ args: Record<string, unknown> } & Record<'x' | 'x_test', number[][]> &
    Record<'y' | 'y_test' | 't', number[]>)[];
  filter: { x: number[]; mode: FilterMode; sigma: number; truncate: number; out: number[] }[];
  correlate: { x: number[]; w: number[]; mode: FilterMode; out: number[] }[];
  interp: { x: number[]; xp: number[]; fp: number[]; out: number[]; outLR: number[] };
  linspace: { args: [number, number, number]; out: number[] }[];
  pairwise: { x: number[]; sums: Record<string, number> };
};

function maxAbsDiff(t: Tensor, want: number[] | number[][]): number {
  const flat = (want as (number | number[])[]).flat() as number[];
  expect(t.size).toBe(flat.length);
  let m = 0;
  for (let i = 0; i < flat.length; i++) m = Math.max(m, Math.abs(t.data[i]! - flat[i]!));
  return m;
}

/** The fixture's snake_case reference arguments as makeMnist1d options. */
function camel(args: Record<string, unknown>): Partial<Mnist1dArgs> {
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
}

describe('makeMnist1d reproduces the frozen MNIST-1D dataset (default arguments, seed 42)', () => {
  it.skipIf(!existsSync(frozenDir))(
    'x, y, x_test, y_test, t and templates match ../shared/data/mnist1d',
    () => {
      const frozen = loadMnist1d(frozenDir);
      const d = makeMnist1d();
      expect(d.x.shape).toEqual([4000, 40]);
      expect(d.xTest.shape).toEqual([1000, 40]);
      for (const key of ['x', 'xTest', 't'] as const) {
        const diff = maxAbsDiff(d[key], frozen[key].toArray() as number[][]);
        expect(diff, key).toBeLessThan(1e-9);
      }
      expect(Array.from(d.y.data)).toEqual(Array.from(frozen.y.data));
      expect(Array.from(d.yTest.data)).toEqual(Array.from(frozen.yTest.data));
      expect(maxAbsDiff(d.templates.x, frozen.templates.x.toArray() as number[][])).toBe(0);
      expect(maxAbsDiff(d.templates.t, frozen.templates.t.toArray() as number[])).toBe(0);
    },
  );
});

describe('makeMnist1d matches the reference generator for other seeds and arguments', () => {
  for (const ref of fixture.datasets) {
    it(`args ${JSON.stringify(ref.args)}`, () => {
      const d = makeMnist1d(camel(ref.args));
      expect(maxAbsDiff(d.x, ref.x)).toBeLessThan(1e-12);
      expect(maxAbsDiff(d.xTest, ref.x_test)).toBeLessThan(1e-12);
      expect(maxAbsDiff(d.t, ref.t)).toBeLessThan(1e-12);
      expect(Array.from(d.y.data)).toEqual(ref.y);
      expect(Array.from(d.yTest.data)).toEqual(ref.y_test);
    });
  }
  it('templates equal get_templates()', () => {
    const t = mnist1dTemplates();
    expect(maxAbsDiff(t.x, fixture.templates.x)).toBe(0);
    expect(maxAbsDiff(t.t, fixture.templates.t)).toBe(0);
    expect(Array.from(t.y.data)).toEqual(fixture.templates.y);
  });
  it('rejects unknown or invalid arguments, naming them', () => {
    expect(() => makeMnist1d({ numSamples: 0 })).toThrow(
      /makeMnist1d: args.numSamples must be a positive integer, received 0/,
    );
    expect(() => makeMnist1d({ padding: [5, 2] })).toThrow(/args.padding must be a pair \[low, high\]/);
    expect(() => makeMnist1d({ trainSplit: 1.5 })).toThrow(/args.trainSplit must be a number in \[0, 1\]/);
    expect(() => makeMnist1d({ num_samples: 10 } as never)).toThrow(/unknown argument "num_samples"/);
  });
});

describe('numpy / scipy ports', () => {
  it('gaussianFilter1d = scipy.ndimage.gaussian_filter1d in every mode', () => {
    for (const c of fixture.filter) {
      const got = gaussianFilter1d(c.x, c.sigma, { mode: c.mode, truncate: c.truncate, cval: 0.5 });
      c.out.forEach((v, i) =>
        expect(Math.abs(got[i]! - v), `${c.mode} n=${c.x.length} sigma=${c.sigma}`).toBeLessThan(1e-15),
      );
    }
  });
  it('correlate1d = scipy.ndimage.correlate1d (symmetric, asymmetric and even-length weights)', () => {
    for (const c of fixture.correlate) {
      const got = correlate1d(c.x, c.w, { mode: c.mode, cval: -1 });
      c.out.forEach((v, i) => expect(Math.abs(got[i]! - v), `${c.mode} w=${c.w}`).toBeLessThan(1e-15));
    }
  });
  it('interp = np.interp bit for bit (knots, out of range, left/right)', () => {
    const { x, xp, fp } = fixture.interp;
    expect(Array.from(interp(x, xp, fp))).toEqual(fixture.interp.out);
    expect(Array.from(interp(x, xp, fp, -5, 5))).toEqual(fixture.interp.outLR);
  });
  it('linspace = np.linspace bit for bit', () => {
    for (const c of fixture.linspace) expect(Array.from(signal.linspace(...c.args))).toEqual(c.out);
  });
  it("pairwiseSum = np.sum's pairwise summation bit for bit", () => {
    for (const [n, s] of Object.entries(fixture.pairwise.sums))
      expect(pairwiseSum(fixture.pairwise.x, Number(n))).toBe(s);
  });
});
