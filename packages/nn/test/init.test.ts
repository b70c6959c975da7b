// Initialisers: PyTorch's formulas (gains, fans, bounds) and numpy-exact draws from RandomState
// (reference streams: tests/fixtures/gen_nn.py), Linear's default init, the book's He init.
import { readFileSync } from 'node:fs';
import { zeros as coreZeros, RandomState, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  calculateFans,
  calculateGain,
  constant,
  heInitialization,
  init,
  kaimingNormal,
  kaimingUniform,
  kaimingUniform_,
  Linear,
  normal,
  uniform,
  xavierNormal,
  xavierUniform,
  zeros,
  zeros_,
} from '../src/index.js';

const fx = JSON.parse(readFileSync(new URL('../../../tests/fixtures/nn_book.json', import.meta.url), 'utf8'));

function stats(v: number[]) {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
  return { mean: m, std: Math.sqrt(s2), min: Math.min(...v), max: Math.max(...v) };
}

describe('PyTorch formulas', () => {
  it('calculateGain matches torch.nn.init.calculate_gain', () => {
    expect(calculateGain('linear')).toBe(1);
    expect(calculateGain('sigmoid')).toBe(1);
    expect(calculateGain('tanh')).toBeCloseTo(5 / 3, 15);
    expect(calculateGain('relu')).toBeCloseTo(Math.SQRT2, 15);
    expect(calculateGain('leaky_relu')).toBeCloseTo(Math.sqrt(2 / (1 + 0.01 ** 2)), 15);
    expect(calculateGain('leaky_relu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(calculateGain('selu')).toBe(0.75);
    expect(() => calculateGain('swish' as never)).toThrow(ValueError);
  });
  it('fans of linear and conv weights', () => {
    expect(calculateFans([100, 40])).toEqual({ fanIn: 40, fanOut: 100 });
    expect(calculateFans([20, 10, 5, 5])).toEqual({ fanIn: 250, fanOut: 500 });
    expect(() => calculateFans([7])).toThrow(/fewer than 2 dimensions, received shape \[7\]/);
  });
});

describe('draws follow numpy RandomState streams in row-major order', () => {
  it('Linear default init = U(-1/√in, 1/√in): weight first, then bias (numpy fixture)', () => {
    const ref = fx.linear_default_seed0;
    const fc = new Linear(ref.inFeatures, ref.outFeatures, { rng: new RandomState(0), dtype: 'float64' });
    expect(fc.weight.toList()).toEqual(ref.weight.flat());
    expect(fc.bias!.toList()).toEqual(ref.bias);
    const f32 = new Linear(ref.inFeatures, ref.outFeatures, { rng: new RandomState(0) });
    expect(f32.weight.dtype).toBe('float32');
    expect(f32.weight.toList()).toEqual(Array.from(Float32Array.from(ref.weight.flat())));
  });
  it('Linear default init distribution: bounded by 1/√in, mean 0, std b/√3', () => {
    const fc = new Linear(400, 300, { rng: new RandomState(5), dtype: 'float64' });
    const b = 1 / Math.sqrt(400);
    const s = stats(fc.weight.toList());
    expect(s.min).toBeGreaterThanOrEqual(-b);
    expect(s.max).toBeLessThan(b);
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * b * 3);
    expect(s.std / (b / Math.sqrt(3))).toBeCloseTo(1, 2);
    const sb = stats(fc.bias!.toList());
    expect(sb.min).toBeGreaterThanOrEqual(-b);
    expect(sb.max).toBeLessThan(b);
  });
  it('kaimingUniform (the coursework He init) = U(±√(6/fanIn))', () => {
    const w = kaimingUniform([100, 40], { rng: new RandomState(1), dtype: 'float64' });
    expect(w.toList().slice(0, 50)).toEqual(fx.kaiming_uniform_seed1_100x40);
    const t = coreZeros([100, 40]);
    kaimingUniform_(t, { rng: new RandomState(1) });
    expect(t.toList()).toEqual(w.toList());
  });
  it('xavierNormal = N(0, 2/(fanIn+fanOut))', () => {
    const w = xavierNormal([10, 20], { rng: new RandomState(2), dtype: 'float64' });
    const ref = fx.xavier_normal_seed2_10x20.flat();
    const got = w.toList();
    for (let i = 0; i < ref.length; i++) expect(got[i]).toBeCloseTo(ref[i], 14);
  });
  it("the book's He initialization: rng.normal(size=(D_out, D_in)) * √(2/D_in), zero biases", () => {
    const { omega, beta } = heInitialization(5, 4, new RandomState(3));
    const ref = fx.he_book_seed3_5x4.flat();
    const got = omega.toList();
    for (let i = 0; i < ref.length; i++) expect(got[i]).toBeCloseTo(ref[i], 14);
    expect(beta.shape).toEqual([5, 1]);
    expect(beta.toList().every((v) => v === 0)).toBe(true);
  });
});

describe('distributions of the remaining initialisers', () => {
  const rng = new RandomState(11);
  it('kaimingNormal std = gain/√fan (fanOut mode, relu)', () => {
    const s = stats(
      kaimingNormal([200, 300], { rng, mode: 'fanOut', nonlinearity: 'relu', dtype: 'float64' }).toList(),
    );
    expect(s.std / Math.sqrt(2 / 200)).toBeCloseTo(1, 1);
  });
  it('xavierUniform bound = gain·√(6/(fanIn+fanOut))', () => {
    const b = 2 * Math.sqrt(6 / 500);
    const s = stats(xavierUniform([200, 300], { rng, gain: 2 }).toList());
    expect(s.max).toBeLessThanOrEqual(b);
    expect(s.min).toBeGreaterThanOrEqual(-b);
    expect(s.max).toBeGreaterThan(0.99 * b);
  });
  it('uniform, normal, constant, zeros', () => {
    const u = stats(uniform([10000], { rng, low: 2, high: 3 }).toList());
    expect(u.min).toBeGreaterThanOrEqual(2);
    expect(u.max).toBeLessThan(3);
    const n = stats(normal([20000], { rng, mean: 1, std: 0.5, dtype: 'float64' }).toList());
    expect(n.mean).toBeCloseTo(1, 1);
    expect(n.std).toBeCloseTo(0.5, 1);
    expect(constant([2], 7).toList()).toEqual([7, 7]);
    expect(zeros([3]).toList()).toEqual([0, 0, 0]);
    const t = constant([2], 3);
    expect(zeros_(t).toList()).toEqual([0, 0]);
    expect(init.ones_(t).toList()).toEqual([1, 1]); // the nn.init-style namespace
  });
});
