/**
 * Notebook 4.1 — Composing networks (`4_1_Composing_Networks.md`; the CM20315 practical "Deep"
 * runs the same code with two extra cells that plot each network on its own), translated to
 * library calls: two shallow networks with one input, three ReLU hidden units and one output
 * (UDL eq. 3.1), and the deep networks made by feeding one into the other (UDL 4.1, figure 4.1).
 * `shallow_1_1_3` is nn's `shallowNetwork` (the parameters as an object), the two networks are
 * nn's `DEEP_NOTEBOOK_NETWORKS`, and the TODO "feed the output of the first network into the
 * second" is `shallowNetwork(net1_out, n2)`. The notebook's questions "how many linear regions?"
 * are answered by nn's `countLinearRegions` on the plotted curves (recorded as `linear_regions`,
 * which the notebook leaves to the reader).
 */
import { arange, type Tensor } from '@gradkit/core';
import { countLinearRegions, DEEP_NOTEBOOK_NETWORKS, shallowNetwork } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { parameterVariables } from '../shallow/notebook.js';

export function run(nb: Notebook): void {
  const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
  nb.setAll(parameterVariables('n1_', n1));
  nb.setAll(parameterVariables('n2_', n2));

  // Both networks on [-1, 1), then the output of the first fed into the second (the TODO).
  const x = arange(-1, 1, 0.001);
  let net1_out = shallowNetwork(x, n1);
  let net2_out = shallowNetwork(x, n2);
  let net12_out = shallowNetwork(net1_out, n2);
  const linear_regions: Record<string, number> = {};
  const regions = (y: Tensor) => countLinearRegions(x, y).count;
  linear_regions.net1 = regions(net1_out);
  linear_regions.net2 = regions(net2_out);
  linear_regions.net12 = regions(net12_out);

  // The second network with n2_phi_1 * -1.
  const n2Flipped = { ...n2, phi1: n2.phi1 * -1 };
  net1_out = shallowNetwork(x, n1);
  net2_out = shallowNetwork(x, n2Flipped);
  net12_out = shallowNetwork(net1_out, n2Flipped);
  linear_regions.net12_phi1_neg = regions(net12_out);

  // The first network with n1_phi_1 * 0.5, into the original second network.
  net1_out = shallowNetwork(x, { ...n1, phi1: n1.phi1 * 0.5 });
  net2_out = shallowNetwork(x, n2);
  net12_out = shallowNetwork(net1_out, n2);
  linear_regions.net12_n1_phi1_half = regions(net12_out);

  // The first network fed into a copy of itself.
  net1_out = shallowNetwork(x, n1);
  const net2_out_new = shallowNetwork(x, n1);
  net12_out = shallowNetwork(net1_out, n1);
  linear_regions.net11 = regions(net12_out);

  // Three layers: two copies of the first network, then the second.
  const net123_out = shallowNetwork(net12_out, n2);
  linear_regions.net112 = regions(net123_out);

  nb.setAll({ x, net1_out, net2_out, net12_out, net2_out_new, net123_out, linear_regions });
}
