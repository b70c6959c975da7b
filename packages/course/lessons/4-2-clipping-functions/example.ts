import { linspace } from '@gradkit/core';
import { deepNetwork } from '@gradkit/nn';

// Notebook 4.2's network in matrix form (UDL eq. 4.15): one input, two hidden layers of three
// ReLU units, one output. beta_k are the columns of offsets, Omega_k the slopes (theta, psi, phi).
const beta0 = [[0.3], [-1.0], [-0.5]];
const omega0 = [[-1.0], [2.0], [0.65]];
const beta1 = [[0.3], [-0.2], [0.3]];
const omega1 = [
  [2.0, -1.0, 7.0],
  [2.0, 1.2, -8.0],
  [-2.3, -0.8, 2.0],
];
const beta2 = [[0.0]];
const omega2 = [[0.5, -1.5, 2.2]];

const x = linspace(0, 1, 5).reshape([1, 5]); // examples in columns
const { output, preactivations } = deepNetwork(x, [beta0, beta1, beta2], [omega0, omega1, omega2]);
console.log('y:', output.toArray());
console.log("second layer's pre-activations:", preactivations[1]!.toArray());
