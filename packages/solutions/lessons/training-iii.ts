export function computeLoss(
  data: { x: number[]; y: number[] },
  model: (phi: number[], x: number) => number,
  phi: number[],
): number {
  let loss = 0;
  for (let i = 0; i < data.x.length; i++) loss += (model(phi, data.x[i]!) - data.y[i]!) ** 2;
  return loss;
}
