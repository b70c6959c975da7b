// Coursework IV (../shared/seeds/udl-cm20315-coursework_iv.md): the geometry of high-dimensional
// spaces. Expected values from tests/fixtures/coursework_iv.json, written by
// tests/fixtures/gen_coursework_iv.py (numpy: np.random.seed(0) and the notebook's draw order;
// distances from coordinate differences; volumes with math.gamma).
// Tolerances: the printed numbers exactly (toFixed(3), as the notebook's %3.3f); full values to
// 1e-12 relative (the Gaussian draws agree with numpy to the last bit, but sums and distances may
// be accumulated in another order, and gamma may differ from math.gamma by an ulp).
import { readFileSync } from 'node:fs';
import {
  distanceRatio,
  hypersphereVolume,
  outerShellVolumeFraction,
  RandomState,
  random,
  seed,
  sum,
} from '@gradkit/core';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(readFileSync(new URL('../fixtures/coursework_iv.json', import.meta.url), 'utf8')) as {
  sum_1000D: number;
  sum_1000D_printed: string;
  x_2D_first_column: number[];
  x_1000D_last_value: number;
  distance_ratio: Record<string, number>;
  volume: Record<string, number>;
  outer_1_percent: Record<string, number>;
};

function close(actual: number, expected: number, rel = 1e-12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('Coursework IV: high-dimensional geometry', () => {
  // np.random.seed(0); x_2D, x_100D, x_1000D = np.random.normal(size=(n_dim, 1000)) for n_dim = 2, 100, 1000
  seed(0);
  const x2D = random.normal(0, 1, [2, 1000]);
  const x100D = random.normal(0, 1, [100, 1000]);
  const x1000D = random.normal(0, 1, [1000, 1000]);

  it('part (a) data: the 1000-D sum prints 1036.321, as the notebook says', () => {
    const s = sum(x1000D).item();
    expect(s.toFixed(3)).toBe('1036.321');
    expect(s.toFixed(3)).toBe(fx.sum_1000D_printed);
    close(s, fx.sum_1000D, 1e-13);
    expect(x2D.toList().filter((_, i) => i % 1000 === 0)).toEqual(fx.x_2D_first_column);
    expect(x1000D.data[x1000D.size - 1]).toBe(fx.x_1000D_last_value);
    // the process-wide generator and an explicit RandomState give the same stream
    const rs = new RandomState(0);
    rs.normal(0, 1, [2, 1000]);
    rs.normal(0, 1, [100, 1000]);
    const again = rs.normal(0, 1, [1000, 1000]).data;
    let same = again.length === x1000D.size;
    for (let i = 0; same && i < again.length; i++) same = again[i] === x1000D.data[i];
    expect(same).toBe(true);
  });

  it('part (a): ratio of largest to smallest distance in 2D, 100D and 1000D (the answer is the last)', () => {
    const got = { '2': distanceRatio(x2D), '100': distanceRatio(x100D), '1000': distanceRatio(x1000D) };
    for (const d of ['2', '100', '1000'] as const) {
      expect(got[d].toFixed(3), `${d}D`).toBe(fx.distance_ratio[d]!.toFixed(3));
      close(got[d], fx.distance_ratio[d]!);
    }
    expect(got['1000']).toBeLessThan(got['100']);
    expect(got['100']).toBeLessThan(got['2']);
  });

  it('part (b): volume of a unit-diameter hypersphere in 1..10 dimensions (the answer is the last)', () => {
    for (let d = 1; d <= 10; d++) {
      const v = hypersphereVolume(1, d);
      expect(v.toFixed(3), `${d}D`).toBe(fx.volume[String(d)]!.toFixed(3));
      close(v, fx.volume[String(d)]!, 1e-14);
    }
    // the notebook's check: in 2D the formula gives the area of a circle of radius 0.5
    close(hypersphereVolume(1, 2), Math.PI * 0.25, 1e-15);
  });

  it('part (c): proportion of volume in the outer 1% of the radius (the answer is the last)', () => {
    for (const d of [1, 2, 10, 20, 50, 100, 150, 200, 250, 300]) {
      const p = outerShellVolumeFraction(d);
      expect(p.toFixed(3), `${d}D`).toBe(fx.outer_1_percent[String(d)]!.toFixed(3));
      close(p, fx.outer_1_percent[String(d)]!, 1e-12);
    }
  });
});
