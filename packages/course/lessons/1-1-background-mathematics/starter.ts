// gradkit lesson 1-1-background-mathematics: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 1-1-background-mathematics 1-1-background-mathematics.ts
// --- exercise linear-function-1d: A linear function of one input
/** y = β + ωx. */
export function linearFunction1D(x: number, beta: number, omega: number): number {
  throw new Error('TODO: replace this with the formula for the 1D linear equation');
}

// --- exercise linear-function-2d: A linear function of two inputs
/** y = β + ω1·x1 + ω2·x2. */
export function linearFunction2D(
  x1: number,
  x2: number,
  beta: number,
  omega1: number,
  omega2: number,
): number {
  throw new Error('TODO: replace this with the formula for the 2D linear equation');
}

// --- exercise linear-function-3d: A linear function of three inputs
/** y = β + ω1·x1 + ω2·x2 + ω3·x3. */
export function linearFunction3D(
  x1: number,
  x2: number,
  x3: number,
  beta: number,
  omega1: number,
  omega2: number,
  omega3: number,
): number {
  throw new Error('TODO: replace this with the formula for a single 3D linear equation');
}

// --- exercise matrix-form: Several linear equations at once: y = β + Ωx
/** y = β + Ωx: one output per row of omega. */
export function linearMatrixForm(beta: number[], omega: number[][], x: number[]): number[] {
  throw new Error('TODO: compute every equation at once');
}
