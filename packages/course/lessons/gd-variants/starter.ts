// gradkit lesson gd-variants: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson gd-variants gd-variants.ts
// --- exercise adam-step: One step of Adam
/** One Adam update of every coordinate; returns the new parameters and moments. */
export function adamStep(
  param: number[],
  grad: number[],
  m: number[],
  v: number[],
  step: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
): { param: number[]; m: number[]; v: number[] } {
  throw new Error('TODO');
}
