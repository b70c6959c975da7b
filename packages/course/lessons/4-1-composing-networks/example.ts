import { linspace } from '@gradkit/core';
import { compose, DEEP_NOTEBOOK_NETWORKS, shallowNetwork } from '@gradkit/nn';

// Notebook 4.1's two networks (one input, three ReLU hidden units, one output).
const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
const net12 = compose(
  (x) => shallowNetwork(x, n1),
  (x) => shallowNetwork(x, n2),
);
const x = linspace(-1, 1, 5);
console.log('network 1:', shallowNetwork(x, n1).toArray());
console.log('network 2 after network 1:', net12(x).toArray());
