// Notebook 6.3 with its exercises completed.
import type { RandomState } from '@gradkit/core';

type Model = (phi: number[], x: number) => number;

export function computeLoss(dataX: number[], dataY: number[], model: Model, phi: number[]): number {
  let loss = 0;
  for (let i = 0; i < dataX.length; i++) {
    const predY = model(phi, dataX[i]!);
    loss += (predY - dataY[i]!) ** 2;
  }
  return loss;
}

export function computeGradient(dataX: number[], dataY: number[], phi: number[]): number[] {
  let dlDphi0 = 0;
  let dlDphi1 = 0;
  for (let i = 0; i < dataX.length; i++) {
    const x = 0.06 * phi[1]! * dataX[i]! + phi[0]!;
    const cosComponent = Math.cos(x);
    const sinComponent = Math.sin(x);
    const gaussComponent = Math.exp((-0.5 * x * x) / 16);
    const residual = sinComponent * gaussComponent - dataY[i]!;
    const deriv = cosComponent * gaussComponent - (sinComponent * gaussComponent * x) / 16;
    dlDphi0 += 2 * deriv * residual;
    dlDphi1 += 2 * 0.06 * dataX[i]! * deriv * residual;
  }
  return [dlDphi0, dlDphi1];
}

export function gradientDescentStepFixedLearningRate(
  phi: number[],
  data: number[][],
  alpha: number,
): number[] {
  const gradient = computeGradient(data[0]!, data[1]!, phi);
  return [phi[0]! - alpha * gradient[0]!, phi[1]! - alpha * gradient[1]!];
}

export function stochasticGradientDescentStep(
  phi: number[],
  data: number[][],
  alpha: number,
  batchSize: number,
  rng: RandomState,
): number[] {
  const nData = data[0]!.length;
  const indices = rng.permutation(nData).toList() as number[];
  const batch = indices.slice(0, batchSize);
  const gradient = computeGradient(
    batch.map((i) => data[0]![i]!),
    batch.map((i) => data[1]![i]!),
    phi,
  );
  return [phi[0]! - alpha * gradient[0]!, phi[1]! - alpha * gradient[1]!];
}

export function scheduledLearningRate(alpha: number, beta: number, m: number, cStep: number): number {
  let lr = alpha;
  for (let k = 0; k < Math.floor(cStep / m); k++) lr *= beta;
  return lr;
}
