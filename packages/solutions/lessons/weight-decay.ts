export function sgdWeightDecayStep(w: number[], grad: number[], lr: number, weightDecay: number): number[] {
  return w.map((wi, i) => wi - lr * (grad[i]! + weightDecay * wi));
}
