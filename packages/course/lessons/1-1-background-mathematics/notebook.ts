/**
 * Notebook 1.1 — Background Mathematics (`1_1_BackgroundMathematics.md`), the notebook translated
 * to library calls: linear functions of one, two and three inputs, the vector/matrix form
 * `y = β + Ωx`, and the exponential and logarithm (UDL appendix B.1). The TODOs are the book's
 * linear equations written out: `linear_function_1D` is `y = β + ωx`, `linear_function_2D` is
 * `y = β + ω1 x1 + ω2 x2` and `linear_function_3D` is `y = β + ω1 x1 + ω2 x2 + ω3 x3`.
 */
import { arange, exp, log, matmul, meshgrid, type Tensor, type TensorLike, tensor } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's `linear_function_1D(x, beta, omega)`: `y = β + ωx`, elementwise. */
export function linearFunction1D(x: TensorLike, beta: number, omega: number): Tensor {
  return tensor(x).mul(omega).add(beta);
}

/** The notebook's `linear_function_2D(x1, x2, beta, omega1, omega2)`: `y = β + ω1 x1 + ω2 x2`. */
export function linearFunction2D(
  x1: TensorLike,
  x2: TensorLike,
  beta: number,
  omega1: number,
  omega2: number,
): Tensor {
  return tensor(x1).mul(omega1).add(tensor(x2).mul(omega2)).add(beta);
}

/** The notebook's `linear_function_3D(x1, x2, x3, beta, omega1, omega2, omega3)`: one linear equation of three inputs. */
export function linearFunction3D(
  x1: number,
  x2: number,
  x3: number,
  beta: number,
  omega1: number,
  omega2: number,
  omega3: number,
): number {
  return beta + omega1 * x1 + omega2 * x2 + omega3 * x3;
}

/** The 2-D plot's grid: `np.meshgrid(np.arange(0.0, 10.0, 0.1), np.arange(0.0, 10.0, 0.1))`, each `[100, 100]`. */
export function plotGrid2D(): [Tensor, Tensor] {
  const [x1, x2] = meshgrid(arange(0.0, 10.0, 0.1), arange(0.0, 10.0, 0.1));
  return [x1!, x2!];
}

export function run(nb: Notebook): void {
  // Plot the 1D linear function
  let x = arange(0.0, 10.0, 0.01);
  let beta = 0.0;
  const omega = 1.0;
  let y = linearFunction1D(x, beta, omega);
  nb.setAll({ x, beta, omega, y });

  // Plot the 2D function
  let [x1, x2]: (Tensor | number)[] = plotGrid2D();
  beta = 0.0;
  const omega1 = 1.0;
  const omega2 = -0.5;
  y = linearFunction2D(x1!, x2!, beta, omega1, omega2);
  nb.setAll({ x1, x2, beta, omega1, omega2, y });

  // Two linear equations of three inputs, one at a time and in vector/matrix form
  const beta1 = 0.5;
  const beta2 = 0.2;
  const [omega11, omega12, omega13] = [-1.0, 0.4, -0.3];
  const [omega21, omega22, omega23] = [0.1, 0.1, 1.2];
  x1 = 4;
  x2 = -1;
  const x3 = 2;
  nb.setAll({ beta1, beta2, omega11, omega12, omega13, omega21, omega22, omega23, x1, x2, x3 });
  const y1 = linearFunction3D(x1, x2, x3, beta1, omega11, omega12, omega13);
  const y2 = linearFunction3D(x1, x2, x3, beta2, omega21, omega22, omega23);
  nb.setAll({ y1, y2 });
  nb.print('Individual equations');
  nb.print(pyFormat('y1 = %3.3f\ny2 = %3.3f', y1, y2));

  const beta_vec = tensor([[beta1], [beta2]]);
  const omega_mat = tensor([
    [omega11, omega12, omega13],
    [omega21, omega22, omega23],
  ]);
  const x_vec = tensor([[x1], [x2], [x3]]);
  const y_vec = beta_vec.add(matmul(omega_mat, x_vec));
  nb.setAll({ beta_vec, omega_mat, x_vec, y_vec });
  nb.print('Matrix/vector form');
  const [[v1], [v2]] = y_vec.toArray() as number[][];
  nb.print(pyFormat('y1= %3.3f\ny2 = %3.3f', v1, v2));

  // Draw the exponential function
  x = arange(-5.0, 5.0, 0.01);
  y = exp(x);
  nb.setAll({ x, y });

  // Draw the logarithm function
  x = arange(0.01, 5.0, 0.01);
  y = log(x);
  nb.setAll({ x, y });
}
