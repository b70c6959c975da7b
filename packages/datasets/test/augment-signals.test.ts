// augmentSignals: the originals first, then rows rolled by a random offset and scaled by a random
// gain, equal draw for draw to numpy (tests/fixtures/udl_augmentation.json, written by
// tests/fixtures/gen_udl_augmentation.py: Notebook 9.5's augment, exact); bad arguments throw.
import { readFileSync } from 'node:fs';
import { PythonRandom, RandomState, ShapeError, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { augmentSignals } from '../src/index.js';

interface Run {
  indices: number[];
  x: number[][];
  y: number[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/udl_augmentation.json', import.meta.url), 'utf8'),
) as { x: number[][]; y: number[]; drawn: Run; notebook: Run; wide: Run & { scale: [number, number] } };
const x = tensor(fx.x, { dtype: 'float64' });
const y = tensor(fx.y);

describe('augmentSignals', () => {
  it('equals numpy when rng draws the rows, shifts and gains (RandomState(1))', () => {
    const out = augmentSignals(x, y, 25, new RandomState(1));
    expect(out.x.shape).toEqual([55, 40]);
    expect(out.x.dtype).toBe('float64');
    expect(out.y.dtype).toBe('int32');
    expect(out.x.toArray()).toEqual(fx.drawn.x);
    expect(out.y.toList()).toEqual(fx.drawn.y);
  });

  it("equals Notebook 9.5's loop: rows from Python's random, shift and gain from np.random", () => {
    const py = new PythonRandom(0);
    const indices = Array.from({ length: 25 }, () => py.randint(0, 29));
    expect(indices).toEqual(fx.notebook.indices);
    const out = augmentSignals(x, y, 25, new RandomState(1), { indices });
    expect(out.x.toArray()).toEqual(fx.notebook.x);
    expect(out.y.toList()).toEqual(fx.notebook.y);
  });

  it('takes the gain range from options.scale and keeps float32 input float32', () => {
    const out = augmentSignals(x, y, 10, new RandomState(7), { scale: fx.wide.scale });
    expect(out.x.toArray()).toEqual(fx.wide.x);
    const f32 = augmentSignals(tensor(fx.x, { dtype: 'float32' }), y, 3, new RandomState(7));
    expect(f32.x.dtype).toBe('float32');
    expect(f32.x.shape).toEqual([33, 40]);
    const same = augmentSignals(x, y, 0, new RandomState(0));
    expect(same.x.toArray()).toEqual(fx.x);
  });

  it('bad arguments throw, naming them', () => {
    const rng = new RandomState(0);
    expect(() => augmentSignals(tensor([1, 2, 3]), y, 1, rng)).toThrow(ShapeError);
    expect(() => augmentSignals(x, tensor([1, 2]), 1, rng)).toThrow(/y must be \[N\] labels/);
    expect(() => augmentSignals(x, y, -1, rng)).toThrow(/count must be a non-negative integer/);
    expect(() => augmentSignals(x, y, 1, rng, { scale: [1.2, 0.8] })).toThrow(ValueError);
    expect(() => augmentSignals(x, y, 2, rng, { indices: [0] })).toThrow(/options.indices must hold/);
    expect(() => augmentSignals(x, y, 1, rng, { indices: [30] })).toThrow(/indices\[0\]/);
    expect(() => augmentSignals(x, y, 1, {} as RandomState)).toThrow(/rng must be a RandomState/);
  });
});
