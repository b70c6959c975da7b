import { linspace, RandomState } from '@gradkit/core';
import { composeShallowToMatrix, DEEP_NOTEBOOK_NETWORKS, deepNetwork } from '@gradkit/nn';

const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
// The composition as one network with two hidden layers (UDL eq. 4.15); examples are columns.
const { betas, omegas } = composeShallowToMatrix(n1, n2);
console.log('Ω shapes:', omegas.map((o) => o.shape.join('x')).join(', '));
console.log('y:', deepNetwork(linspace(-1, 1, 5).reshape([1, 5]), betas, omegas).output.toArray());

// The notebook's last network: 4 inputs, hidden layers of 5, 2 and 4 units, one output.
const rng = new RandomState(0);
const widths = [4, 5, 2, 4, 1];
const W = widths.slice(1).map((d, k) => rng.normal(0, 1, [d, widths[k] as number]));
const B = widths.slice(1).map((d) => rng.normal(0, 1, [d, 1]));
console.log('output for 3 examples:', deepNetwork(rng.normal(0, 1, [4, 3]), B, W).output.shape);
