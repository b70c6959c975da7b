import { linspace } from '@gradkit/core';
import { relu, shallow1_1_3 } from '@gradkit/nn';

// The network with one input, three hidden units and one output (UDL eq. 3.1).
const x = linspace(0, 1, 5);
const r = shallow1_1_3(x, relu, -0.3, 2.0, -1.0, 7.0, 0.3, -1.0, -1.0, 2.0, -0.5, 0.65);
console.log('pre-activations of h1:', r.pre1.toArray());
console.log('output y:', r.y.toArray());
