import { tensor } from '@gradkit/core';
import { deepNetwork, relu } from '@gradkit/nn';

// Notebook 3.2's hidden layer (θk0; θk1, θk2 per unit) and its two rows of output weights.
const beta0 = [[-4.0], [5.0], [-7.0]];
const omega0 = [
  [0.9, 0.0],
  [-0.9, -0.5],
  [0.5, 0.9],
];
const beta1 = [[0.0], [-2.0]];
const omega1 = [
  [-2.0, 2.0, 1.5],
  [-1.0, -2.0, 0.8],
];

// Three input points (x1, x2) as columns: (1, 1), (5, 5), (9, 8).
const x = tensor([
  [1, 5, 9],
  [1, 5, 8],
]);
const r = deepNetwork(x, [beta0, beta1], [omega0, omega1], relu);
console.log('hidden units:', r.activations[0]!.toArray());
console.log('y1, y2:', r.output.toArray());
