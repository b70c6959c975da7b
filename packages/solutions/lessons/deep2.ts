export interface Shallow {
  phi0: number;
  phi1: number;
  phi2: number;
  phi3: number;
  theta10: number;
  theta11: number;
  theta20: number;
  theta21: number;
  theta30: number;
  theta31: number;
}

export function composedMatrices(n1: Shallow, n2: Shallow): { betas: number[][][]; omegas: number[][][] } {
  const t0 = [n2.theta10, n2.theta20, n2.theta30];
  const t1 = [n2.theta11, n2.theta21, n2.theta31];
  const phi = [n1.phi1, n1.phi2, n1.phi3];
  const beta0 = [[n1.theta10], [n1.theta20], [n1.theta30]];
  const omega0 = [[n1.theta11], [n1.theta21], [n1.theta31]];
  const beta1 = t0.map((b, d) => [b + t1[d]! * n1.phi0]);
  const omega1 = t1.map((w) => phi.map((p) => w * p));
  const beta2 = [[n2.phi0]];
  const omega2 = [[n2.phi1, n2.phi2, n2.phi3]];
  return { betas: [beta0, beta1, beta2], omegas: [omega0, omega1, omega2] };
}

function layer(beta: number[][], omega: number[][], h: number[][], relu: boolean): number[][] {
  const n = h[0]!.length;
  return omega.map((row, i) =>
    Array.from({ length: n }, (_, c) => {
      let f = beta[i]![0]!;
      for (let j = 0; j < row.length; j++) f += row[j]! * h[j]![c]!;
      return relu ? Math.max(0, f) : f;
    }),
  );
}

export function deepNetwork(x: number[][], betas: number[][][], omegas: number[][][]): number[][] {
  let h = x;
  for (let k = 0; k < betas.length; k++) h = layer(betas[k]!, omegas[k]!, h, k < betas.length - 1);
  return h;
}
