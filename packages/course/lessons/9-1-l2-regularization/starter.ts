// gradkit lesson 9-1-l2-regularization: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 9-1-l2-regularization 9-1-l2-regularization.ts
// --- exercise reg-term: The regularization term
/** The term in large brackets of L'[φ] = L[φ] + λ·(φ0² + (φ1 − 12.5)²). */
export function computeRegTerm(phi0: number, phi1: number): number {
  throw new Error('TODO: compute the regularization term');
}

// --- exercise dreg-dphi0: The derivative of the penalty with respect to φ0
/** ∂/∂φ0 of λ·(φ0² + (φ1 − 12.5)²), with phi = [phi0, phi1]. */
export function dregdphi0(phi: number[], lambda: number): number {
  throw new Error('TODO: compute the derivative with respect to phi0');
}

// --- exercise dreg-dphi1: The derivative of the penalty with respect to φ1
/** ∂/∂φ1 of λ·(φ0² + (φ1 − 12.5)²), with phi = [phi0, phi1]. */
export function dregdphi1(phi: number[], lambda: number): number {
  throw new Error('TODO: compute the derivative with respect to phi1');
}
