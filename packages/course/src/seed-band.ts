import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/**
 * The band a run seeded differently from PyTorch must fall in: PyTorch's spread over its seeds,
 * the mean ± 3 standard deviations (ddof 1), widened to the smallest and largest value seen. The
 * notebook tests compare the lessons' training runs with this band where PyTorch's random stream
 * (initialization, shuffling, dropout) cannot be reproduced.
 *
 * @example
 *   const [lo, hi] = seedBand([41.2, 43.0, 39.8, 42.5]); // PyTorch's errors over 4 seeds
 *   expect(ours).toBeGreaterThanOrEqual(lo);
 */
export function seedBand(values: readonly number[]): [number, number] {
  if (
    !Array.isArray(values) ||
    values.length < 2 ||
    values.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  )
    throw new ValueError('seedBand', `values must be at least 2 finite numbers, received ${show(values)}`);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return [Math.min(...values, mean - 3 * sd), Math.max(...values, mean + 3 * sd)];
}
