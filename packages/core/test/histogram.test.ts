// searchsorted, digitize, histogram and binnedStatistic against numpy 1.24 / scipy 1.10
// (tests/fixtures/core_histogram.json, written by tests/fixtures/gen_core_histogram.py). Indices,
// counts, edges, sums and means exact; std to 1e-14; weighted histograms over explicit edges to
// 1e-12 (numpy sums those through cumulative sums of weights sorted by an unstable sort).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binnedStatistic, digitize, histogram, searchsorted, tensor, ValueError } from '../src/index.js';
import { decodeNested } from './helpers.js';

const fx: any = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/core_histogram.json', import.meta.url), 'utf8'),
);
// the fixture writes NaN as null where scipy returned it for an empty bin, and as 'nan' elsewhere
const dec = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(dec) : v === null ? Number.NaN : decodeNested(v);

const named = (list: any[], name: (c: any, i: number) => string): [string, any][] =>
  list.map((c, i) => [name(c, i), c]);

function close(received: number[], expected: number[], rtol: number): void {
  expect(received.length).toBe(expected.length);
  received.forEach((r, i) => {
    const e = expected[i]!;
    if (Number.isNaN(e)) expect(r, `entry ${i}`).toBeNaN();
    else
      expect(Math.abs(r - e), `entry ${i}: ${r} vs ${e}`).toBeLessThanOrEqual(
        rtol * Math.max(1, Math.abs(e)),
      );
  });
}

describe('searchsorted (numpy.searchsorted)', () => {
  it.each(named(fx.searchsorted, (c, i) => `case ${i} side ${c.side}`))('equals numpy: %s', (_, c) => {
    const r = searchsorted(tensor(dec(c.a) as number[]), tensor(dec(c.v) as number[]), { side: c.side });
    expect(r.dtype).toBe('int32');
    expect(r.toArray()).toEqual(c.result);
  });

  it('names a bad side', () => {
    expect(() => searchsorted([1, 2], [1], { side: 'middle' as 'left' })).toThrow(
      /searchsorted.*side must be 'left' or 'right', received "middle"/,
    );
    expect(() => searchsorted([[1, 2]], [1])).toThrow(ValueError);
  });
});

describe('digitize (numpy.digitize)', () => {
  it.each(named(fx.digitize, (c) => `bins ${c.bins} right ${c.right}`))('equals numpy: %s', (_, c) => {
    expect(digitize(c.x, c.bins, { right: c.right }).toArray()).toEqual(c.result);
  });

  it('refuses bins that are not monotonic', () => {
    expect(() => digitize([1], [0, 2, 1])).toThrow(/bins must be monotonically increasing or decreasing/);
  });
});

describe('histogram (numpy.histogram)', () => {
  it.each(
    named(
      fx.histogram,
      (c, i) =>
        `case ${i}: bins ${Array.isArray(c.bins) ? 'edges' : c.bins}${c.range ? ' range' : ''}${c.weights ? ' weights' : ''}${c.density ? ' density' : ''}`,
    ),
  )('equals numpy: %s', (_, c) => {
    const { hist, binEdges } = histogram(c.a, {
      bins: c.bins,
      range: c.range ?? null,
      weights: c.weights ?? null,
      density: c.density ?? false,
    });
    expect(binEdges.toArray()).toEqual(c.bin_edges);
    if (c.weights && Array.isArray(c.bins)) close(hist.toArray() as number[], c.hist, 1e-12);
    else expect(hist.toArray()).toEqual(c.hist);
    expect(hist.dtype).toBe(c.weights || c.density ? 'float64' : 'int32');
  });

  it('counts each value once, the last bin closed, past 65536 values', () => {
    const n = 200_003;
    const a = Float64Array.from({ length: n }, (_, i) => (i % 1000) / 999);
    const { hist } = histogram(a, { bins: 7 });
    const byEdges = histogram(a, { bins: histogram(a, { bins: 7 }).binEdges });
    expect((hist.toArray() as number[]).reduce((s, v) => s + v, 0)).toBe(n);
    expect(byEdges.hist.toArray()).toEqual(hist.toArray());
  });

  it('names bad arguments', () => {
    expect(() => histogram([1, 2], { bins: 0 })).toThrow(
      /histogram.*bins must be a positive integer or an array of edges, received 0/,
    );
    expect(() => histogram([1, 2], { bins: [0, 2, 1] })).toThrow(
      /bins must increase monotonically: edge 2 is 1, after 2/,
    );
    expect(() => histogram([1, 2], { range: [2, 1] })).toThrow(
      /range must have min ≤ max, received \[2, 1\]/,
    );
    expect(() => histogram([1, Number.NaN])).toThrow(/non-finite value \(NaN\)/);
    expect(() => histogram([1, 2], { weights: [1] })).toThrow(/received 1 weights for 2 values/);
    expect(histogram([1, Number.NaN], { bins: [0, 1, 2] }).hist.toArray()).toEqual([0, 1]);
  });
});

describe('binnedStatistic (scipy.stats.binned_statistic)', () => {
  it.each(
    named(
      fx.binned,
      (c, i) =>
        `case ${i}: ${c.statistic}, bins ${Array.isArray(c.bins) ? `${c.bins.length} edges` : c.bins}${c.range ? ' with a range' : ''}${Array.isArray(c.values[0]) ? ', two rows' : ''}`,
    ),
  )('equals scipy: %s', (_, c) => {
    const r = binnedStatistic(c.x, c.values, { statistic: c.statistic, bins: c.bins, range: c.range });
    expect(r.binnumber.toArray()).toEqual(c.binnumber);
    expect(r.binEdges.toArray()).toEqual(c.bin_edges);
    const got = (r.statistic.toArray() as number[] | number[][]).flat() as number[];
    const want = (dec(c.result) as number[] | number[][]).flat() as number[];
    if (c.statistic === 'std') close(got, want, 1e-14);
    else
      got.forEach((g, i) => {
        if (Number.isNaN(want[i]!)) expect(g).toBeNaN();
        else expect(g).toBe(want[i]);
      });
  });

  it('the notebook 18.2 bins: 3.0 lands in the last bin of arange(-3, 3.01, 0.01), 3.0000001 in none', () => {
    const c = fx.binned.at(-1);
    const r = binnedStatistic([3.0, 3.0000001], [1, 2], { statistic: 'count', bins: c.bins });
    expect(r.binnumber.toArray()).toEqual([600, 601]);
    expect((r.statistic.toArray() as number[]).at(-1)).toBe(1);
  });

  it('takes a function of each bin, NaN rules as scipy, and names bad arguments', () => {
    const r = binnedStatistic([0.1, 0.2, 0.7], [1, 2, 10], {
      statistic: (v) => v.reduce((a, b) => a + b * b, 0),
      bins: 2,
      range: [0, 1],
    });
    expect(r.statistic.toArray()).toEqual([5, 100]);
    const nan = binnedStatistic([0.1, 0.2, 0.7], [Number.NaN, 2, 10], {
      statistic: 'min',
      bins: 2,
      range: [0, 1],
    });
    expect(nan.statistic.toArray()).toEqual([2, 10]);
    const nanMax = binnedStatistic([0.1, 0.2], [2, Number.NaN], { statistic: 'max', bins: 1, range: [0, 1] });
    expect((nanMax.statistic.toArray() as number[])[0]).toBeNaN();
    expect(() => binnedStatistic([1, 2], [1, 2], { statistic: 'mode' as 'mean' })).toThrow(
      /binnedStatistic.*statistic must be one of 'mean', 'std', 'median', 'count', 'sum', 'min', 'max' or a function of a bin's values, received "mode"/,
    );
    expect(() => binnedStatistic([1, 2], [1, 2, 3])).toThrow(/x has 2, values have shape \[3\]/);
    expect(() => binnedStatistic([1, 2], [1, 2], { bins: [0, 0, 1] })).toThrow(
      /smallest edge difference is numerically 0/,
    );
    expect(() => binnedStatistic([1, Number.NaN], [1, 2])).toThrow(/non-finite value/);
  });
});
