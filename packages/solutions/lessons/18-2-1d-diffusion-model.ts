// Worked solution of lesson 18-2-1d-diffusion-model (Notebook 18.2: 1D diffusion model).
import type { RandomState } from '@gradkit/core';

export function conditionalDiffusionDistribution(
  x: number[],
  zT: number[],
  t: number,
  beta: number,
): [number[], number] {
  // α_t = (1 − β)^t: how much of the data's variance is left after t steps
  const alphaT = (1 - beta) ** t;
  const alphaTMinus1 = (1 - beta) ** (t - 1);
  // equation 18.15: a weighted mix of where we are (z_t) and where the data is (x)
  const cdMean = x.map(
    (xi, i) =>
      ((1 - alphaTMinus1) / (1 - alphaT)) * Math.sqrt(1 - beta) * zT[i]! +
      ((Math.sqrt(alphaTMinus1) * beta) / (1 - alphaT)) * xi,
  );
  const cdStd = Math.sqrt((beta * (1 - alphaTMinus1)) / (1 - alphaT));
  return [cdMean, cdStd];
}

export function sample(
  model: { predict(zt: ArrayLike<number>): ArrayLike<number> }[],
  T: number,
  sigmaT: number,
  nSamples: number,
  rng: RandomState,
): number[][] {
  const samples: number[][] = new Array(T + 1);
  // z_T ~ Norm[0, 1]
  samples[T] = Array.from(rng.standardNormal(nSamples).data);
  for (let t = T; t > 0; t--) {
    // the mean of z_{t-1} predicted from z_t, then the decoder's noise
    const mean = model[t - 1]!.predict(samples[t]!);
    const noise = rng.standardNormal(nSamples).data;
    samples[t - 1] = Array.from(mean, (m, i) => m + noise[i]! * sigmaT);
  }
  return samples;
}
