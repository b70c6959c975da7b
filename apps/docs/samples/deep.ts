import { linspace } from '@gradkit/core';
import { compose, shallowNetwork } from '@gradkit/nn';

// The Deep notebook's two networks (one input, three ReLU hidden units, one output).
const n1 = {
  phi0: 1.0,
  phi1: -2.0,
  phi2: -3.0,
  phi3: 9.3,
  theta10: 0.0,
  theta11: -1.0,
  theta20: 0,
  theta21: 1.0,
  theta30: -0.67,
  theta31: 1.0,
};
const n2 = {
  phi0: 0.5,
  phi1: -1.0,
  phi2: -1.5,
  phi3: 2.0,
  theta10: -0.6,
  theta11: -1.0,
  theta20: 0.2,
  theta21: 1.0,
  theta30: -0.5,
  theta31: 1.0,
};
const net12 = compose(
  (x) => shallowNetwork(x, n1),
  (x) => shallowNetwork(x, n2),
);
const x = linspace(-1, 1, 5);
console.log('network 1:', shallowNetwork(x, n1).toArray());
console.log('network 2 after network 1:', net12(x).toArray());
