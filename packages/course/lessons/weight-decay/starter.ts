// gradkit lesson weight-decay: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson weight-decay weight-decay.ts
// --- exercise sgd-weight-decay: SGD with weight decay
/** w − lr · (grad + weightDecay · w). */
export function sgdWeightDecayStep(w: number[], grad: number[], lr: number, weightDecay: number): number[] {
  throw new Error('TODO');
}
