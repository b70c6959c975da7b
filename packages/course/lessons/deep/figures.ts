/** Deep networks I's figure: the notebook's two shallow networks and their composition. */
import { arange } from '@gradkit/core';
import { DEEP_NOTEBOOK_NETWORKS, shallowNetwork } from '@gradkit/nn';
import { type Figure, functionPlot } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'deep-compose': () => {
    const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
    const x = arange(-1, 1.001, 0.01);
    const net1 = shallowNetwork(x, n1);
    const list = (t: { toList(): unknown }) => t.toList() as number[];
    return functionPlot({
      x: list(x),
      series: [
        { name: 'network 1', y: list(net1) },
        { name: 'network 2', y: list(shallowNetwork(x, n2)) },
        { name: 'network 2 ∘ network 1', y: list(shallowNetwork(net1, n2)) },
      ],
      xLabel: 'input x',
      yLabel: 'output',
      title: 'Composing two shallow networks',
    });
  },
};
