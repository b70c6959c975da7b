export type Grid = number[][];

export interface Shallow213Parts {
  y: Grid;
  pre1: Grid;
  pre2: Grid;
  pre3: Grid;
  act1: Grid;
  act2: Grid;
  act3: Grid;
  wAct1: Grid;
  wAct2: Grid;
  wAct3: Grid;
}

/** theta0 + theta1 * x1 + theta2 * x2 at every grid point. */
function plane(x1: Grid, x2: Grid, theta0: number, theta1: number, theta2: number): Grid {
  return x1.map((row, i) => row.map((a, j) => theta0 + theta1 * a + theta2 * x2[i]![j]!));
}

function scale(phi: number, g: Grid): Grid {
  return g.map((row) => row.map((v) => phi * v));
}

function sum(offset: number, ...gs: Grid[]): Grid {
  return gs[0]!.map((row, i) => row.map((_, j) => gs.reduce((s, g) => s + g[i]![j]!, offset)));
}

export function shallow2_1_3(
  x1: Grid,
  x2: Grid,
  activationFn: (z: Grid) => Grid,
  phi0: number,
  phi1: number,
  phi2: number,
  phi3: number,
  theta10: number,
  theta11: number,
  theta12: number,
  theta20: number,
  theta21: number,
  theta22: number,
  theta30: number,
  theta31: number,
  theta32: number,
): Shallow213Parts {
  const pre1 = plane(x1, x2, theta10, theta11, theta12);
  const pre2 = plane(x1, x2, theta20, theta21, theta22);
  const pre3 = plane(x1, x2, theta30, theta31, theta32);
  const act1 = activationFn(pre1);
  const act2 = activationFn(pre2);
  const act3 = activationFn(pre3);
  const wAct1 = scale(phi1, act1);
  const wAct2 = scale(phi2, act2);
  const wAct3 = scale(phi3, act3);
  const y = sum(phi0, wAct1, wAct2, wAct3);
  return { y, pre1, pre2, pre3, act1, act2, act3, wAct1, wAct2, wAct3 };
}

export interface Shallow223Parts {
  y1: Grid;
  y2: Grid;
  pre1: Grid;
  pre2: Grid;
  pre3: Grid;
  act1: Grid;
  act2: Grid;
  act3: Grid;
  wAct11: Grid;
  wAct12: Grid;
  wAct13: Grid;
  wAct21: Grid;
  wAct22: Grid;
  wAct23: Grid;
}

export function shallow2_2_3(
  x1: Grid,
  x2: Grid,
  activationFn: (z: Grid) => Grid,
  phi10: number,
  phi11: number,
  phi12: number,
  phi13: number,
  phi20: number,
  phi21: number,
  phi22: number,
  phi23: number,
  theta10: number,
  theta11: number,
  theta12: number,
  theta20: number,
  theta21: number,
  theta22: number,
  theta30: number,
  theta31: number,
  theta32: number,
): Shallow223Parts {
  const pre1 = plane(x1, x2, theta10, theta11, theta12);
  const pre2 = plane(x1, x2, theta20, theta21, theta22);
  const pre3 = plane(x1, x2, theta30, theta31, theta32);
  const act1 = activationFn(pre1);
  const act2 = activationFn(pre2);
  const act3 = activationFn(pre3);
  const wAct11 = scale(phi11, act1);
  const wAct12 = scale(phi12, act2);
  const wAct13 = scale(phi13, act3);
  const wAct21 = scale(phi21, act1);
  const wAct22 = scale(phi22, act2);
  const wAct23 = scale(phi23, act3);
  const y1 = sum(phi10, wAct11, wAct12, wAct13);
  const y2 = sum(phi20, wAct21, wAct22, wAct23);
  return { y1, y2, pre1, pre2, pre3, act1, act2, act3, wAct11, wAct12, wAct13, wAct21, wAct22, wAct23 };
}
