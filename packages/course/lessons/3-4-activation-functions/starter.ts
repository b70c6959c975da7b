// gradkit lesson 3-4-activation-functions: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 3-4-activation-functions 3-4-activation-functions.ts
// --- exercise sigmoid: A steep logistic sigmoid
/** The notebook's `sigmoid`: 1 / (1 + exp(-10 z)) for every element of `preactivation`. */
export function sigmoid(preactivation: number[]): number[] {
  throw new Error('TODO: write code to implement the sigmoid function (use Math.exp)');
}

// --- exercise heaviside: The Heaviside step
/** The notebook's `heaviside`: 0 for z < 0, 1 for z >= 0, for every element of `preactivation`. */
export function heaviside(preactivation: number[]): number[] {
  throw new Error('TODO: write code to implement the heaviside function');
}
