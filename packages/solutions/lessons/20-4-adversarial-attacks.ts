/** The fast gradient sign method: x′ = x + ε·sign(∂L/∂x), sign(0) = 0 as torch.sign. */
export function fgsmAttack(x: number[][][][], epsilon: number, dLdx: number[][][][]): number[][][][] {
  return x.map((xn, n) =>
    xn.map((xc, c) => xc.map((xr, r) => xr.map((v, w) => v + epsilon * Math.sign(dLdx[n]![c]![r]![w]!)))),
  );
}

/** nSteps FGSM steps of size epsilon, the gradient recomputed at the current image before each. */
export function iterativeFgsmAttack(
  x: number[][][][],
  y: number[],
  epsilon: number,
  nSteps: number,
  lossGradient: (x: number[][][][], y: number[]) => number[][][][],
): number[][][][] {
  let xk = x;
  for (let k = 0; k < nSteps; k++) xk = fgsmAttack(xk, epsilon, lossGradient(xk, y));
  return xk;
}
