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

export function relu(z: number[]): number[] {
  return z.map((v) => (v > 0 ? v : 0));
}

function shallow(x: number, n: Shallow): number {
  const r = (v: number) => (v > 0 ? v : 0);
  return (
    n.phi0 +
    n.phi1 * r(n.theta10 + n.theta11 * x) +
    n.phi2 * r(n.theta20 + n.theta21 * x) +
    n.phi3 * r(n.theta30 + n.theta31 * x)
  );
}

export function composedNetwork(x: number[], n1: Shallow, n2: Shallow): number[] {
  return x.map((xi) => shallow(shallow(xi, n1), n2));
}
