// gradkit lesson 20-4-adversarial-attacks: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 20-4-adversarial-attacks 20-4-adversarial-attacks.ts

// --- exercise fgsm-attack: The fast gradient sign method
/**
 * The notebook's `fgsm_attack(x, epsilon, dLdx)`: x′ = x + ε·sign(∂L/∂x), with sign 0 where the
 * gradient is exactly 0 (`torch.sign`). `x`, `dLdx` and the result are `[N, C, H, W]`.
 */
export function fgsmAttack(x: number[][][][], epsilon: number, dLdx: number[][][][]): number[][][][] {
  throw new Error('TODO: get the sign of the gradient and add epsilon times it to x');
}

// --- exercise iterative-attack: The iterative attack
/**
 * `nSteps` FGSM steps of size `epsilon` from `x` (`[N, 1, 28, 28]`), calling
 * `lossGradient(xk, y)` (∂L/∂x at the current image) before each step. Returns the last image.
 */
export function iterativeFgsmAttack(
  x: number[][][][],
  y: number[],
  epsilon: number,
  nSteps: number,
  lossGradient: (x: number[][][][], y: number[]) => number[][][][],
): number[][][][] {
  throw new Error('TODO: take small FGSM steps, recomputing the gradient before each one');
}
