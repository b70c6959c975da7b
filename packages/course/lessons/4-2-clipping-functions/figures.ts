/**
 * Notebook 4.2's figures: the second layer of the two-layer network (UDL figure 4.5: the
 * pre-activations, their clipped versions h'_d and the weighted h'_d that sum to the output), and
 * the output before and after each of the three changes the notebook asks about.
 */
import { arange } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { type Figure, functionPlotWithLegend, shallowNetworkGrid } from '@gradkit/plot';
import { type ClippingParameters, changedParameters, getParameters, shallow1133 } from './notebook.js';

const list = (t: { toList(): unknown }) => t.toList() as number[];
/** The notebook's x = np.arange(0, 1, 0.01), and the network on it. */
const x = () => arange(0, 1, 0.01);
const net = (p: ClippingParameters) => shallow1133(x(), relu, p.phi, p.psi, p.theta);

/** The output before and after a change (a legend: both curves often end at the same point). */
function compare(changed: ClippingParameters, name: string, title: string): Figure {
  return functionPlotWithLegend({
    x: list(x()),
    series: [
      { name: 'original', y: list(net(getParameters()).y) },
      { name, y: list(net(changed).y) },
    ],
    xLabel: 'Input, x',
    yLabel: 'Output, y',
    title,
    legend: 'top-left',
  });
}

export const figures: Record<string, () => Figure> = {
  'clipping-layer2': () => {
    const r = net(getParameters());
    return shallowNetworkGrid({
      x: list(x()),
      preActivations: [r.layer2_pre_1, r.layer2_pre_2, r.layer2_pre_3].map(list),
      activations: [r.h1_prime, r.h2_prime, r.h3_prime].map(list),
      weighted: [r.phi1_h1_prime, r.phi2_h2_prime, r.phi3_h3_prime].map(list),
      yDomain: [-1, 1],
      title: 'Second hidden layer: ψd0 + Σj ψdj hj, then h′d = ReLU[·], then φd h′d',
    });
  },
  'clipping-psi10': () =>
    compare(changedParameters('psi10-up'), 'ψ10 = 0.8', 'Question 1: increase ψ10 (from 0.3 to 0.8)'),
  'clipping-psi2-negated': () =>
    compare(changedParameters('psi2-negated'), 'ψ2· × (−1)', 'Question 2: multiply ψ20, ψ21, ψ22, ψ23 by −1'),
  'clipping-phi3': () =>
    compare(changedParameters('phi3-negative'), 'φ3 = −1', 'Question 3: set φ3 to −1 (from 2.2)'),
};
