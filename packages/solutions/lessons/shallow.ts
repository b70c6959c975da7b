export function relu(preactivation: number[]): number[] {
  return preactivation.map((z) => (z > 0 ? z : 0));
}

export interface ShallowParts {
  y: number[];
  pre1: number[];
  pre2: number[];
  pre3: number[];
  act1: number[];
  act2: number[];
  act3: number[];
  wAct1: number[];
  wAct2: number[];
  wAct3: number[];
}

export function shallow1_1_3(
  x: number[],
  activationFn: (z: number[]) => number[],
  phi0: number,
  phi1: number,
  phi2: number,
  phi3: number,
  theta10: number,
  theta11: number,
  theta20: number,
  theta21: number,
  theta30: number,
  theta31: number,
): ShallowParts {
  // the three initial lines (figure 3.3a-c)
  const pre1 = x.map((xi) => theta10 + theta11 * xi);
  const pre2 = x.map((xi) => theta20 + theta21 * xi);
  const pre3 = x.map((xi) => theta30 + theta31 * xi);
  // through the activation function (d-f)
  const act1 = activationFn(pre1);
  const act2 = activationFn(pre2);
  const act3 = activationFn(pre3);
  // weighted by phi (g-i)
  const wAct1 = act1.map((a) => phi1 * a);
  const wAct2 = act2.map((a) => phi2 * a);
  const wAct3 = act3.map((a) => phi3 * a);
  // summed, plus phi0 (j)
  const y = x.map((_, i) => phi0 + wAct1[i]! + wAct2[i]! + wAct3[i]!);
  return { y, pre1, pre2, pre3, act1, act2, act3, wAct1, wAct2, wAct3 };
}
