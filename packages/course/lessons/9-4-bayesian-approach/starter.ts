// gradkit lesson 9-4-bayesian-approach: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 9-4-bayesian-approach 9-4-bayesian-approach.ts
import type { RandomState } from '@gradkit/core';

// --- exercise param-mean-covar: The posterior over the parameters
/**
 * With `H = computeH(xData, nHidden)` (`(nHidden + 1) × n`, last row ones): the covariance
 * `Σ = (H Hᵀ / sigmaSq + I / sigmaPSq)⁻¹` and the mean `μ = Σ H y / sigmaSq`. Return `[μ, Σ]`.
 */
export function computeParamMeanCovar(
  xData: number[],
  yData: number[],
  nHidden: number,
  sigmaSq: number,
  sigmaPSq: number,
  computeH: (xData: number[], nHidden: number) => number[][],
): [number[], number[][]] {
  throw new Error('TODO: compute the posterior covariance and mean of the parameters');
}

// --- exercise posterior-samples: Draw networks from the posterior
/** `nSamples` draws `μ + L z` from `Norm[phiMean, phiCovar]`, `L Lᵀ = phiCovar`, `z` from `rng.standardNormal()`. */
export function samplePosterior(
  phiMean: number[],
  phiCovar: number[][],
  nSamples: number,
  rng: RandomState,
): number[][] {
  throw new Error('TODO: draw nSamples parameter vectors from the posterior');
}

// --- exercise inference: The posterior predictive distribution
/**
 * With `h* = computeH([xStar], nHidden)` (one column), return `[yStarMean, yStarVar]`:
 * `h*ᵀ Σ H y / sigmaSq` and `h*ᵀ Σ h*`, `Σ` the posterior covariance.
 */
export function inference(
  xStar: number,
  xData: number[],
  yData: number[],
  sigmaSq: number,
  sigmaPSq: number,
  nHidden: number,
  computeH: (xData: number[], nHidden: number) => number[][],
): [number, number] {
  throw new Error('TODO: compute the mean and variance of y* at xStar');
}
