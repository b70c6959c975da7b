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
  const m2 = m.map((mi, i) => beta1 * mi + (1 - beta1) * grad[i]!);
  const v2 = v.map((vi, i) => beta2 * vi + (1 - beta2) * grad[i]! * grad[i]!);
  const p2 = param.map((p, i) => {
    const mHat = m2[i]! / (1 - beta1 ** step);
    const vHat = v2[i]! / (1 - beta2 ** step);
    return p - (lr * mHat) / (Math.sqrt(vHat) + eps);
  });
  return { param: p2, m: m2, v: v2 };
}
