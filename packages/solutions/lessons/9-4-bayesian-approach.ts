// Worked solution of lesson 9-4-bayesian-approach (Notebook 9.4: Bayesian approach).
import type { RandomState } from '@gradkit/core';
import { inv, matmul, tensor } from '@gradkit/core';

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function computeParamMeanCovar(
  xData: number[],
  yData: number[],
  nHidden: number,
  sigmaSq: number,
  sigmaPSq: number,
  computeH: (xData: number[], nHidden: number) => number[][],
): [number[], number[][]] {
  const H = tensor(computeH(xData, nHidden));
  // Σ = (H Hᵀ / σ² + I / σp²)⁻¹
  const phiCovar = inv(
    matmul(H, H.T)
      .div(sigmaSq)
      .add(tensor(identity(nHidden + 1)).div(sigmaPSq)),
  );
  // μ = Σ H y / σ²
  const phiMean = matmul(phiCovar, matmul(H, tensor(yData))).div(sigmaSq);
  return [phiMean.toList() as number[], phiCovar.toArray() as number[][]];
}

export function samplePosterior(
  phiMean: number[],
  phiCovar: number[][],
  nSamples: number,
  rng: RandomState,
): number[][] {
  // Cholesky factor L with L Lᵀ = Σ
  const n = phiMean.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = phiCovar[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = i === j ? Math.sqrt(s) : s / L[j]![j]!;
    }
  }
  const samples: number[][] = [];
  for (let t = 0; t < nSamples; t++) {
    const z = Array.from({ length: n }, () => rng.standardNormal());
    samples.push(phiMean.map((m, i) => m + L[i]!.reduce((acc, l, k) => acc + l * z[k]!, 0)));
  }
  return samples;
}

export function inference(
  xStar: number,
  xData: number[],
  yData: number[],
  sigmaSq: number,
  sigmaPSq: number,
  nHidden: number,
  computeH: (xData: number[], nHidden: number) => number[][],
): [number, number] {
  const hStar = tensor(computeH([xStar], nHidden)); // (nHidden + 1, 1)
  const [phiMean, phiCovar] = computeParamMeanCovar(xData, yData, nHidden, sigmaSq, sigmaPSq, computeH);
  const yStarMean = matmul(hStar.T, tensor(phiMean)).item();
  const yStarVar = matmul(matmul(hStar.T, tensor(phiCovar)), hStar).item();
  return [yStarMean, yStarVar];
}
