// Notebook 6.2 with its three exercises completed.
type Model = (phi: number[], x: number) => number;

// --- exercise compute-loss: The sum-of-squares loss
/** Σ_i (model(phi, x_i) − y_i)² over the data. */
export function computeLoss(dataX: number[], dataY: number[], model: Model, phi: number[]): number {
  let loss = 0;
  for (let i = 0; i < dataX.length; i++) {
    const predY = model(phi, dataX[i]!);
    loss += (predY - dataY[i]!) * (predY - dataY[i]!);
  }
  return loss;
}

// --- exercise compute-gradient: The gradient of the loss of a line
/** [∂L/∂φ0, ∂L/∂φ1] for L = Σ (φ0 + φ1 x − y)². */
export function computeGradient(dataX: number[], dataY: number[], phi: number[]): number[] {
  let dlDphi0 = 0;
  let dlDphi1 = 0;
  for (let i = 0; i < dataX.length; i++) {
    const r = phi[0]! + phi[1]! * dataX[i]! - dataY[i]!;
    dlDphi0 += 2 * r;
    dlDphi1 += 2 * r * dataX[i]!;
  }
  return [dlDphi0, dlDphi1];
}

// Given: the line search of Notebook 6.1 and the 1-D loss along a search direction.
/** The loss after moving `distProp` against `searchDirection` from `phiStart`. */
export function lossFunction1D(
  distProp: number,
  data: number[][],
  model: Model,
  phiStart: number[],
  searchDirection: number[],
): number {
  const phi = phiStart.map((p, k) => p - searchDirection[k]! * distProp);
  return computeLoss(data[0]!, data[1]!, model, phi);
}

/** Bracketing line search over step sizes in [0, maxDist]; returns the best step. */
export function lineSearch(
  data: number[][],
  model: Model,
  phi: number[],
  gradient: number[],
  thresh = 0.00001,
  maxDist = 0.1,
  maxIter = 15,
): number {
  let a = 0;
  let b = 0.33 * maxDist;
  let c = 0.66 * maxDist;
  let d = 1.0 * maxDist;
  let nIter = 0;
  while (Math.abs(b - c) > thresh && nIter < maxIter) {
    nIter = nIter + 1;
    const lossa = lossFunction1D(a, data, model, phi, gradient);
    const lossb = lossFunction1D(b, data, model, phi, gradient);
    const lossc = lossFunction1D(c, data, model, phi, gradient);
    const lossd = lossFunction1D(d, data, model, phi, gradient);
    // Rule #1: if a is lowest, halve the distance from a to b, c and d
    if (lossa <= lossb && lossa <= lossc && lossa <= lossd) {
      b = a + (b - a) / 2;
      c = a + (c - a) / 2;
      d = a + (d - a) / 2;
      continue;
    }
    // Rule #2: if b is lower than c, d becomes c, and b, c are 1/3 and 2/3 between a and d
    if (lossb < lossc) {
      d = c;
      b = a + (d - a) / 3;
      c = a + (2 * (d - a)) / 3;
      continue;
    }
    // Rule #3: otherwise a becomes b, and b, c are 1/3 and 2/3 between a and d
    a = b;
    b = a + (d - a) / 3;
    c = a + (2 * (d - a)) / 3;
  }
  // Return the average of the two middle points
  return (b + c) / 2.0;
}

// --- exercise gradient-descent-step: A gradient-descent step with line search
/** One step of gradient descent (UDL eq. 6.3) with the step size from lineSearch. */
export function gradientDescentStep(phi: number[], data: number[][], model: Model): number[] {
  const gradient = computeGradient(data[0]!, data[1]!, phi);
  const alpha = lineSearch(data, model, phi, gradient);
  return phi.map((p, k) => p - alpha * gradient[k]!);
}
