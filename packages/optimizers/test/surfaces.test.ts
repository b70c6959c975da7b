// surfaceGrid: the loss of a surface over its plot window, row-major [n_y, n_x].
import { describe, expect, it } from 'vitest';
import { SURFACES, surfaceGrid } from '../src/surfaces.js';

describe('surfaceGrid', () => {
  it('evaluates the loss at every (x[i], y[j]) of the window, rows over y', () => {
    const s = SURFACES.gabor;
    const { x, y, values } = surfaceGrid(s, 5);
    expect(x[0]).toBe(s.xRange[0]);
    expect(x[4]).toBe(s.xRange[1]);
    expect(y[0]).toBe(s.yRange[0]);
    expect(y[4]).toBe(s.yRange[1]);
    expect(values).toHaveLength(25);
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 5; i++) expect(values[j * 5 + i]).toBe(s.loss([x[i]!, y[j]!]));
  });
  it('rejects a grid of fewer than two points', () => {
    expect(() => surfaceGrid(SURFACES.line, 1)).toThrow(/surfaceGrid: n must be an integer >= 2, received 1/);
    expect(() => surfaceGrid(SURFACES.line, 2.5)).toThrow(/received 2.5/);
  });
});
