// gradkit lesson 18-2-1d-diffusion-model: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 18-2-1d-diffusion-model 18-2-1d-diffusion-model.ts
import type { RandomState } from '@gradkit/core';

// --- exercise conditional-diffusion-distribution: The conditional diffusion distribution
/**
 * q(z_{t−1} | z_t, x) (equation 18.15), with `α_t = (1 − beta)^t`: return `[cdMean, cdStd]`,
 * the mean `(1 − α_{t−1}) / (1 − α_t) · √(1 − beta) · zT[i] + √α_{t−1} · beta / (1 − α_t) · x[i]`
 * for each pair and the standard deviation `√(beta (1 − α_{t−1}) / (1 − α_t))`.
 */
export function conditionalDiffusionDistribution(
  x: number[],
  zT: number[],
  t: number,
  beta: number,
): [number[], number] {
  throw new Error('TODO: compute the mean and standard deviation of q(z_{t-1} | z_t, x)');
}

// --- exercise sample: Sample from the diffusion model
/**
 * Ancestral sampling (equation 18.16): `samples[T]` from `rng.standardNormal(nSamples)`, then for
 * t = T … 1, `samples[t − 1] = model[t − 1].predict(samples[t])` plus `sigmaT` times a fresh
 * vector of `nSamples` standard normals. Return the `T + 1` rows.
 */
export function sample(
  model: { predict(zt: ArrayLike<number>): ArrayLike<number> }[],
  T: number,
  sigmaT: number,
  nSamples: number,
  rng: RandomState,
): number[][] {
  throw new Error('TODO: run the diffusion model from z_T = noise down to x');
}
