// gradkit lesson autograd-intro: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson autograd-intro autograd-intro.ts
// --- exercise neg-likelihood-linreg: Negative log-likelihood of linear regression
/** 0.5 / sigma² · Σ_n (x_n · w − y_n)². */
export function negLikelihoodLinreg(w: number[], x: number[][], y: number[], sigma: number): number {
  throw new Error('TODO');
}
